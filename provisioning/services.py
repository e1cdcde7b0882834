"""Creating sites: validate a spec, create the schema, build the skeleton.

The one service behind every door (management commands, the console, the demo).
Everything happens in one database transaction -- PostgreSQL's DDL is
transactional -- so a provisioning that fails part-way leaves no schema, no
registry row and no domain behind.

A schema is cloned from the site template (provisioning.template), or made by
running the migrations when no current template exists. The full skeletons per
kind of site and the editorial boards are still to come (issue 4).
"""

import logging
import unicodedata
from dataclasses import dataclass, field

from django_tenants.utils import schema_context

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from tenants import services as tenant_services
from tenants.models import Domain, SiteStatus, Tenant, record

logger = logging.getLogger(__name__)


@dataclass
class SiteSpec:
    """What the operations centre says about a new site."""

    slug: str
    name: str
    kind: str
    domains: list[str]
    name_en: str = ""
    parent: str | None = None
    #: empty: the theme whose manifest lists this kind of site (core.theming)
    theme: str = ""
    languages: list[str] = field(default_factory=lambda: ["vi"])

    def __post_init__(self):
        self.slug = (self.slug or "").strip()
        self.name = unicodedata.normalize("NFC", (self.name or "").strip())
        self.name_en = unicodedata.normalize("NFC", (self.name_en or "").strip())
        self.domains = [d.strip().lower().rstrip(".") for d in self.domains if d and d.strip()]
        if not self.theme:
            from core.theming import default_theme_for

            self.theme = default_theme_for(self.kind)


def validate(spec: SiteSpec) -> tuple[Tenant, list[Domain]]:
    """Check a spec against the registry; return unsaved rows or raise ValidationError."""
    parent = None
    if spec.parent:
        parent = Tenant.objects.filter(slug=spec.parent).first()
        if parent is None:
            raise ValidationError(
                {"parent": _("Không tìm thấy trang cấp trên có mã “%(slug)s”.") % {"slug": spec.parent}}
            )
    tenant = Tenant(
        slug=spec.slug, name=spec.name, name_en=spec.name_en, kind=spec.kind, parent=parent,
        theme=spec.theme, languages=spec.languages, status=SiteStatus.PROVISIONING,
    )
    tenant.schema_name = Tenant.schema_name_for(spec.slug)
    errors = {}
    try:
        tenant.full_clean(exclude=["schema_name"] if not spec.slug else None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not spec.domains:
        errors.setdefault("domains", []).append(_("Trang phải có ít nhất một tên miền."))
    if len(set(spec.domains)) != len(spec.domains):
        errors.setdefault("domains", []).append(_("Danh sách tên miền bị trùng lặp."))
    domains = []
    for index, host in enumerate(spec.domains):
        domain = Domain(domain=host, is_primary=index == 0)
        try:
            domain.full_clean(exclude=["tenant"])
        except ValidationError as exc:
            errors.setdefault("domains", []).extend(
                message for messages in exc.message_dict.values() for message in messages
            )
        domains.append(domain)
    if errors:
        raise ValidationError(errors)
    return tenant, domains


@transaction.atomic
def provision_site(spec: SiteSpec, *, actor="system") -> Tenant:
    """Create a complete, active site from ``spec``, or nothing at all."""
    tenant, domains = validate(spec)
    tenant.save()
    for domain in domains:
        domain.tenant = tenant
        domain.save()
    build_site(tenant)
    record(actor, "site.created", tenant, domains=spec.domains)
    logger.info("Provisioned site %s (%s)", tenant.slug, tenant.schema_name)
    return tenant


def build_site(tenant: Tenant, *, clone: bool = True) -> None:
    """Create the schema of a registered site and its page skeleton, then activate it.

    The schema is cloned from the site template when a current one exists
    (provisioning.template), else made by running every migration (the fallback,
    and the benchmark's baseline with ``clone=False``).
    """
    from provisioning import template

    with connection.cursor() as cursor:
        # Migrations that insert rows and then alter the same tables cannot run in
        # one transaction while foreign-key checks are deferred to its commit.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if not (clone and template.clone_schema(tenant.schema_name)):
        tenant.create_schema(check_if_exists=True, verbosity=0)
    with schema_context(tenant.schema_name):
        _build_skeleton(tenant)
    tenant_services.sync_wagtail_site(tenant)
    tenant.status = SiteStatus.ACTIVE
    tenant.save(update_fields=["status", "updated_at"])


def _build_skeleton(tenant: Tenant) -> None:
    from wagtail.models import Locale, Page, Site

    from documents.models import DocumentIndexPage
    from home.models import HomePage
    from news.models import NewsIndexPage

    vi, _created = Locale.objects.get_or_create(language_code="vi")
    for code in tenant.languages:
        Locale.objects.get_or_create(language_code=code)
    if HomePage.objects.exists():
        return
    root = Page.get_first_root_node()
    # The page Wagtail's migrations leave behind ("Welcome to your new Wagtail site!").
    for page in root.get_children():
        page.delete()
    home = root.add_child(
        instance=HomePage(title=tenant.name, slug="trang-chu", locale=vi, seo_title=tenant.name)
    )
    sections = [
        home.add_child(instance=NewsIndexPage(
            title="Tin tức", slug="tin-tuc", locale=vi, show_in_menus=True)),
        home.add_child(instance=DocumentIndexPage(
            title="Văn bản", slug="van-ban", locale=vi, show_in_menus=True)),
    ]
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    enable_languages(tenant, sections=sections)


#: English titles of the skeleton's sections, by slug
ENGLISH_SECTION_TITLES = {"tin-tuc": "News", "van-ban": "Documents"}


def enable_languages(tenant: Tenant, sections=()) -> None:
    """Give the active site schema a locale for each of the site's languages and, with
    English, the English home page under ``/en/`` (and English copies of ``sections``).

    Translators then translate any page (organisation, contact…) in wagtail-localize's
    editor: a translation needs its parent translated first, which the home page is.
    Safe to call again, e.g. when an operator switches English on for a site.
    """
    from wagtail.models import Locale

    from home.models import HomePage

    for code in tenant.languages:
        Locale.objects.get_or_create(language_code=code)
    if "en" not in tenant.languages:
        return
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None or HomePage.objects.filter(locale=en).exists():
        return
    home_en = home.copy_for_translation(en)
    home_en.title = home_en.seo_title = tenant.name_en or tenant.name
    home_en.save_revision().publish()
    for section in sections:
        copy = section.copy_for_translation(en)
        copy.title = ENGLISH_SECTION_TITLES.get(section.slug, section.title)
        copy.save_revision().publish()

"""Create (or bring up to date) one benchmarked project's site; print its summary as JSON.

Run by ``bench/pages.py`` as ``python -m bench.setup_site platform|plain [--reset]``
with ``DJANGO_SETTINGS_MODULE`` set to the matching settings module. The plain
project takes ``--sections`` (the platform's home sections, from the platform's
summary) so that both sites have the same skeleton and menu.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (str(ROOT / "platform"), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

SLUG = "bench"
DOMAIN = "bench.localhost"


def setup_platform(reset: bool) -> dict:
    from django_tenants.utils import schema_context

    from django.conf import settings
    from django.core.management import call_command

    from bench import content
    from bench.plain_site import SITE_NAME
    from provisioning.board import Member
    from provisioning.services import SiteSpec, provision_site
    from tenants.models import Tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    summary_file = Path(settings.DATA_DIR) / "bench-platform.json"
    tenant = Tenant.objects.filter(slug=SLUG).first()
    if tenant is not None and (reset or not summary_file.exists()):
        tenant.delete(force_drop=True)
        tenant = None
    if tenant is not None:
        # Bring the existing schema up to date with the models.
        call_command(
            "migrate_schemas", schema_name=tenant.schema_name, interactive=False, verbosity=0
        )
        return json.loads(summary_file.read_text(encoding="utf-8"))

    tenant = provision_site(
        SiteSpec(
            slug=SLUG,
            name=SITE_NAME,
            kind="provincial_portal",
            domains=[DOMAIN],
            languages=["vi"],
            board=[Member(email="bientap@bench.localhost", role="truong_ban")],
        ),
        actor="bench",
        invite=False,
    )
    with schema_context(tenant.schema_name):
        from wagtail.models import Locale

        from home.models import HomePage

        home = HomePage.objects.get(locale=Locale.objects.get(language_code="vi"))
        summary = content.populate(home)
        summary["sections"] = content.describe_sections(home)
    summary["host"] = DOMAIN
    summary_file.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return summary


def _create_database(name: str, reset: bool) -> None:
    import psycopg
    from psycopg import sql

    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        host=db["HOST"],
        port=db["PORT"] or None,
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reset:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_plain(reset: bool, sections: list[dict]) -> dict:
    from django.conf import settings

    summary_file = Path(settings.DATA_DIR) / "bench-plain.json"
    reset = reset or not summary_file.exists()
    _create_database(settings.DATABASES["default"]["NAME"], reset)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import content
    from bench.plain_site import SITE_NAME

    call_command("migrate", interactive=False, verbosity=0)

    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    if HomePage.objects.exists():
        return json.loads(summary_file.read_text(encoding="utf-8"))

    vi, _created = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    for page in root.get_children():  # Wagtail's "Welcome to your new Wagtail site!"
        page.delete()
    home = root.add_child(
        instance=HomePage(title=SITE_NAME, slug="trang-chu", locale=vi, seo_title=SITE_NAME)
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname=DOMAIN, port=80, root_page=home, is_default_site=True, site_name=SITE_NAME
    )
    failed = content.ensure_sections(home, sections)
    summary = content.populate(Page.objects.get(pk=home.pk).specific)
    summary["skipped"] = failed + summary["skipped"]
    summary["sections"] = content.describe_sections(home)
    summary["host"] = DOMAIN
    summary_file.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", choices=["platform", "plain"])
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--sections", default="[]", help="JSON list from the platform's summary")
    args = parser.parse_args()

    import logging

    logging.basicConfig(level=logging.WARNING)
    if args.project == "platform":
        import django

        django.setup()
        summary = setup_platform(args.reset)
    else:
        summary = setup_plain(args.reset, json.loads(args.sections))
    from django.conf import settings

    summary["page_cache_setting"] = hasattr(settings, "PAGE_CACHE_TIMEOUT")
    sys.stdout.write("BENCH-SUMMARY " + json.dumps(summary, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

"""A demo site's branding, sections, menu and home page, from ``sections/<slug>.yaml``.

``build_sections`` runs inside the schema of a site the provisioning service has
just made (a Vietnamese home page with ``tin-tuc`` and ``van-ban``; English
copies of them when the site has English) and whose news and documents exist.
"""

import json

from django.db import connection

from provisioning.demo import pages
from provisioning.demo.publishing import publish_changes
from provisioning.demo.text import nfc, numbered, paragraphs, rich_text


def build_sections(data: dict, *, intro: str | None = None) -> None:
    """Brand the site, publish its sections in menu order, arrange its home page
    (with ``intro``) and, when the site has English, publish the English pages
    ``data`` translates."""
    from wagtail.models import Locale

    from home.models import HomePage

    vi = Locale.objects.get(language_code="vi")
    home = HomePage.objects.get(locale=vi)
    apply_branding(data.get("branding") or {})
    built = {}
    for spec in data.get("sections", []):
        if "type" in spec:  # the others are sections provisioning made (news, documents)
            built[spec["slug"]] = pages.BUILDERS[spec["type"]](home, spec, vi)
    menu = [spec["slug"] for spec in data.get("sections", [])]
    order_children(home, menu)
    arrange_home(home, data.get("home"), intro=intro)

    english = home.get_translations().filter(locale__language_code="en").first()
    if english is None or not data.get("english"):
        return
    for spec in data.get("sections", []):
        if spec.get("en") and spec["slug"] in built:
            TRANSLATORS[spec["type"]](built[spec["slug"]], spec["en"], english.locale)
    english_slugs = [spec.get("en", {}).get("slug", spec["slug"]) for spec in data["sections"]]
    order_children(english, english_slugs)
    arrange_home(english.specific, data["english"].get("home"), intro=data["english"].get("intro"))


def refresh_schedule(data: dict) -> list:
    """Add this week's (and last week's) schedule to an existing demo site that lacks
    them, so a demo run weeks later still shows a current schedule. Returns the
    pages published (none when the site has no schedule or is up to date)."""
    from schedule.models import WorkScheduleIndexPage

    with connection.cursor() as cursor:
        # A site made before the schedule app existed has no table for it (its
        # schema is migrated apart from the demo): nothing to refresh there.
        cursor.execute("SELECT to_regclass(%s)", [WorkScheduleIndexPage._meta.db_table])
        if cursor.fetchone()[0] is None:
            return []
    for spec in data.get("sections", []):
        if spec.get("type") == "schedule":
            index = WorkScheduleIndexPage.objects.filter(
                slug=spec["slug"], locale__language_code="vi"
            ).first()
            return pages.add_missing_weeks(index, spec) if index else []
    return []


def apply_branding(spec: dict) -> None:
    """The footer block the regulations require (agency, address, contacts, licence)."""
    from branding.models import SiteBranding

    if not spec:
        return
    branding = SiteBranding.load()
    for name, value in spec.items():
        setattr(branding, name, nfc(value))
    branding.full_clean()
    branding.save()


def order_children(parent, slugs: list[str]) -> None:
    """Put ``parent``'s children named in ``slugs`` first, in that order (the menu
    follows the tree's order); slugs with no page are skipped. Moves only the
    pages out of place."""
    from wagtail.models import Page

    previous = None
    for slug in slugs:
        children = list(parent.get_children().only("id", "slug", "path", "depth"))
        position = {child.slug: index for index, child in enumerate(children)}
        if slug not in position:
            continue
        expected = 0 if previous is None else position[previous.slug] + 1
        if position[slug] != expected:
            page = Page.objects.get(pk=children[position[slug]].pk)
            if previous is None:
                page.move(parent, pos="first-child")
            else:
                page.move(Page.objects.get(pk=previous.pk), pos="right")
        previous = children[position[slug]]


def arrange_home(home, blocks, *, intro=None) -> None:
    """Publish ``home`` with ``intro`` and a body made of ``blocks``: a list of one-key
    mappings, block type to its settings (articles, categories by slug)."""
    if not blocks and not intro:
        return
    if intro:
        home.intro = paragraphs(intro)
    home.body = json.dumps([_home_block(home, block) for block in blocks or []])
    publish_changes(home)


def _home_block(home, block: dict) -> dict:
    from news.models import NewsArticlePage, NewsCategory
    from schedule.models import WorkScheduleIndexPage

    ((kind, value),) = block.items()
    if kind == "featured_story":
        # None: the block shows the latest story of the home page's language.
        story = None
        if value and value.get("article"):
            story = NewsArticlePage.objects.get(slug=value["article"], locale_id=home.locale_id)
        return {"type": kind, "value": {"page": story.pk if story else None}}
    if kind == "latest_news":
        category = None
        if value.get("category"):
            # The Vietnamese category, on an English home too: the block matches
            # categories by translation key, and translated articles keep the original's.
            category = NewsCategory.objects.get(
                slug=value["category"], locale__language_code="vi"
            )
        return {"type": kind, "value": {
            "heading": nfc(value["heading"]), "category": category.pk if category else None,
            "count": value.get("count", 5),
        }}
    if kind == "latest_documents":
        return {"type": kind, "value": {
            "heading": nfc(value["heading"]), "count": value.get("count", 5),
        }}
    if kind == "schedule":
        index = WorkScheduleIndexPage.objects.filter(locale__language_code="vi").first()
        return {"type": kind, "value": {"heading": nfc(value["heading"]), "page": index.pk}}
    if kind == "links":
        return {"type": kind, "value": {"heading": nfc(value["heading"]), "links": [
            {"title": nfc(link["title"]), "url": link["url"]} for link in value["links"]
        ]}}
    if kind == "text":
        return {"type": kind, "value": rich_text(value)}
    raise ValueError(f"Unknown home block: {kind}")


def translate_organisation(page, spec: dict, locale):
    """The English organisation page national rules require: functions, tasks,
    structure, and the leaders' and units' titles (names stay as they are)."""
    copy = page.copy_for_translation(locale)
    _translate_common(copy, spec)
    copy.intro = paragraphs(spec.get("intro"))
    copy.functions = paragraphs(spec.get("functions"))
    copy.tasks = numbered(spec["tasks"]) if spec.get("tasks") else ""
    structure = rich_text(spec.get("structure"))
    copy.structure = json.dumps([{"type": "paragraph", "value": structure}] if structure else [])
    leaders = list(copy.leaders.all())
    for leader, english in zip(leaders, spec.get("leaders", []), strict=False):
        leader.title = nfc(english["title"])
        leader.responsibilities = nfc(english.get("responsibilities", ""))
    copy.leaders = leaders
    units = list(copy.units.all())
    for unit, english in zip(units, spec.get("units", []), strict=False):
        unit.name = nfc(english["name"])
        unit.head = nfc(english.get("head", unit.head))
        unit.address = nfc(english.get("address", unit.address))
    copy.units = units
    publish_changes(copy)
    return copy


def translate_contact(page, spec: dict, locale):
    """The English contact page national rules require."""
    copy = page.copy_for_translation(locale)
    _translate_common(copy, spec)
    copy.intro = paragraphs(spec.get("intro"))
    for name in ("agency_name", "address", "working_hours", "officer"):
        if spec.get(name):
            setattr(copy, name, nfc(spec[name]))
    publish_changes(copy)
    return copy


def _translate_common(copy, spec: dict) -> None:
    copy.title = nfc(spec["title"])
    copy.slug = spec.get("slug", copy.slug)
    copy.seo_title = nfc(spec.get("seo_title", ""))
    copy.search_description = nfc(spec.get("description", ""))


TRANSLATORS = {"organisation": translate_organisation, "contact": translate_contact}

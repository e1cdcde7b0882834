"""A site's branding, sections, menu and home page, from a mapping: a kind's
skeleton (``provisioning/skeletons/<kind>.yaml``) or a demo site's
``demo/sections/<slug>.yaml`` (the same format; see skeletons/README.md).

``build_sections`` runs inside the site's schema, under its Vietnamese home page
(and its English home when the site has English).
"""

import json

from django.db import connection

from core.text import nfc
from provisioning.skeleton import pages
from provisioning.skeleton.publishing import publish_changes
from provisioning.skeleton.text import numbered, paragraphs, rich_text


def build_sections(data: dict, *, intro: str | None = None) -> None:
    """Brand the site, publish its sections in menu order (a section replaces the
    page of the same slug, e.g. a demo site's filled-in section replaces the
    skeleton's empty one), arrange its home page (with ``intro``) and, when the site
    has English, publish the English pages ``data`` translates."""
    from wagtail.models import Locale

    from home.models import HomePage

    vi = Locale.objects.get(language_code="vi")
    home = HomePage.objects.get(locale=vi)
    apply_branding(data.get("branding") or {})
    for spec in data.get("sections", []):
        if "type" in spec:  # the others name sections that exist already
            remove_section(home, spec["slug"])
            pages.BUILDERS[spec["type"]](home, spec, vi)
    menu = [spec["slug"] for spec in data.get("sections", [])]
    order_children(home, menu)
    arrange_home(home, data.get("home"), intro=intro)
    english = home.get_translations().filter(locale__language_code="en").first()
    if english is not None:
        translate_sections(data, home, english)


def translate_sections(data: dict, home, english) -> None:
    """Publish the English version of each section of ``data`` that says what it
    is in English (``en``) and is not translated yet, in menu order, and arrange
    the English home page (``data["english"]``). ``english`` is the English home."""
    children = {page.slug: page for page in home.get_children().specific()}
    translated = set(english.get_children().values_list("translation_key", flat=True))
    for spec in data.get("sections", []):
        page = children.get(spec["slug"])
        if spec.get("en") and page is not None and page.translation_key not in translated:
            TRANSLATORS.get(type(page).__name__, translate_title)(page, spec["en"], english.locale)
    # The English menu follows the Vietnamese one, whoever made the translations.
    english_slugs = dict(english.get_children().values_list("translation_key", "slug"))
    order_children(
        english,
        [
            english_slugs[key]
            for key in home.get_children().values_list("translation_key", flat=True)
            if key in english_slugs
        ],
    )
    if data.get("english"):
        arrange_home(
            english.specific, data["english"].get("home"), intro=data["english"].get("intro")
        )


def remove_section(home, slug: str) -> None:
    """Delete the section ``slug`` under ``home`` with its translations, if there is one."""
    for page in home.get_children().filter(slug=slug):
        for translation in page.get_translations():
            translation.delete()
        page.delete()


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
            category = NewsCategory.objects.get(slug=value["category"], locale__language_code="vi")
        return {
            "type": kind,
            "value": {
                "heading": nfc(value["heading"]),
                "category": category.pk if category else None,
                "count": value.get("count", 5),
            },
        }
    if kind == "latest_documents":
        return {
            "type": kind,
            "value": {
                "heading": nfc(value["heading"]),
                "count": value.get("count", 5),
            },
        }
    if kind == "schedule":
        index = WorkScheduleIndexPage.objects.filter(locale__language_code="vi").first()
        return {"type": kind, "value": {"heading": nfc(value["heading"]), "page": index.pk}}
    if kind == "links":
        return {
            "type": kind,
            "value": {
                "heading": nfc(value["heading"]),
                "links": [
                    {"title": nfc(link["title"]), "url": link["url"]} for link in value["links"]
                ],
            },
        }
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
    from wagtail.models import Page

    copy.title = nfc(spec["title"])
    if spec.get("slug", copy.slug) != copy.slug:
        # A translation made a moment ago has no URL anyone knows: renamed in place,
        # without the redirect from the old slug a save would add (an on-commit hook).
        copy.slug = spec["slug"]
        copy.set_url_path(copy.get_parent())
        Page.objects.filter(pk=copy.pk).update(slug=copy.slug, url_path=copy.url_path)
    copy.seo_title = nfc(spec.get("seo_title", ""))
    copy.search_description = nfc(spec.get("description", ""))


def translate_title(page, spec: dict, locale):
    """The English version of a section whose content is its children (news,
    documents, schedule…): its title, slug and description."""
    copy = page.copy_for_translation(locale)
    _translate_common(copy, spec)
    if spec.get("intro") and hasattr(copy, "intro"):
        copy.intro = paragraphs(spec["intro"])
    publish_changes(copy)
    return copy


#: English translators by page type (the others: ``translate_title``)
TRANSLATORS = {"OrganisationPage": translate_organisation, "ContactPage": translate_contact}

"""The skeleton of a new site, kept as data: one file per kind of site in
``provisioning/skeletons/<kind>.yaml`` (format in that folder's README.md).

A skeleton names the site's languages, its approval workflow, its news
categories, its sections in menu order (with the English version of those national
rules require in English), and the blocks of its home pages. ``build`` publishes
it in a freshly made schema; the section builders are shared with the demo
(``provisioning.skeleton.sections``), which fills sections in the same format.
"""

import functools
from pathlib import Path

import yaml

SKELETON_DIR = Path(__file__).resolve().parent.parent / "skeletons"


@functools.cache
def _load(kind: str) -> dict:
    path = SKELETON_DIR / f"{kind}.yaml"
    if not path.exists():
        path = SKELETON_DIR / "other.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def for_kind(kind: str) -> dict:
    """The skeleton of ``kind`` as written in its file (shared: do not modify)."""
    return _load(kind)


def for_site(tenant) -> dict:
    """The skeleton of ``tenant``'s kind with ``{site}`` and ``{site_en}`` replaced by
    its names (a fresh copy)."""
    names = {"{site}": tenant.name, "{site_en}": tenant.name_en or tenant.name}

    def fill(value):
        if isinstance(value, str):
            for placeholder, name in names.items():
                value = value.replace(placeholder, name)
            return value
        if isinstance(value, list):
            return [fill(item) for item in value]
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()}
        return value

    return fill(_load(tenant.kind))


def build(tenant) -> None:
    """Publish the skeleton of ``tenant`` in the active schema, which holds only what
    the migrations made: the home pages (Vietnamese; English when the site has it),
    the news categories, the sections and the home pages' blocks.

    Wagtail's reference index is not updated page by page: the skeleton's pages
    refer to nothing (no images, documents or links to other pages), so there is
    nothing to record, and it saves a tenth of a site's creation."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with disable_reference_index_auto_update():
        _build(tenant)


def _build(tenant) -> None:
    from wagtail.models import Locale, Page, Site

    from core.text import nfc
    from home.models import HomePage
    from news.models import NewsCategory
    from provisioning.skeleton.publishing import publish
    from provisioning.skeleton.sections import build_sections

    data = for_site(tenant)
    vi, _created = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    # The page Wagtail's migrations leave behind ("Welcome to your new Wagtail site!").
    for page in root.get_children():
        page.delete()
    home = publish(
        root, HomePage(title=tenant.name, slug="trang-chu", locale=vi, seo_title=tenant.name)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    NewsCategory.objects.bulk_create(
        [
            NewsCategory(name=nfc(category["name"]), slug=category["slug"], locale=vi)
            for category in data.get("categories", [])
        ]
    )
    add_english_home(tenant)
    build_sections(data)


def add_english_home(tenant) -> bool:
    """Give the active schema a locale for each of the site's languages and, with
    English, the English home page under ``/en/``. Returns whether it made the home
    (False: no English, or it exists)."""
    from wagtail.models import Locale

    from home.models import HomePage
    from provisioning.skeleton.publishing import publish_changes

    for code in tenant.languages:
        Locale.objects.get_or_create(language_code=code)
    if "en" not in tenant.languages:
        return False
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None or HomePage.objects.filter(locale=en).exists():
        return False
    english = home.copy_for_translation(en)
    english.title = english.seo_title = tenant.name_en or tenant.name
    publish_changes(english)
    return True


def enable_languages(tenant) -> None:
    """Switch the active site's languages on: the English home and the English
    versions of the skeleton's sections that have none yet (the organisation and
    contact pages national rules require in English), for translators to complete
    in wagtail-localize. Safe to call again."""
    from home.models import HomePage
    from provisioning.skeleton.sections import translate_sections

    created = add_english_home(tenant)
    if "en" not in tenant.languages:
        return
    data = for_site(tenant)
    if not created:  # the board may have arranged the English home: left as it is
        data.pop("english", None)
    home = HomePage.objects.get(locale__language_code="vi")
    english = home.get_translations().get(locale__language_code="en")
    translate_sections(data, home, english)

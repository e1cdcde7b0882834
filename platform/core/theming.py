"""Template lookup by theme: the active site's theme first, then the base theme.

A theme is a folder ``themes/<name>/`` with ``templates/``, ``static/`` and a
``theme.json`` manifest. The site's theme comes from the registry
(``Tenant.theme``) through the connection's active tenant, so template lookup
needs no query.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loaders import cached, filesystem

from tenants.db import connection

BASE_THEME = "base"


def themes_dir() -> Path:
    return Path(settings.THEMES_DIR)


@cache
def available_themes() -> dict[str, dict]:
    """Manifests of the themes on disk, by name."""
    themes = {}
    for manifest in sorted(themes_dir().glob("*/theme.json")):
        themes[manifest.parent.name] = json.loads(manifest.read_text(encoding="utf-8"))
    return themes


def theme_choices():
    return [(name, meta.get("name", name)) for name, meta in available_themes().items()]


def current_theme() -> str:
    theme = getattr(connection.tenant, "theme", None)
    return theme if theme in available_themes() else BASE_THEME


class ThemeLoader(filesystem.Loader):
    def get_dirs(self):
        theme = current_theme()
        dirs = [themes_dir() / theme / "templates"]
        if theme != BASE_THEME:
            dirs.append(themes_dir() / BASE_THEME / "templates")
        return dirs


class ThemeCachedLoader(cached.Loader):
    """Django's cached loader, with the theme in the cache key."""

    def cache_key(self, template_name, skip=None):
        return f"{current_theme()}:{super().cache_key(template_name, skip)}"


def default_theme_for(kind: str) -> str:
    """The theme a new site of this kind gets unless the operator picks another."""
    for name, meta in available_themes().items():
        if kind in meta.get("kinds", []):
            return name
    return BASE_THEME


def theme_asset(theme: str, key: str) -> str | None:
    """Static path of a theme's asset named in its manifest (``stylesheet``, ``emblem``),
    falling back to the base theme's."""
    for name in (theme, BASE_THEME):
        asset = available_themes().get(name, {}).get(key)
        if asset:
            return f"themes/{name}/{asset}"
    return None

from django.templatetags.static import static

from core.theming import current_theme, theme_asset
from tenants.db import connection


def current_site(request):
    """The registry entry of the site being served (None on the console) and its theme."""
    tenant = getattr(request, "tenant", None) or connection.tenant
    theme = current_theme()
    stylesheet = theme_asset(theme, "stylesheet") if theme != "base" else None
    return {
        "current_site": tenant if hasattr(tenant, "slug") else None,
        "theme": {
            "name": theme,
            "stylesheet": static(stylesheet) if stylesheet else None,
            "emblem": static(theme_asset(theme, "emblem") or ""),
        },
    }

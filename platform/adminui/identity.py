"""The site's identity in its own admin: its Vietnamese name (the registry's) and its
logo or emblem (its branding settings), falling back to the theme's emblem.

``site_identity(request)`` costs no query on a warm request: the name comes from the
tenant the routing middleware already holds, the logo's address from the site's
cache (keys carry the schema, ``django_tenants.cache.make_key``), which a save of the
branding settings or of any image clears. It is memoised on the request, so every
template of one admin page shares one look-up.
"""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from core.theming import current_theme, theme_asset
from tenants.db import connection

logger = logging.getLogger(__name__)

CACHE_KEY = "adminui:identity:logo"
CONSOLE_NAME = _("Trung tâm Thông tin – Hội nghị")
#: the platform's own emblem, for the console and for sites without a logo
PLATFORM_EMBLEM = "themes/base/img/emblem.svg"
#: the rendition of a site's logo shown in the admin (sidebar, login page)
LOGO_FILTER = "max-240x240"


@dataclass(frozen=True)
class Identity:
    #: the site's Vietnamese name (the registry's), or the console's
    name: str
    #: address of the logo shown in the admin (the site's own, else an emblem)
    logo_url: str
    #: whether the logo is the site's own (uploaded) rather than an emblem
    own_logo: bool


def site_identity(request) -> Identity:
    """The identity of the site ``request`` is served for (see the module's docstring)."""
    cached = getattr(request, "_adminui_identity", None)
    if cached is not None:
        return cached
    tenant = getattr(request, "tenant", None) or connection.tenant
    if not hasattr(tenant, "slug"):  # the console (public schema)
        identity = Identity(str(CONSOLE_NAME), static(PLATFORM_EMBLEM), False)
    else:
        logo = cache.get(CACHE_KEY)
        if logo is None:
            logo = _logo_url(request)
            cache.set(CACHE_KEY, logo, None)
        fallback = theme_asset(current_theme(), "emblem") or PLATFORM_EMBLEM
        identity = Identity(tenant.name, logo or static(fallback), bool(logo))
    if request is not None:
        request._adminui_identity = identity
    return identity


def _logo_url(request) -> str:
    """The site's logo (else its emblem) as a rendition's address; "" when it has none."""
    from branding.models import SiteBranding

    branding = SiteBranding.load(request_or_site=request)
    image = branding.logo or branding.emblem
    if image is None:
        return ""
    try:
        return image.get_rendition(LOGO_FILTER).url
    except Exception:
        logger.exception("The admin logo's rendition failed; the emblem is shown instead.")
        return ""


def forget(**kwargs) -> None:
    """Drop the cached logo of the active site (its branding or an image changed)."""
    cache.delete(CACHE_KEY)


def connect() -> None:
    from wagtail.images import get_image_model

    from branding.models import SiteBranding

    post_save.connect(forget, sender=SiteBranding, dispatch_uid="adminui-branding-saved")
    for signal in (post_save, post_delete):
        signal.connect(forget, sender=get_image_model(), dispatch_uid=f"adminui-image-{signal}")

"""The site's own colours and banner as a stylesheet (``/branding.css``).

The page layout links it instead of an inline ``<style>`` and ``style=""``, which the
Content-Security-Policy of public pages (``style-src 'self'``) does not allow. Its
address carries ``SiteBranding.stylesheet_version``, so it can be cached for long.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from branding.models import HEX_COLOUR, SiteBranding

#: a year: the address changes whenever what the stylesheet says changes
MAX_AGE = 365 * 24 * 3600


def _css_url(url: str) -> str:
    """``url`` for ``url("...")``: only characters that cannot end the string."""
    return "".join(c if c.isalnum() or c in "/._-~:%?&=+," else f"%{ord(c):02X}" for c in url)


@require_safe
def branding_css(request):
    branding = SiteBranding.load(request_or_site=request)
    rules = []
    variables = []
    if HEX_COLOUR.match(branding.primary_colour or ""):
        variables.append(
            f"--brand:{branding.primary_colour};--brand-dark:{branding.primary_colour};"
        )
    if HEX_COLOUR.match(branding.accent_colour or ""):
        variables.append(f"--accent:{branding.accent_colour};")
    if variables:
        rules.append(":root{" + "".join(variables) + "}")
    if branding.banner_id:
        rendition = branding.banner.get_rendition("width-1600")
        rules.append(f'.site-banner{{background-image:url("{_css_url(rendition.url)}")}}')
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}" if request.GET.get("v") else "no-cache"
    return response

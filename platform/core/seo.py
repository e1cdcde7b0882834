"""``sitemap.xml`` and ``robots.txt`` of every site, from the site's own schema."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class SiteSitemap(Sitemap):
    """Every live public page of the site, in all its languages.

    Wagtail's own sitemap lists the default-language tree only; an English
    portal's pages live under a root of their own (its translation).
    """

    def items(self):
        return (
            Page.objects.filter(depth__gte=2)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


@require_GET
def sitemap(request):
    return sitemap_views.sitemap(request, sitemaps={"pages": SiteSitemap})


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /en/tim-kiem/",
        "",
        f"Sitemap: {base}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

"""URLs of every site (a site's own schema): Wagtail admin, documents, pages."""

from accounts import operator

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from branding.views import branding_css
from core import private_files, private_images, seo, views
from operations import visits

urlpatterns = [
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("branding.css", branding_css, name="branding_css"),
    # the visit counter's beacon (operations.visits): counts and answers the figures
    path("luot-truy-cap/", visits.beacon, name="visit_beacon"),
    # Wagtail's Sites admin is not installed (domains are the registry's); its
    # page explorer still links to "wagtailsites:index" for superusers.
    path(
        "admin/sites/",
        include(([path("", views.sites_managed_by_console, name="index")], "wagtailsites")),
    ),
    # the one-time link of an operator from the console (accounts.operator)
    path("admin/operator-sign-in/<str:token>/", operator.sign_in, name="operator_sign_in"),
    path("admin/", include(wagtailadmin_urls)),
    # visitors' forms: the proof-of-work challenge and the submission endpoint
    path("tham-gia/", include("participation.urls")),
    # Wagtail's serve view (same URL and name) with private files marked no-store
    path(
        "documents/<int:document_id>/<str:document_filename>",
        private_files.serve_document,
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # private images (core.private_images): checked, then streamed, never cached
    re_path(
        r"^anh-rieng/(?P<path>sites/[a-z][a-z0-9_]{1,40}/(?:original_images|images)/"
        r"private-[^/]+)$",
        private_images.serve_view,
        name="private_image",
    ),
]

if settings.SERVE_LOCAL_MEDIA:
    # Local media (embedded default): images only; documents go through Wagtail's
    # serve view, which checks the document's privacy.
    urlpatterns.append(
        re_path(
            # never a private image's file (core.private_images): those go through
            # the view below, which checks who asks
            r"^media/(?P<path>sites/[a-z][a-z0-9_]{1,40}/(?:original_images|images)/"
            r"(?!private-)[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += i18n_patterns(
    path("", include("sitesearch.urls")),
    path("", include("consultation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

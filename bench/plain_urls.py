"""URLs of the plain project: the platform's site URLs, unchanged."""

from config.urls_site import urlpatterns  # noqa: F401

"""Route each request by its host name to its site's schema.

Replaces django-tenants' ``TenantMainMiddleware``: the host lookup is cached
(no query to the registry on a warm request), an alias domain redirects to the
primary one, a site that is not active answers 503 with a Vietnamese notice,
an unknown host gets the "site not found" page (404), and the console host
serves only the console, only to ``CONSOLE_ALLOWED_NETWORKS`` when it is set
(403). ``ArchivedSiteMiddleware`` then keeps archived sites read-only.
"""

import functools
import re

from accounts.networks import network_refused, parse_networks, request_in
from django_tenants.utils import get_public_schema_name

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import set_urlconf
from django.utils.encoding import escape_uri_path, iri_to_uri

from wagtail.contrib.redirects.middleware import RedirectMiddleware

from core import views
from core.security import safe_path
from tenants import registry
from tenants.db import connection


class SiteRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection.set_schema_to_public()
        set_urlconf(None)
        try:
            host = request.get_host().rsplit(":", 1)[0].lower().rstrip(".")
        except DisallowedHost:
            return views.site_not_found(request, host="")

        if host in settings.CONSOLE_HOSTS:
            if settings.CONSOLE_ALLOWED_NETWORKS and not _console_allowed(request):
                return network_refused(request, console=True)
            request.tenant = connection.tenant
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
            set_urlconf(request.urlconf)
            return self.get_response(request)

        entry = registry.lookup_host(host)
        if entry is None:
            return views.site_not_found(request, host=host)
        if not entry.is_primary and entry.primary_domain:
            return HttpResponsePermanentRedirect(
                registry.site_url(entry.primary_domain, _same_host_path(request, request.path))
            )
        tenant = entry.tenant
        request.tenant = tenant
        if not tenant.is_serving:
            return views.site_unavailable(request, tenant)

        english_path = request.path_info == "/en" or request.path_info.startswith("/en/")
        if english_path and "en" not in tenant.languages:
            # A site without English: send visitors to the Vietnamese page, on this
            # host whatever follows /en (/en//evil.example is not another host).
            return HttpResponseRedirect(_same_host_path(request, request.path_info[3:]))

        connection.set_tenant(tenant)
        request.urlconf = settings.ROOT_URLCONF
        wagtail_site = registry.wagtail_site()
        if wagtail_site is not None:
            request._wagtail_site = wagtail_site
        return self.get_response(request)


def _console_allowed(request) -> bool:
    """Whether the client is in ``CONSOLE_ALLOWED_NETWORKS`` (parsed once per value)."""
    return request_in(request, _console_networks(tuple(settings.CONSOLE_ALLOWED_NETWORKS)))


@functools.lru_cache(maxsize=4)
def _console_networks(cidrs: tuple[str, ...]):
    return parse_networks(cidrs)


def _same_host_path(request, path: str) -> str:
    """``path`` (decoded) and the request's query string as a redirect target that stays
    on the host it is joined to: see ``core.security.safe_path``."""
    target = escape_uri_path(safe_path(path))
    # after the "?", nothing can name another host; only what a browser strips goes
    query = re.sub(r"[\x00-\x20\x7f]", "", iri_to_uri(request.META.get("QUERY_STRING", "")))
    return f"{target}?{query}" if query else target


class ArchivedSiteMiddleware:
    """An archived site is read-only: it serves every GET, and refuses every write with a
    Vietnamese notice (403) -- in its Wagtail admin (editing, publishing, uploads,
    settings, users) and anywhere else.

    Still allowed, because they change no content: signing in and out, the account
    page (a user must be able to change their own password) and password reset, and
    the password form of password-protected pages.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
    ALLOWED_WRITES = re.compile(
        r"^(?:/en)?/(?:admin/(?:login|logout|account|password_reset)/"
        r"|_util/(?:login|authenticate_with_password)/)"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from tenants.models import SiteStatus

        tenant = getattr(request, "tenant", None)
        if (
            getattr(tenant, "status", None) == SiteStatus.ARCHIVED
            and request.method not in self.SAFE_METHODS
            and not self.ALLOWED_WRITES.match(request.path_info)
        ):
            return views.site_archived(request, tenant)
        return self.get_response(request)


class SiteRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, for sites only: the console (public schema) has no Wagtail tables."""

    def process_response(self, request, response):
        if connection.schema_name == get_public_schema_name():
            return response
        return super().process_response(request, response)

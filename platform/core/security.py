"""Security headers on every response and safe redirect targets (docs/security.md).

The middlewares here sit before the routing middleware (settings ``MIDDLEWARE``),
so the responses it makes itself (unknown host, suspended site, alias redirect)
and the pages served from the page cache get the same headers as any other.
"""

import re

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings

#: the Wagtail admin of a site (also under the /en prefix) and Wagtail's own
#: forms outside it (password-protected pages) use the admin policy
ADMIN_PATH = re.compile(r"^(?:/en)?/(?:admin|_util)(?:/|$)")

#: C0 controls, DEL and whitespace (tab, CR, LF...), which browsers strip or read oddly
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
#: what a browser reads as the start of another host: //, /\, \\ ...
_LEADING_SLASHES = re.compile(r"^[/\\]+")


def safe_path(target: str) -> str:
    """A path on the current host for ``target``: never a scheme or another host.

    Control characters and whitespace are removed (browsers drop tabs and newlines
    inside URLs, so ``/\\t/evil.example`` is ``//evil.example``), backslashes become
    slashes (browsers read ``\\`` as ``/``), leading slashes collapse into one, and a
    target with a scheme (``javascript:``, ``https:``) is replaced by ``/``.
    """
    path = _CONTROL_OR_SPACE.sub("", target or "").replace("\\", "/")
    path = _LEADING_SLASHES.sub("/", path)
    if not path.startswith("/"):
        # "evil.example", "https://evil.example", "javascript:..." : none is a path here
        return "/"
    return path


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` (Django does not set it): settings ``PERMISSIONS_POLICY``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: ``CONTENT_SECURITY_POLICY`` for the
    sites' pages, ``CONTENT_SECURITY_POLICY_ADMIN`` for the Wagtail admin and the
    console (Django's admin), which still need inline styles and scripts.

    No nonces: pages are served from the page cache, so a nonce would be replayed.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _is_admin(request):
            parts.config = dict(settings.CONTENT_SECURITY_POLICY_ADMIN)
        return parts


def _is_admin(request) -> bool:
    if getattr(request, "urlconf", None) == settings.PUBLIC_SCHEMA_URLCONF:
        return True  # the console host
    return bool(ADMIN_PATH.match(request.path_info))

"""django-axes in a multi-site deployment: the client's address behind the proxies
and the Vietnamese page of a locked sign-in (429)."""

from django.conf import settings
from django.shortcuts import render

from tenants.db import connection


def client_ip(request) -> str | None:
    """The client's address: the peer's, or, behind ``AXES_IPWARE_PROXY_COUNT`` reverse
    proxies that each append to X-Forwarded-For, the entry the first proxy wrote
    (anything further left is whatever the client sent, and is not trusted)."""
    count = settings.AXES_IPWARE_PROXY_COUNT or 0
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page, in the site's admin or on the console."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "console": connection.schema_name == "public",
    }
    return render(
        request,
        "accounts/locked_out.html",
        context,
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )

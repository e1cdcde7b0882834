"""django-axes in a multi-site deployment: the client's address behind the proxies,
a limit per lockout parameter and the Vietnamese page of a locked sign-in (429)."""

from axes.handlers.database import AxesDatabaseHandler

from django.conf import settings
from django.db.models import Sum
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


class PerParameterLimitHandler(AxesDatabaseHandler):
    """axes' database handler (rows in each site's schema) with one failure limit per
    lockout parameter: ``AXES_PARAMETER_FAILURE_LIMITS[i]`` for
    ``AXES_LOCKOUT_PARAMETERS[i]`` (a username from one address, a username from any
    address, an address whatever the usernames).

    axes compares one count with one limit (``AXES_FAILURE_LIMIT``) wherever it decides
    (``is_locked``, after a failure); so the count given back is each parameter's
    failures scaled to that limit, and the largest: it reaches ``AXES_FAILURE_LIMIT``
    exactly when some parameter's failures reach that parameter's own limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        limits = settings.AXES_PARAMETER_FAILURE_LIMITS
        attempts_list = self.get_user_attempts(request, credentials)
        if len(attempts_list) != len(limits):  # a parameter axes left out: plain count
            return super().get_failures(request, credentials)
        limit = settings.AXES_FAILURE_LIMIT
        scaled = 0
        for attempts, own_limit in zip(attempts_list, limits, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if failures >= own_limit:
                return max(failures, limit)
            scaled = max(scaled, failures * limit // own_limit)
        return min(scaled, limit - 1)

"""Visit counters as Vietnamese portals show them: online now, today, total.

Cached pages stay cached: the page carries an empty counter and a static script
(``operations/visits.js``, no inline script under the CSP) that sends one small POST
to ``/luot-truy-cap/``. That request counts the visit in the cache (Redis; the local
memory cache in the embedded default), keyed per site by the cache's key function,
and answers the three figures as JSON. Robots (by User-Agent) are answered but not
counted. ``rollup_visits`` copies each day's counter into ``VisitDay`` in ``public``
for the reports, and the total is the rolled-up days plus today's counter.

"Online now" is the number of visits in the last ``ONLINE_MINUTES`` minutes
(one-minute buckets): the count a visitor sees on these portals, not a head count.
"""

from __future__ import annotations

import datetime
import re

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from tenants.db import connection

ONLINE_MINUTES = 5
#: robots, crawlers, link previews, scripts and headless browsers
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|headless|python|curl|wget|"
    r"httpclient|java/|go-http|okhttp|monitor|lighthouse|pingdom|scrapy",
    re.IGNORECASE,
)
DAY_TIMEOUT = 3 * 24 * 3600


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or BOT_PATTERN.search(user_agent) is not None


def _day_key(day: datetime.date) -> str:
    return f"visits:day:{day:%Y%m%d}"


def _minute_key(moment: datetime.datetime) -> str:
    return f"visits:minute:{moment:%Y%m%d%H%M}"


def _incr(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def count_visit(now: datetime.datetime | None = None) -> None:
    """Count one visit of the active site."""
    now = timezone.localtime(now)
    _incr(_day_key(now.date()), DAY_TIMEOUT)
    _incr(_minute_key(now), (ONLINE_MINUTES + 1) * 60)


def _rolled_up_total(today: datetime.date) -> int:
    """Visits of the days before ``today`` rolled up into public (cached for the day)."""
    key = f"visits:base:{today:%Y%m%d}"
    total = cache.get(key)
    if total is None:
        schema = connection.schema_name
        with schema_context(get_public_schema_name()):
            from operations.models import VisitDay

            total = (
                VisitDay.objects.filter(tenant__schema_name=schema, day__lt=today).aggregate(
                    total=Sum("visits")
                )["total"]
                or 0
            )
        cache.set(key, total, 24 * 3600)
    return total


def figures(now: datetime.datetime | None = None) -> dict[str, int]:
    """The active site's ``online``, ``today`` and ``total``."""
    now = timezone.localtime(now)
    minutes = [_minute_key(now - datetime.timedelta(minutes=n)) for n in range(ONLINE_MINUTES)]
    found = cache.get_many([_day_key(now.date()), *minutes])
    today = found.get(_day_key(now.date()), 0)
    return {
        "online": max(1, sum(found.get(key, 0) for key in minutes)),
        "today": today,
        "total": _rolled_up_total(now.date()) + today,
    }


@csrf_exempt
def beacon(request):
    """POST: count this visit (unless a robot) and answer the figures; never cached."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not is_bot(request.headers.get("User-Agent", "")):
        count_visit()
    response = JsonResponse(figures())
    response["Cache-Control"] = "no-store"
    return response


def rollup_visits(day: datetime.date | None = None) -> None:
    """Copy the active site's counter of ``day`` (default: today and yesterday) into
    ``VisitDay`` in public (idempotent: the counter's value replaces the row's)."""
    from operations.models import VisitDay

    schema = connection.schema_name
    today = timezone.localdate()
    days = [day] if day else [today - datetime.timedelta(days=1), today]
    values = {d: cache.get(_day_key(d)) for d in days}
    with schema_context(get_public_schema_name()):
        from tenants.models import Tenant

        tenant_id = Tenant.objects.filter(schema_name=schema).values_list("id", flat=True).first()
        if tenant_id is None:
            return
        for d, value in values.items():
            if value is not None:
                VisitDay.objects.update_or_create(
                    tenant_id=tenant_id, day=d, defaults={"visits": value}
                )

"""Monthly sums of the sites' daily figures (``SiteMonthFigure``), and how a period
splits into whole months (read from the monthly sums) and the days at its edges."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction


def first_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def split(
    start: datetime.date, end: datetime.date
) -> tuple[tuple[datetime.date, datetime.date] | None, list[tuple[datetime.date, datetime.date]]]:
    """The whole months of ``start``–``end`` as (first month, last month) or None, and
    the day ranges (both ends included) outside them."""
    first = start if start.day == 1 else next_month(start)
    # the day after the last whole month
    after = next_month(end)
    if after - datetime.timedelta(days=1) != end:
        after = first_of(end)
    if first >= after:
        return None, [(start, end)]
    edges = []
    if start < first:
        edges.append((start, first - datetime.timedelta(days=1)))
    if end >= after:
        edges.append((after, end))
    last = first_of(after - datetime.timedelta(days=1))
    return (first, last), edges


def refresh(days: Iterable[datetime.date], tenant_ids: list[int] | None = None) -> None:
    """Recompute the monthly sums of the months of ``days`` (of ``tenant_ids``, or every
    site) from the daily rows: two statements in one transaction, safe to run twice."""
    from reports.models import SiteDayFigure, SiteMonthFigure

    days = list(days)
    if not days:
        return
    low, high = first_of(min(days)), next_month(max(days))
    params: list[Any]
    only, params = "", [low, high]
    if tenant_ids is not None:
        only, params = " AND tenant_id = ANY(%s)", [low, high, list(tenant_ids)]
    month_table = connection.ops.quote_name(SiteMonthFigure._meta.db_table)
    day_table = connection.ops.quote_name(SiteDayFigure._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {month_table} WHERE month >= %s AND month < %s{only}", params)
        cursor.execute(
            f"INSERT INTO {month_table} (tenant_id, month, metric, key, value) "
            f"SELECT tenant_id, date_trunc('month', day)::date, metric, key, sum(value) "
            f"FROM {day_table} WHERE day >= %s AND day < %s{only} "
            "GROUP BY 1, 2, 3, 4 "
            "ON CONFLICT (tenant_id, month, metric, key) DO UPDATE SET value = EXCLUDED.value",
            params,
        )


#: GROUPING(tenant_id, month) of each grouping set of ``sums``
PER_SITE, PER_MONTH, PER_KEY = 1, 2, 3


def sums(
    whole: tuple[datetime.date, datetime.date] | None,
    edges: list[tuple[datetime.date, datetime.date]],
    tenant_id: int | None = None,
) -> list[tuple[Any, ...]]:
    """The figures of a period in one query (``split`` gives ``whole`` and ``edges``):
    the monthly sums of its whole months and the daily rows of its edge days, summed
    per site, metric and key (``PER_SITE``), per month and metric (``PER_MONTH``) and
    per metric and key (``PER_KEY``): rows of (grouping, tenant id, month, metric, key,
    total), the parts a grouping set leaves out being None."""
    from reports.models import SiteDayFigure, SiteMonthFigure

    only = " AND tenant_id = %s" if tenant_id is not None else ""
    parts: list[str] = []
    params: list[Any] = []
    if whole is not None:
        parts.append(
            "SELECT tenant_id, month, metric, key, value FROM "
            f"{connection.ops.quote_name(SiteMonthFigure._meta.db_table)} "
            f"WHERE month >= %s AND month <= %s{only}"
        )
        params += [whole[0], whole[1], *([tenant_id] if tenant_id is not None else [])]
    if edges:
        days = " OR ".join("(day >= %s AND day <= %s)" for _edge in edges)
        parts.append(
            "SELECT tenant_id, date_trunc('month', day)::date, metric, key, value FROM "
            f"{connection.ops.quote_name(SiteDayFigure._meta.db_table)} "
            f"WHERE ({days}){only}"
        )
        params += [day for edge in edges for day in edge]
        params += [tenant_id] if tenant_id is not None else []
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT GROUPING(tenant_id, month), tenant_id, month, metric, key, sum(value) "
            f"FROM ({' UNION ALL '.join(parts)}) AS figures (tenant_id, month, metric, key, value) "
            "GROUP BY GROUPING SETS ((tenant_id, metric, key), (month, metric), (metric, key))",
            params,
        )
        return cursor.fetchall()

"""The periodic checks: the platform's readiness and each active site's home page.

Each check's last result is a ``CheckState`` row; only a change of state acts: on a
failure the operators are e-mailed and an automatic incident is opened, on the
recovery they are e-mailed again and that incident closes itself. A check failing
every minute therefore sends one e-mail, not sixty. A site's probe alerts only on
its second failure in a row (``record(confirm=True)``).
"""

from __future__ import annotations

import logging

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.mail import send_mail
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _

from operations import health, incidents
from operations.models import CheckState, alert_recipients

logger = logging.getLogger(__name__)

#: the home page is asked for with a query the page cache never stores, so the
#: page is really rendered
PROBE_QUERY = "kiem-tra-hoat-dong=1"


def record(
    key: str,
    error: str | None,
    *,
    title: str,
    schemas: list[str] | None = None,
    confirm: bool = False,
) -> str:
    """Store the result of check ``key`` (``error`` None: passed) and act on a change:
    returns ``"failed"``, ``"recovered"``, ``"unchanged"`` or ``"suspect"``.

    ``confirm``: a passing check turns failed only on its **second** consecutive
    failure (a site probe: one slow answer is not an incident). The first is kept as
    ``detail`` of a state still ``ok`` (``"suspect"``); a pass clears it."""
    now = timezone.now()
    ok = error is None
    detail = "" if ok else (error or "?")
    with schema_context(get_public_schema_name()), transaction.atomic():
        state = CheckState.objects.select_for_update().filter(key=key).first()
        was_ok = state is None or state.ok
        suspect = confirm and not ok and was_ok and not (state is not None and state.detail)
        if state is None:
            state = CheckState(key=key, ok=True, since=now)
        changed = not suspect and state.ok != ok
        if changed:
            state.ok, state.since = ok, now
        state.checked_at, state.detail = now, detail
        state.save()
    if suspect:
        logger.warning("Kiểm tra %s không đạt lần đầu (chờ lần sau để xác nhận): %s", key, error)
        return "suspect"
    if not changed:
        return "unchanged"
    if not ok:
        incident = incidents.open_incident(
            title, source_key=f"health:{key}", schemas=schemas or [], description=error or ""
        )
        _alert(
            _("[Sự cố] %(title)s") % {"title": title},
            _(
                "Kiểm tra “%(key)s” không đạt lúc %(time)s.\nLỗi: %(error)s\n"
                "Đã mở sự cố số %(number)s."
            )
            % {"key": key, "time": timezone.localtime(now), "error": error, "number": incident.pk},
        )
        return "failed"
    closed = incidents.resolve_automatic(f"health:{key}")
    _alert(
        _("[Đã khắc phục] %(title)s") % {"title": title},
        _("Kiểm tra “%(key)s” đạt trở lại lúc %(time)s.%(closed)s")
        % {
            "key": key,
            "time": timezone.localtime(now),
            "closed": _(" Sự cố số %(number)s đã tự đóng.") % {"number": closed.pk}
            if closed
            else "",
        },
    )
    return "recovered"


def _alert(subject: str, body: str) -> None:
    recipients = alert_recipients()
    if not recipients:
        logger.warning("Không có địa chỉ nhận cảnh báo (OPERATIONS_ALERT_EMAILS): %s", subject)
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Không gửi được thư cảnh báo: %s", subject)


def check_platform() -> str:
    """The readiness checks as ``/readyz`` runs them, recorded under ``platform``."""
    results = health.readiness()
    failed = {name: error for name, error in results.items() if error is not None}
    error = "; ".join(f"{name}: {msg}" for name, msg in failed.items()) if failed else None
    return record(
        "platform",
        error,
        title=_("Nền tảng không sẵn sàng: %(parts)s") % {"parts": ", ".join(failed) or "-"},
    )


def probe_home(host: str) -> str | None:
    """Render the home page of the site at ``host`` in this process (the full
    middleware stack, past the page cache); ``None`` when it answers."""
    from tenants.db import connection

    schema = connection.schema_name
    try:
        response = Client(HTTP_HOST=host, raise_request_exception=False).get(f"/?{PROBE_QUERY}")
    except Exception as error:
        logger.exception("Trang chủ của %s không trả lời", host)
        return type(error).__name__
    finally:
        connection.set_schema(schema) if schema != "public" else connection.set_schema_to_public()
    if response.status_code >= 400:
        return f"HTTP {response.status_code}"
    return None


def check_site(schema_name: str) -> str:
    """Probe the home page of the site whose schema is ``schema_name``."""
    from tenants.models import Domain

    with schema_context(get_public_schema_name()):
        domain = (
            Domain.objects.filter(tenant__schema_name=schema_name, is_primary=True)
            .select_related("tenant")
            .first()
        )
    if domain is None:
        return "unchanged"
    error = probe_home(domain.domain)
    return record(
        f"site:{schema_name}",
        error,
        title=_("Trang %(name)s không trả lời") % {"name": domain.tenant.name},
        schemas=[schema_name],
        confirm=True,  # two failures in a row (5 minutes apart) before an alert
    )

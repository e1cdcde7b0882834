"""The console's incident log: recorded by hand with Vietnamese validation, and the
report of a period as a page and an XLSX workbook."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django.utils import timezone

from operations import incidents
from operations.models import Incident, IncidentStatus

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}


def form(**overrides):
    data = {
        "title": "Cổng xã không truy cập được",
        "received_at_0": "01/11/2026",
        "received_at_1": "08:30",
        "reported_by": "UBND xã Beta",
        "channel": "dien_thoai",
        "severity": "3_cao",
        "status": "mo",
    }
    data.update(overrides)
    return data


def test_an_operator_records_an_incident_and_wrong_input_is_refused_in_vietnamese(
    operator_client, sites
):
    url = "/operations/incident/add/"
    response = operator_client.post(url, form(status="chuyen"), **CONSOLE)
    assert response.status_code == 200
    assert "cần ghi chuyển đến ai" in response.content.decode()
    response = operator_client.post(url, form(reported_by=""), **CONSOLE)
    assert "Hãy ghi người hoặc đơn vị báo sự cố." in response.content.decode()
    assert not Incident.objects.exists()

    response = operator_client.post(url, form(sites=[sites.beta.pk]), **CONSOLE)
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert not incident.automatic and incident.created_by == "vanhanh"
    assert list(incident.sites.all()) == [sites.beta]
    # an incident opened by hand is never closed by a check's recovery
    assert incidents.resolve_automatic("") is None


def test_incident_report_for_a_period_with_xlsx(operator_client, sites):
    when = timezone.make_aware(datetime.datetime(2026, 11, 3, 9, 0))
    for n in range(3):
        Incident.objects.create(
            title=f"Sự cố {n}",
            received_at=when,
            reported_by="Giám sát",
            channel="tu_dong",
            severity="4_nghiem_trong" if n == 0 else "2_trung_binh",
            status=IncidentStatus.CLOSED if n else IncidentStatus.OPEN,
            fixed_at=when + datetime.timedelta(hours=2) if n else None,
            closed_at=when + datetime.timedelta(hours=3) if n else None,
        )
    Incident.objects.create(
        title="Ngoài kỳ",
        received_at=when - datetime.timedelta(days=40),
        reported_by="x",
        channel="khac",
    )
    url = "/operations/incident/bao-cao/"
    page = operator_client.get(url, {"start": "2026-11-01", "end": "2026-11-30"}, **CONSOLE)
    assert page.status_code == 200
    assert page.context["figures"]["total"] == 3
    assert page.context["figures"]["mean_hours_to_fix"] == 2.0
    assert dict(page.context["figures"]["by_severity"])["Nghiêm trọng"] == 1

    xlsx = operator_client.get(
        url, {"start": "2026-11-01", "end": "2026-11-30", "format": "xlsx"}, **CONSOLE
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tổng số sự cố"] == 3
    assert book["Danh sách"].max_row == 4  # the heading and three incidents

    wrong = operator_client.get(url, {"start": "2026-11-30", "end": "2026-11-01"}, **CONSOLE)
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in wrong.content.decode()

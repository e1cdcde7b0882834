"""The operations centre edits the declared days in the console; a day declared twice
is refused with a Vietnamese message and nothing is saved."""

from datetime import date

import pytest

from tenants.models import AuditEvent
from workdays.calendar import is_working_day
from workdays.models import DeclaredDay

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}
ADD = "/workdays/declaredday/add/"


def test_operator_declares_a_make_up_saturday(operator_client):
    assert not is_working_day(date(2027, 1, 9))
    response = operator_client.post(
        ADD, {"date": "09/01/2027", "kind": "work", "note": "Làm bù cho ngày 11/01"}, **CONSOLE
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    day = DeclaredDay.objects.get(date=date(2027, 1, 9))
    assert day.kind == "work" and day.created_by == "vanhanh"
    assert is_working_day(date(2027, 1, 9))  # at once in this process
    assert AuditEvent.objects.filter(action="workdays.declared", actor="vanhanh").exists()

    listing = operator_client.get("/workdays/declaredday/", **CONSOLE).content.decode()
    assert "Làm bù cho ngày 11/01" in listing and "Thứ Bảy" in listing


def test_a_day_declared_twice_is_refused(operator_client):
    DeclaredDay.objects.create(date=date(2027, 1, 11), kind="off", note="Nghỉ bù")
    response = operator_client.post(ADD, {"date": "11/01/2027", "kind": "work"}, **CONSOLE)
    assert response.status_code == 200
    assert "Ngày này đã được khai báo trong lịch" in response.content.decode()
    assert DeclaredDay.objects.filter(date=date(2027, 1, 11)).get().kind == "off"


def test_a_site_user_cannot_reach_the_calendar(client, sites):
    # the console's admin is served on the console host only
    response = client.get("/workdays/declaredday/", HTTP_HOST="alpha.test")
    assert response.status_code == 404

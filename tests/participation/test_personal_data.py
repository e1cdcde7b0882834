"""One person's data (Nghị định 13/2023): the site administrator finds, exports and
erases it in the site's admin; comments' contact details expire with the questions'
retention setting; the dashboard counts comments waiting for the board."""

import datetime
import io
import json

import pytest

from django.utils import timezone

from consultation import tasks as consultation_tasks
from consultation.models import CommentStatus, DraftComment
from participation import services
from participation.models import ParticipationSettings, Submission
from tenants.models import AuditEvent
from tests.conftest import in_site
from tests.consultation.factories import DraftCommentFactory, DraftConsultationPageFactory, days

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "alpha.test"}
URL = "/admin/du-lieu-ca-nhan/"
EMAIL = "binh.tran@nguoidan.test"


def _submission(**values) -> Submission:
    values = {
        "name": "Trần Thị Bình",
        "email": EMAIL,
        "consent_at": timezone.now(),
        "title": "Hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất",
        "body": "Tôi cần nộp những giấy tờ gì?",
        **values,
    }
    return Submission.objects.create(**values)


@pytest.fixture
def person(sites):
    """Binh's two questions and two comments on alpha, and someone else's items."""
    with in_site(sites.alpha):
        received = services.receive(
            None,
            {
                "name": "Trần Thị Bình",
                "email": EMAIL,
                "phone": "0912.345.678",
                "address": "Tổ 5, phường Minh Xuân",
                "title": "Hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất",
                "body": "Tôi cần nộp những giấy tờ gì?",
            },
        )
        second = _submission(
            email="", phone="0912345678", title="Giờ tiếp công dân", body='=HYPERLINK("x")'
        )
        other = _submission(name="Lê Văn Cường", email="cuong@nguoidan.test", phone="0987654321")
        draft = DraftConsultationPageFactory()
        comment = DraftCommentFactory(page=draft, email=EMAIL.upper(), phone="")
        by_phone = DraftCommentFactory(page=draft, email="", phone="0912 345 678")
        stranger = DraftCommentFactory(page=draft, phone="0900 000 000")
    return {
        "submissions": [received, second],
        "comments": [comment, by_phone],
        "others": [other, stranger],
    }


def test_the_due_date_is_on_the_shared_working_day_calendar(sites, person):
    received = person["submissions"][0]
    with in_site(sites.alpha):
        from workdays.calendar import add_working_days

        days_allowed = ParticipationSettings.load().due_working_days
    assert received.due_at == add_working_days(received.created_at, days_allowed)
    assert timezone.localtime(received.due_at).hour == 17  # the end of a working day


def test_only_the_administrator_and_the_head_of_the_board_reach_it(sites, editor_client, person):
    for role in ("thu_ky", "bien_tap_vien", "phong_vien"):
        client = editor_client(sites.alpha, role=role)
        for params in ({"q": EMAIL}, {"q": EMAIL, "format": "json"}):
            refused = client.get(URL, params, **HOST)  # Wagtail: back to the dashboard
            assert (refused.status_code, refused["Location"]) == (302, "/admin/")
        refused = client.post(URL, {"q": EMAIL, "confirm": EMAIL}, **HOST)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
        assert URL not in client.get("/admin/", **HOST).content.decode()
    with in_site(sites.alpha):
        assert Submission.objects.get(pk=person["submissions"][0].pk).email == EMAIL
    # the head of the board reaches it; the menu names it
    head = editor_client(sites.alpha, role="truong_ban")
    assert head.get(URL, **HOST).status_code == 200
    assert URL in head.get("/admin/", **HOST).content.decode()
    # another site's administrator sees nothing of alpha's
    response = editor_client(sites.beta, role="quan_tri").get(
        URL, {"q": EMAIL}, HTTP_HOST="beta.test"
    )
    assert response.status_code == 200
    assert person["submissions"][0].code not in response.content.decode()
    assert "Trang không lưu thông tin nào" in response.content.decode()


def test_find_export_and_erase_one_person(sites, editor_client, person):
    admin = editor_client(sites.alpha, role="quan_tri")
    mine = [item.code for item in person["submissions"] + person["comments"]]
    others = [item.code for item in person["others"]]

    bad = admin.get(URL, {"q": "không phải"}, **HOST)
    assert bad.status_code == 400 and "Số điện thoại không hợp lệ" in bad.content.decode()

    by_email = admin.get(URL, {"q": EMAIL.upper()}, **HOST).content.decode()
    assert person["submissions"][0].code in by_email and person["comments"][0].code in by_email
    assert not any(code in by_email for code in others)
    by_phone = admin.get(URL, {"q": "091-234-5678"}, **HOST).content.decode()
    for item in (person["submissions"][0], person["submissions"][1], person["comments"][1]):
        assert item.code in by_phone
    assert not any(code in by_phone for code in others)

    # export: JSON and XLSX downloads, audited without the contact itself
    exported = admin.get(URL, {"q": EMAIL, "format": "json"}, **HOST)
    assert exported.status_code == 200
    assert exported["Content-Disposition"].startswith("attachment;")
    data = json.loads(exported.content)
    assert [row["mã tra cứu"] for row in data["Câu hỏi, phản ánh"]] == [
        person["submissions"][0].code
    ]
    assert data["Câu hỏi, phản ánh"][0]["địa chỉ, cơ quan, tổ chức"] == "Tổ 5, phường Minh Xuân"
    assert [row["mã tiếp nhận"] for row in data["Góp ý dự thảo"]] == [person["comments"][0].code]
    sheet = admin.get(URL, {"q": "0912345678", "format": "xlsx"}, **HOST)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(sheet.content))
    assert book.sheetnames == ["Câu hỏi, phản ánh", "Góp ý dự thảo"]
    cells = {cell.value for row in book.worksheets[0].iter_rows() for cell in row}
    assert {person["submissions"][0].code, person["submissions"][1].code} <= cells
    formula = [
        c for row in book.worksheets[0].iter_rows() for c in row if c.value == '=HYPERLINK("x")'
    ]
    assert formula and formula[0].data_type == "s"  # text typed by a visitor, not a formula
    events = AuditEvent.objects.filter(action="participation.personal_data_exported")
    assert events.count() == 2 and EMAIL not in json.dumps(list(events.values("details")))

    # erase: the typed confirmation must match; nothing changes otherwise
    wrong = admin.post(URL, {"q": EMAIL, "confirm": "ai@khac.test"}, **HOST)
    assert "không khớp" in wrong.content.decode()
    with in_site(sites.alpha):
        assert Submission.objects.get(pk=person["submissions"][0].pk).email == EMAIL
    erased = admin.post(URL, {"q": EMAIL, "confirm": " " + EMAIL.upper()}, **HOST)
    assert erased.status_code == 302
    followed = admin.get(erased["Location"], **HOST).content.decode()
    assert "Đã xoá thông tin cá nhân trong 1 câu hỏi" in followed
    assert "Trang không lưu thông tin nào" in followed
    with in_site(sites.alpha):
        item = Submission.objects.get(pk=person["submissions"][0].pk)
        assert (item.name, item.email, item.phone, item.address) == ("", "", "", "")
        assert item.erased_at and item.body == "Tôi cần nộp những giấy tờ gì?"
        comment = DraftComment.objects.get(pk=person["comments"][0].pk)
        assert (comment.name, comment.email, comment.phone) == ("", "", "")
        assert comment.text and comment.organisation  # the text and the organisation stay
        # the phone's items are untouched until asked for by phone
        assert Submission.objects.get(pk=person["submissions"][1].pk).phone == "0912345678"
        assert DraftComment.objects.get(pk=person["comments"][1].pk).name
        assert Submission.objects.get(pk=person["others"][0].pk).email == "cuong@nguoidan.test"
    event = AuditEvent.objects.get(action="participation.personal_data_erased")
    assert event.site_id == sites.alpha.pk and event.actor not in ("", "system")
    assert event.details["submissions"] == [person["submissions"][0].code]
    assert event.details["comments"] == [person["comments"][0].code]
    assert EMAIL not in json.dumps(event.details)
    assert all(code not in json.dumps(event.details) for code in others)
    assert set(mine) >= set(event.details["submissions"] + event.details["comments"])


def test_comments_contact_details_expire_with_the_retention_setting(sites, person):
    with in_site(sites.alpha):
        retention = ParticipationSettings.load().retention_days
        old_draft = DraftConsultationPageFactory(
            opens_at=days(-retention - 40), closes_at=days(-retention - 10)
        )
        old = DraftCommentFactory(page=old_draft, status=CommentStatus.PUBLISHED)
        recent_draft = DraftConsultationPageFactory(opens_at=days(-30), closes_at=days(-2))
        recent = DraftCommentFactory(page=recent_draft)
        consultation_tasks.close_due_drafts()  # the per-site periodic task
        old.refresh_from_db()
        recent.refresh_from_db()
        assert (old.name, old.email, old.phone) == ("", "", "") and old.text
        assert recent.email and recent.name
        # open drafts' comments are untouched
        assert DraftComment.objects.get(pk=person["comments"][0].pk).email
        # the next run finds nothing more to erase
        from consultation.services import erase_expired_comments

        assert erase_expired_comments() == 0
        assert erase_expired_comments(now=timezone.now() + datetime.timedelta(days=retention)) == 1
    # the closed draft shows the published comment without a name
    response = _client_get(sites, old_draft)
    assert "Người góp ý" in response and old.text in response


def _client_get(sites, page) -> str:
    from django.test import Client

    with in_site(sites.alpha):
        url = page.get_url()
    return Client().get(url, **HOST).content.decode()


def test_the_dashboard_counts_comments_waiting_for_the_board(sites, editor_client, person):
    with in_site(sites.alpha):
        closed = DraftConsultationPageFactory(opens_at=days(-20), closes_at=days(-1))
        DraftCommentFactory(page=closed)
        pending = DraftComment.objects.filter(status=CommentStatus.PENDING).count()
        overdue = DraftComment.objects.filter(
            status=CommentStatus.PENDING, page__closes_at__lt=timezone.now()
        ).count()
    html = editor_client(sites.alpha, role="truong_ban").get("/admin/", **HOST).content.decode()
    assert f"{pending} góp ý dự thảo chờ xem xét" in html
    assert f"{overdue} góp ý của dự thảo đã hết hạn" in html
    assert "/admin/consultation/draftcomment/?status=cho_xu_ly" in html
    # a member without the comments' permission gets no comment counts
    reporter = editor_client(sites.alpha, role="phong_vien").get("/admin/", **HOST)
    assert "góp ý dự thảo chờ xem xét" not in reporter.content.decode()

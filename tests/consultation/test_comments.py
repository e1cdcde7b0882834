"""Commenting on a draft, through HTTP as a visitor and as the board."""

import datetime
import time

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.utils import timezone

from consultation import tasks
from consultation.models import ClosureNotice, CommentStatus, DraftComment, DraftConsultationPage
from tests.conftest import in_site
from tests.news.factories import news_index
from tests.participation.pow import fetch_proof

from .factories import DraftCommentFactory, DraftConsultationPageFactory, consultation_index, days

pytestmark = pytest.mark.django_db

HOST = "alpha.test"
ORIGIN = "http://alpha.test"


def comment_data(client, host=HOST, **changes):
    data = {
        "name": "Trần Thị Bình",
        "email": "binh@nguoidan.test",
        "phone": "0987 654 321",
        "organisation": "",
        "article": "Điều 2. Mức hỗ trợ",
        "text": "Đề nghị <b>bổ sung</b> hỗ trợ chi phí chữ ký số cho hợp tác xã.",
        "consent": "on",
        "website": "",
        "altcha": fetch_proof(client, host),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post_comment(client, page, data, host=HOST):
    return client.post(
        f"/gop-y-du-thao/{page.pk}/", data, HTTP_HOST=host, HTTP_ORIGIN=f"http://{host}"
    )


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_comment_while_open_is_stored_with_a_code_and_not_shown(client, sites):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory()
        url = page.url
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "Đang lấy ý kiến" in text_of(response)
    assert 'action="/gop-y-du-thao/' in response.content.decode()

    response = post_comment(client, page, comment_data(client))
    assert response.status_code == 200, text_of(response)
    with in_site(sites.alpha):
        comment = DraftComment.objects.get(page=page)
    assert comment.status == CommentStatus.PENDING
    assert comment.code in text_of(response)
    assert comment.text == "Đề nghị bổ sung hỗ trợ chi phí chữ ký số cho hợp tác xã."
    assert comment.article == "Điều 2. Mức hỗ trợ"
    assert response["Cache-Control"] == "private, no-store"

    page_text = text_of(client.get(url, HTTP_HOST=HOST))
    assert "Trần Thị Bình" not in page_text
    assert "chữ ký số" not in page_text


def test_bad_input_keeps_what_was_typed_and_stores_nothing(client, sites):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory()
    data = comment_data(client, email="", phone="", consent=None, article="Điều 99. Không có")
    response = post_comment(client, page, data)
    assert response.status_code == 400
    body = text_of(response)
    assert "Vui lòng nhập thư điện tử hoặc số điện thoại" in body
    assert "Vui lòng đồng ý với thông báo xử lý dữ liệu cá nhân" in body
    assert "Đề nghị" in response.content.decode()  # the text typed is kept
    with in_site(sites.alpha):
        assert not DraftComment.objects.filter(page=page).exists()


def test_forged_proof_and_honeypot_are_refused(client, sites):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory()
    forged = post_comment(client, page, comment_data(client, altcha="eyJmb3JnZWQiOjF9"))
    assert forged.status_code == 400
    robot = post_comment(client, page, comment_data(client, website="http://spam.test"))
    assert robot.status_code in (400, 404)
    with in_site(sites.alpha):
        assert not DraftComment.objects.filter(page=page).exists()


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (2, 10, "chưa đến thời hạn lấy ý kiến"),
        (-10, -1, "đã hết hạn lấy ý kiến"),
    ],
)
def test_refused_before_opening_and_after_closing(client, sites, opens, closes, message):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory(opens_at=days(opens), closes_at=days(closes))
        url = page.url
    shown = text_of(client.get(url, HTTP_HOST=HOST))
    assert ("Sắp mở" if opens > 0 else "Đã hết hạn lấy ý kiến") in shown
    assert "Gửi ý kiến góp ý" not in shown
    response = post_comment(client, page, comment_data(client))
    assert response.status_code == 403
    assert message in text_of(response)
    with in_site(sites.alpha):
        assert not DraftComment.objects.filter(page=page).exists()


def test_closes_must_follow_opens_in_the_editor(sites):
    with in_site(sites.alpha):
        page = DraftConsultationPage(
            title="Dự thảo sai thời hạn",
            slug="du-thao-sai",
            drafting_body="Sở Tài chính",
            summary="Tóm tắt.",
            opens_at=days(2),
            closes_at=days(1),
        )
        with pytest.raises(Exception) as error:
            page.full_clean()
    assert "Thời điểm hết hạn phải sau thời điểm bắt đầu lấy ý kiến." in str(error.value)


def test_board_publishes_comment_shown_after_close_without_contact(
    client, sites, editor_client, django_capture_on_commit_callbacks
):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory(opens_at=days(-20), closes_at=days(-1))
        shown = DraftCommentFactory(page=page, name="Lê Văn Cường", text="Ý kiến được công khai.")
        hidden = DraftCommentFactory(page=page, name="Đỗ Thị Dung", text="Ý kiến không công khai.")
        url = page.url
        feed = news_index("vi").url + "rss/"
    board = editor_client(sites.alpha, role="truong_ban")
    listing = board.get("/admin/consultation/draftcomment/?status=cho_xu_ly", HTTP_HOST=HOST)
    assert listing.status_code == 200
    assert shown.code in listing.content.decode()
    edit = board.get(f"/admin/consultation/draftcomment/edit/{shown.pk}/", HTTP_HOST=HOST)
    assert edit.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(
            f"/admin/consultation/draftcomment/edit/{shown.pk}/",
            {"status": CommentStatus.PUBLISHED},
            HTTP_HOST=HOST,
        )
    assert response.status_code == 302
    with in_site(sites.alpha):
        shown.refresh_from_db()
        assert shown.status == CommentStatus.PUBLISHED
        assert shown.text == "Ý kiến được công khai."  # read-only fields unchanged
    page_html = client.get(url, HTTP_HOST=HOST).content.decode()
    assert "Ý kiến được công khai." in page_html
    assert "Lê Văn Cường" in page_html
    assert "Ý kiến không công khai." not in page_html
    for secret in (shown.email, shown.phone, hidden.email):
        assert secret not in page_html
    # nor anywhere else a visitor or a robot reads
    for path in ("/tim-kiem/?q=Cuong", "/tim-kiem/?q=cong+khai", "/sitemap.xml", feed):
        other = client.get(path, HTTP_HOST=HOST, follow=True).content.decode()
        for secret in (shown.email, shown.phone, hidden.email, "Ý kiến không công khai."):
            assert secret not in other


def test_a_reporter_cannot_moderate_and_another_site_sees_nothing(sites, editor_client):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory()
        comment = DraftCommentFactory(page=page)
    reporter = editor_client(sites.alpha, role="phong_vien")
    assert reporter.get(
        f"/admin/consultation/draftcomment/edit/{comment.pk}/", HTTP_HOST=HOST
    ).status_code in (302, 403)
    beta = editor_client(sites.beta, role="truong_ban")
    listing = beta.get("/admin/consultation/draftcomment/", HTTP_HOST="beta.test")
    assert listing.status_code == 200
    assert comment.code not in listing.content.decode()
    assert (
        beta.get(
            f"/admin/consultation/draftcomment/edit/{comment.pk}/", HTTP_HOST="beta.test"
        ).status_code
        == 404
    )


def test_a_comment_posted_to_another_site_is_refused(client, sites):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory()
    response = post_comment(client, page, comment_data(client, host="beta.test"), host="beta.test")
    assert response.status_code == 404
    with in_site(sites.alpha):
        assert not DraftComment.objects.filter(page=page).exists()


def test_index_lists_open_drafts_first_with_days_left(client, sites):
    with in_site(sites.alpha):
        index = consultation_index()
        closed = DraftConsultationPageFactory(
            title="Dự thảo đã đóng", opens_at=days(-30), closes_at=days(-2)
        )
        later = DraftConsultationPageFactory(
            title="Dự thảo đóng sau", opens_at=days(-3), closes_at=days(20.5)
        )
        sooner = DraftConsultationPageFactory(
            title="Dự thảo đóng trước", opens_at=days(-3), closes_at=days(5.5)
        )
        upcoming = DraftConsultationPageFactory(
            title="Dự thảo sắp mở", opens_at=days(3), closes_at=days(30)
        )
        url = index.url
        expected_days = (timezone.localdate(sooner.closes_at) - timezone.localdate()).days
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    titles = [h.get_text(strip=True) for h in html.select(".draft-list__title")]
    assert titles == [sooner.title, later.title, upcoming.title, closed.title]
    first = html.select(".draft-list__item")[0].get_text(" ", strip=True)
    assert f"Còn {expected_days} ngày" in first
    assert "Sắp mở" in html.select(".draft-list__item")[2].get_text(" ", strip=True)


def test_cached_page_never_outlives_the_deadline(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory(
            opens_at=days(-1), closes_at=timezone.now() + datetime.timedelta(seconds=2)
        )
        url = page.url
    first = client.get(url, HTTP_HOST=HOST)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url, HTTP_HOST=HOST)["X-Page-Cache"] == "hit"
    time.sleep(2.2)
    after = client.get(url, HTTP_HOST=HOST)
    assert after["X-Page-Cache"] == "miss"
    assert "Đã hết hạn lấy ý kiến" in text_of(after)


def test_periodic_close_notifies_the_secretary_once(sites, django_capture_on_commit_callbacks):
    with in_site(sites.alpha):
        page = DraftConsultationPageFactory(opens_at=days(-10), closes_at=days(-0.01))
        DraftCommentFactory(page=page)
        still_open = DraftConsultationPageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.close_drafts.apply()  # as beat calls the dispatcher
    sent = [m for m in mail.outbox if page.title in m.subject]
    assert len(sent) == 1
    assert sent[0].to == ["thu_ky@alpha.test"]
    assert "1 ý kiến góp ý" in sent[0].body
    assert "://alpha.test" in sent[0].body
    assert f"/admin/consultation/draftcomment/?page={page.pk}" in sent[0].body
    with in_site(sites.alpha):
        assert ClosureNotice.objects.filter(page=page).count() == 1
        assert not ClosureNotice.objects.filter(page=still_open).exists()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.close_drafts.apply()
    assert len([m for m in mail.outbox if page.title in m.subject]) == 1

"""Syndication up to the parent portal: a commune's publish offers the story in the
same transaction; the portal's board previews, accepts (a draft with the source
named and the images copied), rejects with a reason, follows updates and
withdrawals; nothing crosses to a site the offer is not addressed to."""

import json

import pytest
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from news.models import NewsArticlePage, NewsSettings
from syndication import tasks
from syndication.models import Offer
from tests.conftest import in_site
from tests.news.conftest import make_article, make_image, news_index
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db
BODY = [
    {
        "type": "paragraph",
        "value": (
            '<p>Xã tổ chức lễ ra quân <a href="/tin-tuc/">xem thêm</a>.</p>'
            '<script>alert("x")</script><p onclick="steal()">Đoạn hai.</p>'
            '<p><a href="javascript:alert(1)">nguy hiểm</a></p>'
        ),
    },
]


def publish_story(site, title="Xã Sơn Dương ra quân làm đường giao thông nông thôn", **fields):
    with in_site(site):
        image = make_image("Ảnh ra quân", "ra-quan.png")
        body = [
            *BODY,
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image.pk,
                        "alt_text": "Người dân làm đường",
                        "decorative": False,
                    },
                    "caption": "Lễ ra quân",
                },
            },
        ]
        article = make_article(
            news_index(),
            title,
            "ra-quan-lam-duong",
            body=json.dumps(body),
            feed_image=image,
            author="Lò Văn Páo",
            **fields,
        )
    return article


def board_client(site, role="truong_ban"):
    client = Client()
    with schema_context(site.schema_name):
        verified_login(client, get_user_model().objects.get(email=f"{role}@{site.slug}.test"))
    return client


def test_a_publish_offers_a_sanitised_snapshot_to_the_parent(sites):
    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    assert (offer.source, offer.target, offer.page_id) == (sites.beta, sites.alpha, article.pk)
    assert offer.status == "offered" and offer.source_name == "Xã Bê Ta"
    assert offer.title == article.title and offer.author == "Lò Văn Páo"
    assert offer.url == "http://beta.test:8000/tin-tuc/ra-quan-lam-duong/"
    assert 'href="http://beta.test:8000/tin-tuc/"' in offer.body
    for dangerous in ("<script", "onclick", "javascript:"):
        assert dangerous not in offer.body and dangerous not in json.dumps(offer.stream)
    (image,) = offer.images
    assert image["file"].startswith("sites/beta/") and image["url"].startswith("http://beta.test")
    # a republish without changes leaves one offer
    with in_site(sites.beta):
        NewsArticlePage.objects.get(pk=article.pk).save_revision().publish()
    assert Offer.objects.count() == 1 and Offer.objects.get().status == "offered"


def test_nothing_is_offered_when_the_article_or_the_site_says_no(sites):
    with in_site(sites.beta):
        make_article(news_index(), "Không gửi", "khong-gui", offer_to_parent=False)
        settings = NewsSettings.load()
        settings.offer_to_parent = False
        settings.save()
        make_article(news_index(), "Trang tắt gửi", "trang-tat-gui")
    # a portal has no parent: its own stories go nowhere
    with in_site(sites.alpha):
        make_article(news_index(), "Tin của cổng", "tin-cua-cong")
    assert not Offer.objects.exists()


def test_the_board_accepts_a_story_as_a_draft_with_its_source_and_images(sites):
    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    client = board_client(sites.alpha)
    inbox = client.get("/admin/syndication/", HTTP_HOST="alpha.test")
    assert inbox.status_code == 200 and article.title in inbox.content.decode()
    filtered = client.get("/admin/syndication/?kind=department", HTTP_HOST="alpha.test")
    assert article.title not in filtered.content.decode()
    preview = client.get(f"/admin/syndication/{offer.pk}/", HTTP_HOST="alpha.test")
    assert "Xã tổ chức lễ ra quân" in preview.content.decode()

    response = client.post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    assert response.status_code == 302
    again = client.post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    assert again["Location"] == response["Location"]  # the same draft, not a second one
    offer.refresh_from_db()
    assert offer.status == "accepted" and offer.decided_by == "truong_ban@alpha.test"
    with in_site(sites.alpha):
        (copy,) = NewsArticlePage.objects.filter(title=article.title)
        assert copy.pk == offer.accepted_page_id and not copy.live
        assert (copy.source_name, copy.source_author, copy.source_url) == (
            "Xã Bê Ta",
            "Lò Văn Páo",
            offer.url,
        )
        assert copy.feed_image.file.name.startswith("sites/alpha/")
        image_block = [b for b in copy.body if b.block_type == "image"][0]
        assert image_block.value["image"].file.name.startswith("sites/alpha/")
        # the draft goes through the portal's own workflow
        assert copy.get_workflow() is not None
    page = client.get(f"/admin/pages/{offer.accepted_page_id}/edit/", HTTP_HOST="alpha.test")
    assert page.status_code == 200


def test_a_rejection_needs_a_reason_the_source_can_read(sites):
    publish_story(sites.beta)
    offer = Offer.objects.get()
    client = board_client(sites.alpha)
    page = client.post(
        f"/admin/syndication/{offer.pk}/",
        {"action": "reject", "reason": " "},
        HTTP_HOST="alpha.test",
        follow=True,
    ).content.decode()
    assert "Ghi lý do từ chối" in page
    client.post(
        f"/admin/syndication/{offer.pk}/",
        {"action": "reject", "reason": "Tin trùng với bài đã đăng."},
        HTTP_HOST="alpha.test",
    )
    offer.refresh_from_db()
    assert offer.status == "rejected"
    sent = board_client(sites.beta, "phong_vien").get(
        "/admin/syndication/da-gui/", HTTP_HOST="beta.test"
    )
    assert "Tin trùng với bài đã đăng." in sent.content.decode()


def test_an_update_at_the_source_is_shown_and_can_be_taken(sites):
    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    client = board_client(sites.alpha)
    client.post(f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test")
    with in_site(sites.beta):
        page = NewsArticlePage.objects.get(pk=article.pk)
        page.title = "Xã Sơn Dương hoàn thành 5 km đường giao thông nông thôn"
        page.save_revision().publish()
    offer.refresh_from_db()
    assert offer.status == "updated"
    detail = client.get(f"/admin/syndication/{offer.pk}/", HTTP_HOST="alpha.test").content.decode()
    assert "hoàn thành 5 km" in detail and "<del>" in detail
    client.post(f"/admin/syndication/{offer.pk}/", {"action": "update"}, HTTP_HOST="alpha.test")
    offer.refresh_from_db()
    assert offer.status == "accepted"
    with in_site(sites.alpha):
        copy = NewsArticlePage.objects.get(pk=offer.accepted_page_id)
        assert copy.get_latest_revision_as_object().title.endswith(
            "5 km đường giao thông nông thôn"
        )


def test_a_withdrawal_alerts_the_board_and_leaves_the_copy(
    sites, django_capture_on_commit_callbacks
):
    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    client = board_client(sites.alpha)
    client.post(f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test")
    with django_capture_on_commit_callbacks(execute=True), in_site(sites.beta):
        NewsArticlePage.objects.get(pk=article.pk).unpublish()
    offer.refresh_from_db()
    assert offer.status == "withdrawn" and not offer.alert_pending  # the task sent it
    (message,) = mail.outbox
    assert set(message.to) >= {"truong_ban@alpha.test", "thu_ky@alpha.test"}
    assert article.title in message.body
    assert tasks.send_alerts() == 0  # never twice
    with in_site(sites.alpha):
        assert NewsArticlePage.objects.filter(pk=offer.accepted_page_id).exists()
    edit = client.get(f"/admin/pages/{offer.accepted_page_id}/edit/", HTTP_HOST="alpha.test")
    assert "đã gỡ bài gốc" in edit.content.decode()


def test_a_withdrawal_with_the_broker_down_is_sent_by_the_sweep(
    sites, monkeypatch, django_capture_on_commit_callbacks
):
    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    board_client(sites.alpha).post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis không trả lời")

    monkeypatch.setattr(tasks.send_alerts, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True), in_site(sites.beta):
        NewsArticlePage.objects.get(pk=article.pk).unpublish()  # succeeds all the same
    offer.refresh_from_db()
    assert offer.status == "withdrawn" and offer.alert_pending and not mail.outbox
    assert tasks.send_alerts() == 1  # the periodic sweep
    assert len(mail.outbox) == 1 and tasks.send_alerts() == 0


def denied(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    return (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}


def test_no_site_reads_offers_not_addressed_to_it(sites):
    publish_story(sites.beta)
    offer = Offer.objects.get()
    # the commune's own board cannot open the offer it sent (it is the portal's)
    beta = board_client(sites.beta)
    assert denied(beta.get(f"/admin/syndication/{offer.pk}/", HTTP_HOST="beta.test"))
    assert denied(
        beta.post(f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="beta.test")
    )
    assert Offer.objects.get().status == "offered"
    # another portal's board sees nothing of it
    gamma = board_client(sites.gamma)
    listing = gamma.get("/admin/syndication/", HTTP_HOST="gamma.test").content.decode()
    assert offer.title not in listing
    assert denied(gamma.get(f"/admin/syndication/{offer.pk}/", HTTP_HOST="gamma.test"))
    # a reporter of the portal may read the inbox (adds articles) but the site's kind
    # of access is the board's: nothing of another site's drafts is ever in it
    with in_site(sites.beta):
        draft = NewsArticlePage(title="Bản nháp của xã", slug="ban-nhap", lead="Nháp.", live=False)
        news_index().add_child(instance=draft)
        draft.save_revision()
    assert not Offer.objects.filter(title="Bản nháp của xã").exists()
    # a portal's sent list holds only its own offers
    sent = board_client(sites.alpha).get("/admin/syndication/da-gui/", HTTP_HOST="alpha.test")
    assert offer.title not in sent.content.decode()


def test_the_portal_shows_republished_stories_and_each_sites_headlines(sites, client):
    from django.db import connection

    from syndication.blocks import ComponentNewsBlock
    from tenants import lifecycle

    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    board_client(sites.alpha).post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    offer.refresh_from_db()
    # the directory lists the commune with its latest headline
    directory = client.get("/trang-thanh-phan/", HTTP_HOST="alpha.test").content.decode()
    assert article.title in directory and offer.url in directory
    with in_site(sites.alpha):
        copy = NewsArticlePage.objects.get(pk=offer.accepted_page_id)
        copy.save_revision().publish()
    offer.refresh_from_db()
    assert offer.parent_url == "http://alpha.test:8000/tin-tuc/" + copy.slug + "/"
    block = ComponentNewsBlock()
    with in_site(sites.alpha):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            html = block.render(block.to_python({"heading": "Tin từ cơ sở", "count": 5}), {})
    assert len(queries) == 1
    assert article.title in html and "Xã Bê Ta" in html and offer.parent_url in html
    # a suspended source leaves the portal's copy and its listing as they are
    connection.set_schema_to_public()  # the test client's request left alpha's active
    lifecycle.suspend(sites.beta, "tests")
    assert client.get(f"/tin-tuc/{copy.slug}/", HTTP_HOST="alpha.test").status_code == 200
    with in_site(sites.alpha):
        html = block.render(block.to_python({"heading": "Tin từ cơ sở", "count": 5}), {})
    assert article.title in html  # the portal's listing keeps its republished story


def test_private_or_unticked_articles_are_not_offered_or_are_withdrawn(sites):
    from wagtail.models import PageViewRestriction

    article = publish_story(sites.beta)
    assert Offer.objects.get().status == "offered"
    with in_site(sites.beta):
        page = NewsArticlePage.objects.get(pk=article.pk)
        page.offer_to_parent = False
        page.save_revision().publish()
    assert Offer.objects.get().status == "withdrawn"  # unticked: the offer goes
    with in_site(sites.beta):
        private = NewsArticlePage(title="Tin nội bộ", slug="tin-noi-bo", lead="Nội bộ.", live=False)
        news_index().add_child(instance=private)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        private.save_revision().publish()
    assert not Offer.objects.filter(title="Tin nội bộ").exists()


def test_only_those_who_publish_decide_and_offered_html_stays_clean(sites):
    publish_story(sites.beta)
    offer = Offer.objects.get()
    reporter = board_client(sites.alpha, "phong_vien")
    response = reporter.post(
        f"/admin/syndication/{offer.pk}/",
        {"action": "reject", "reason": "Không đăng."},
        HTTP_HOST="alpha.test",
    )
    assert denied(response)
    offer.refresh_from_db()
    assert offer.status == "offered"
    # a quote and a video carried in the stream are cleaned when the board accepts
    offer.stream = [
        {"type": "quote", "value": {"quote": "<script>x()</script>Lời hay", "attribution": "Ai"}},
        {"type": "video", "value": {"video": "javascript:alert(1)", "title": "Phim"}},
        {"type": "unknown", "value": "<script>x()</script>"},
    ]
    offer.save()
    board_client(sites.alpha).post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    offer.refresh_from_db()
    with in_site(sites.alpha):
        copy = NewsArticlePage.objects.get(pk=offer.accepted_page_id)
        raw = json.dumps(
            copy.get_latest_revision_as_object().body.get_prep_value(), ensure_ascii=False
        )
    assert "Lời hay" in raw and "<script" not in raw and "javascript:" not in raw


def test_a_story_from_two_levels_down_keeps_its_first_source_named(sites):
    import datetime as dt

    from django.utils import timezone

    # beta republished this story from a village site below it, then offers it on
    original_time = timezone.make_aware(dt.datetime(2026, 11, 2, 9, 30))
    publish_story(
        sites.beta,
        source_name="Trang thôn Khuổi Phầy",
        source_author="Hà Thị Lan",
        source_url="http://khuoiphay.example.vn/tin/1/",
        source_published_at=original_time,
        offer_to_parent=True,
    )
    offer = Offer.objects.get()
    board_client(sites.alpha).post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    offer.refresh_from_db()
    with in_site(sites.alpha):
        copy = NewsArticlePage.objects.get(pk=offer.accepted_page_id)
    assert (copy.source_name, copy.source_author, copy.source_url) == (
        "Trang thôn Khuổi Phầy",
        "Hà Thị Lan",
        "http://khuoiphay.example.vn/tin/1/",
    )
    assert copy.source_published_at == original_time


def test_a_deleted_source_site_closes_its_offers_and_its_slug_starts_afresh(sites):
    from django.db.models.signals import pre_delete

    from syndication import services

    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    board_client(sites.alpha).post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    # what deleting the registry row runs (tenants.lifecycle.delete_site)
    assert any("syndication_site_deleted" in str(key) for key, *_ in pre_delete.receivers)
    assert services.close_offers_of(sites.beta) == 1
    offer.refresh_from_db()
    assert offer.status == "withdrawn" and offer.alert_pending
    assert offer.source_key == f"beta~{sites.beta.pk}"
    with in_site(sites.alpha):  # the portal's copy stays
        assert NewsArticlePage.objects.filter(pk=offer.accepted_page_id).exists()
    # a site later given the same slug and page id starts with no offer
    with in_site(sites.beta):
        page = NewsArticlePage.objects.get(pk=article.pk)
        page.save_revision().publish()
    assert Offer.objects.filter(source_key="beta").get().status == "offered"


def test_an_offer_made_meanwhile_by_another_publish_is_refreshed_not_doubled(sites, monkeypatch):
    from syndication import services

    article = publish_story(sites.beta)
    offer = Offer.objects.get()
    # as if another publish of the same article inserted the row after this one looked
    real = Offer.objects.select_for_update
    calls = []

    def first_sees_nothing():
        calls.append(1)
        queryset = real()
        return queryset.none() if len(calls) == 1 else queryset

    monkeypatch.setattr(Offer.objects, "select_for_update", first_sees_nothing)
    with in_site(sites.beta):
        page = NewsArticlePage.objects.get(pk=article.pk)
        page.title = "Tiêu đề mới"
        services.offer(page)
    assert Offer.objects.count() == 1
    offer.refresh_from_db()
    assert offer.title == "Tiêu đề mới"

"""What the portal's board sees of the exchange besides the inbox: the dashboard
panel, the word-level comparison of an updated story, who is alerted of a
withdrawal; and how offered HTML is made absolute on the source's domain."""

import pytest

from django.db import connection

from news.models import NewsArticlePage
from syndication import services, snapshot, tasks
from syndication.models import Offer
from tests.conftest import in_site
from tests.syndication.test_exchange import board_client, publish_story

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_new_offers_and_links_to_the_inbox(sites):
    publish_story(sites.beta)
    html = board_client(sites.alpha).get("/admin/", HTTP_HOST="alpha.test").content.decode()
    assert 'id="syndication-inbox-section"' in html
    assert "1 tin mới chờ xem xét." in html and 'href="/admin/syndication/"' in html
    assert "bị trang nguồn gỡ" not in html  # nothing withdrawn yet
    # a site with no offers addressed to it shows no panel
    html = board_client(sites.gamma).get("/admin/", HTTP_HOST="gamma.test").content.decode()
    assert "syndication-inbox" not in html


def test_an_update_is_compared_word_by_word_and_stays_escaped():
    entry = Offer(
        title="Xã Sơn Dương hoàn thành 5 km đường <b>giao thông</b>",
        lead="Sapo.",
        body="<p>Đoạn một.</p>",
        accepted={
            "title": "Xã Sơn Dương ra quân làm đường <b>giao thông</b>",
            "lead": "Sapo.",
            "body": "<p>Đoạn một.</p>",
        },
    )
    ((label, then, now),) = services.differences(entry)  # only the title changed
    assert label == "Tiêu đề"
    assert then == "Xã Sơn Dương <del>ra quân làm</del> đường giao thông"
    assert now == "Xã Sơn Dương <ins>hoàn thành 5 km</ins> đường giao thông"


def test_a_long_unchanged_stretch_is_shortened_to_its_ends():
    words = " ".join(f"từ{i}" for i in range(200))
    entry = Offer(title="Mới", lead="", body=f"<p>{words} cuối.</p>")
    entry.accepted = {"title": "Mới", "lead": "", "body": f"<p>{words} hết.</p>"}
    ((_label, then, now),) = services.differences(entry)
    assert then.startswith("từ0 từ1 ") and " … " in then and "từ199 <del>hết" in then
    assert "từ199 <ins>cuối" in now and "từ100 " not in now


def test_a_withdrawal_alerts_whoever_may_lock_the_portals_news(sites):
    with in_site(sites.alpha):
        recipients = tasks._board_emails()
    connection.set_schema_to_public()
    # board.yaml gives page locking to these four roles, not to editors or reporters
    assert recipients == sorted(
        f"{role}@alpha.test" for role in ("pho_truong_ban", "quan_tri", "thu_ky", "truong_ban")
    )


def test_offered_html_is_made_absolute_on_the_source_and_cleaned():
    html = (
        '<p><a href="/tin-tuc/?a=1&amp;b=2">tin</a> <a href="#muc-2">mục</a> '
        '<a href="//cdn.example.vn/x">cdn</a> <img src="/media/a.png" alt="">'
        '<a href="https://dichvucong.gov.vn">dvc</a> <a href="javascript:x()">x</a></p>'
    )
    assert snapshot.sanitise(html, "https://xa.example.vn") == (
        '<p><a href="https://xa.example.vn/tin-tuc/?a=1&amp;b=2" rel="noopener noreferrer">tin</a> '
        '<a href="#muc-2" rel="noopener noreferrer">mục</a> '
        '<a href="//cdn.example.vn/x" rel="noopener noreferrer">cdn</a> '
        '<img src="https://xa.example.vn/media/a.png" alt="">'
        '<a href="https://dichvucong.gov.vn" rel="noopener noreferrer">dvc</a> '
        '<a rel="noopener noreferrer">x</a></p>'
    )
    # without a base, relative links stay as they are (the admin's preview)
    assert 'href="/tin-tuc/"' in snapshot.sanitise('<a href="/tin-tuc/">tin</a>')


def decorative(image):
    return {"image": image.pk, "alt_text": "", "decorative": True}


def test_an_accepted_gallery_keeps_its_images_as_the_portals_copies(sites):
    import json

    from tests.news.conftest import make_image

    with in_site(sites.beta):
        images = [make_image(f"Ảnh {i}", f"anh-{i}.png") for i in range(2)]
        page = NewsArticlePage.objects.get(pk=publish_story(sites.beta).pk)
        page.body = json.dumps(
            [
                {
                    "type": "gallery",
                    "value": {
                        "title": "Bộ ảnh",
                        "images": [
                            {
                                "type": "item",
                                "value": {"image": decorative(image), "caption": image.title},
                                "id": f"anh-{image.pk}",
                            }
                            for image in images
                        ],
                    },
                }
            ]
        )
        page.save_revision().publish()
    offer = Offer.objects.get()
    assert {item["id"] for item in offer.images} >= {image.pk for image in images}
    board_client(sites.alpha).post(
        f"/admin/syndication/{offer.pk}/", {"action": "accept"}, HTTP_HOST="alpha.test"
    )
    offer.refresh_from_db()
    with in_site(sites.alpha):
        copy = NewsArticlePage.objects.get(pk=offer.accepted_page_id)
        (gallery,) = copy.body
        figures = gallery.value["images"]
        files = [figure["image"].file.name for figure in figures]
    assert [figure["caption"] for figure in figures] == ["Ảnh 0", "Ảnh 1"]
    assert len(files) == 2 and all(name.startswith("sites/alpha/") for name in files)

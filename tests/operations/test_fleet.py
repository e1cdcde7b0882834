"""The fleet view from the figures in public, kept by publishes and the rollup, and the
province-wide notice shown on every site at once with every page cache purged."""

import datetime

import pytest

from django.test import Client
from django.utils import timezone

from operations import fleet
from operations.models import ProvinceNotice, SiteFigures
from operations.tasks import rollup_fleet
from tests.conftest import in_site

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}


def test_rollup_and_publishes_fill_the_fleet_view(
    operator_client, sites, django_assert_max_num_queries
):
    rollup_fleet.apply()
    figures = {f.tenant.slug: f for f in SiteFigures.objects.select_related("tenant")}
    assert set(figures) == {"alpha", "beta", "gamma"}
    assert all(f.schema_bytes > 1_000_000 and f.rolled_up_at for f in figures.values())
    before = figures["beta"].published_30d

    from wagtail.models import Page

    with in_site(sites.beta):
        page = Page.objects.filter(depth=2).first().specific
        page.save_revision().publish()
    beta = SiteFigures.objects.get(tenant=sites.beta)
    assert beta.published_30d == before + 1
    assert timezone.now() - beta.last_published_at < datetime.timedelta(minutes=1)

    # the backup code's interface
    fleet.record_backup(sites.alpha.schema_name, timezone.now())

    with django_assert_max_num_queries(8):  # session, user, 2FA device… and ONE for the table
        page = operator_client.get("/operations/sitefigures/?o=-sao_luu", **CONSOLE)
    assert page.status_code == 200
    html = page.content.decode()
    assert sites.alpha.name in html and sites.gamma.name in html
    slugs = [row.site.slug for row in page.context["rows"]]
    assert slugs[0] == "alpha"  # the newest verified backup first
    stale = operator_client.get("/operations/sitefigures/?can_chu_y=sao_luu", **CONSOLE)
    names = [row.site.slug for row in stale.context["rows"]]
    assert sorted(names) == ["beta", "gamma"]  # alpha has a verified backup now
    # a site with no publication for 30 days is flagged, and found by the filter
    SiteFigures.objects.filter(tenant=sites.gamma).update(
        last_published_at=timezone.now() - datetime.timedelta(days=fleet.STALE_DAYS + 1)
    )
    quiet = operator_client.get("/operations/sitefigures/?can_chu_y=khong_dang", **CONSOLE)
    rows = quiet.context["rows"]
    assert [row.site.slug for row in rows] == ["gamma"] and rows[0].stale
    assert "không đăng bài" in quiet.content.decode()
    by_size = operator_client.get("/operations/sitefigures/?o=-dung_luong&kind=commune", **CONSOLE)
    assert [row.site.slug for row in by_size.context["rows"]] == ["beta"]
    # a site not rolled up yet is listed (and flagged) all the same
    SiteFigures.objects.filter(tenant=sites.beta).delete()
    again = operator_client.get("/operations/sitefigures/?q=beta", **CONSOLE)
    [row] = again.context["rows"]
    assert row.figures is None and row.stale and row.no_backup


def test_province_notice_shows_on_every_site_and_purges_their_caches(
    operator_client, sites, settings, django_capture_on_commit_callbacks
):
    client = Client()  # an anonymous visitor (operator_client is the `client` fixture)
    settings.PAGE_CACHE_TIMEOUT = 300
    for host in ("alpha.test", "beta.test"):
        client.get("/", HTTP_HOST=host)
        assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "hit"

    refused = operator_client.post(
        "/operations/provincenotice/add/",
        {"kind": "canh_bao", "message": "Bão số 3", "active": "on", "grey_colours": "on"},
        **CONSOLE,
    )
    assert "Chỉ chuyển giao diện sang màu xám trong những ngày Quốc tang." in (
        refused.content.decode()
    )
    message = "Quốc tang nguyên Tổng Bí thư: các trang tạm dừng hoạt động vui chơi, giải trí."
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            "/operations/provincenotice/add/",
            {"kind": "quoc_tang", "message": message, "active": "on", "grey_colours": "on"},
            **CONSOLE,
        )
    assert response.status_code == 302
    assert ProvinceNotice.objects.get().updated_by == "vanhanh"
    for host in ("alpha.test", "beta.test", "gamma.test"):
        page = client.get("/", HTTP_HOST=host)
        assert page["X-Page-Cache"] == "miss", host
        html = page.content.decode()
        assert message in html and 'class="mourning"' in html
    # the console shows no notice
    assert message not in operator_client.get("/", **CONSOLE).content.decode()

    notice = ProvinceNotice.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(
            f"/operations/provincenotice/{notice.pk}/change/",
            {"kind": "quoc_tang", "message": message},  # no longer active
            **CONSOLE,
        )
    assert message not in client.get("/", HTTP_HOST="alpha.test").content.decode()

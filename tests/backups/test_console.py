"""The console shows each site's last verified backup, sets intervals and restores."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone

from backups.models import BackupSchedule, Reason, SiteBackup
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

CONSOLE = {"HTTP_HOST": "console.localhost"}


@pytest.fixture
def operator(client, sites):
    user = get_user_model().objects.create_superuser("vanhanh", "v@example.vn", "mat-khau-van-hanh")
    verified_login(client, user)
    return client


def backup(site, age: timedelta) -> SiteBackup:
    when = timezone.now() - age
    return SiteBackup.objects.create(
        site=site,
        site_key=site.slug,
        reason=Reason.SCHEDULED,
        started_at=when,
        verified_at=when,
        location=f"/khong-co/{site.slug}.tar",
        size=1234,
        sha256="0" * 64,
        row_counts={"wagtailcore_page": 5},
    )


def test_site_list_shows_the_last_verified_backup_and_flags_stale_sites(operator, sites):
    backup(sites.alpha, timedelta(hours=2))
    backup(sites.alpha, timedelta(days=9))
    backup(sites.beta, timedelta(days=4))
    response = operator.get("/tenants/tenant/", **CONSOLE)
    assert response.status_code == 200
    rows = {
        row.find("th").get_text(strip=True): row.find(class_="field-last_backup")
        for row in BeautifulSoup(response.content, "html.parser").select("#result_list tbody tr")
    }
    alpha, beta, gamma = (rows[s.name] for s in (sites.alpha, sites.beta, sites.gamma))
    assert alpha.find("strong") is None  # fresh: not flagged
    assert "⚠" in beta.get_text() and beta.find("strong")
    assert gamma.get_text(strip=True) == "Chưa có"


def test_interval_longer_than_twice_a_week_is_refused(operator, sites):
    response = operator.post(
        "/backups/backupschedule/add/",
        {"site": sites.gamma.pk, "interval_hours": 100},
        **CONSOLE,
    )
    assert response.status_code == 200
    assert "hai lần mỗi tuần" in response.content.decode()
    assert not BackupSchedule.objects.exists()
    response = operator.post(
        "/backups/backupschedule/add/", {"site": sites.gamma.pk, "interval_hours": 72}, **CONSOLE
    )
    assert response.status_code == 302
    assert BackupSchedule.objects.get(site=sites.gamma).interval_hours == 72


def test_restore_page_validates_before_anything_changes(operator, sites):
    made = backup(sites.beta, timedelta(hours=1))
    url = f"/backups/sitebackup/{made.pk}/restore/"
    listing = operator.get("/backups/sitebackup/", **CONSOLE).content.decode()
    assert url in listing
    assert operator.get(url, **CONSOLE).status_code == 200
    response = operator.post(url, {"mode": "copy", "as_slug": ""}, **CONSOLE)
    assert "Hãy nhập mã trang cho bản sao." in response.content.decode()
    response = operator.post(url, {"mode": "in_place", "confirmation": "alpha"}, **CONSOLE)
    assert "gõ chính xác mã trang" in response.content.decode()
    response = operator.post(url, {"mode": "copy", "as_slug": "Sai Ma"}, **CONSOLE)
    assert "Mã trang chỉ gồm chữ thường" in response.content.decode()

"""The console's restore runs in the background: a job row, a Celery task (eager in
the tests, as in the embedded default) and a progress page; typed confirmation, the
current state backed up first, refused archives fail the job before anything changes.

A site of the module's own (``phuchoinen``), committed (``committed``)."""

from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from backups import services
from backups.models import Reason, RestoreJob, SiteBackup
from core.jobs import JobStatus
from news.models import NewsArticlePage
from tests.backups.conftest import committed, drop_backups_of, drop_sites, make_site
from tests.backups.test_restore import wrong_site_archive
from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

SLUG = "phuchoinen"
CONSOLE = {"HTTP_HOST": "console.localhost"}
ARTICLE = "/tin-tuc/nuoc-sach/"


def article_html() -> str:
    response = Client().get(ARTICLE, HTTP_HOST=f"{SLUG}.test")
    assert response.status_code == 200
    return response.content.decode()


def test_console_restore_is_a_background_job_with_a_progress_page(sites, folders, tmp_path):
    try:
        committed(scenario, tmp_path)
    finally:
        committed(drop_sites, SLUG)
        committed(drop_backups_of, SLUG)
        committed(lambda: RestoreJob.objects.filter(site_key__in=[SLUG, "beta"]).delete())
        committed(drop_operator)


def drop_operator():
    # a raw delete: a cascade would look for the sites' user profiles in public
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username="vanhanh_nen").delete()
    get_user_model().objects.filter(username="vanhanh_nen")._raw_delete("default")


def scenario(tmp_path):
    site = make_site(SLUG)
    with in_site(site):
        ImageFactory(title="Giếng khoan")  # media in the archive
        NewsArticlePageFactory(title="Nước sạch cho mọi nhà", slug="nuoc-sach")
    [outcome] = services.run_backups([SLUG])
    backup = outcome.backup
    assert backup, outcome.error
    with in_site(site):
        article = NewsArticlePage.objects.get(slug="nuoc-sach")
        article.title = "Tiêu đề bị sửa nhầm"
        article.save_revision().publish()
    assert "Tiêu đề bị sửa nhầm" in article_html()

    connection.set_schema_to_public()  # the console's session and device are public's
    operator = Client()
    verified_login(
        operator,
        get_user_model().objects.create_superuser("vanhanh_nen", "nen@example.vn", "mat-khau-nen"),
    )

    def ask(made, data):
        return operator.post(f"/backups/sitebackup/{made.pk}/restore/", data, **CONSOLE)

    # refused in the request, nothing queued: the typed confirmation
    refused = ask(backup, {"mode": "in_place", "confirmation": "phuchoi"})
    assert "gõ chính xác mã trang" in refused.content.decode()
    assert not RestoreJob.objects.exists()
    # … a restore of the same site already under way
    busy = RestoreJob.objects.create(
        backup=backup, site_key=SLUG, mode="in_place", created_by="x", steps=[["fetch", 0.2]]
    )
    refused = ask(backup, {"mode": "in_place", "confirmation": SLUG})
    assert "đang được phục hồi" in refused.content.decode()
    # the page of a job under way refreshes itself and shows its step
    RestoreJob.objects.filter(pk=busy.pk).update(status=JobStatus.RUNNING)
    running = operator.get(f"/backups/restorejob/{busy.pk}/change/", **CONSOLE).content.decode()
    assert 'http-equiv="refresh"' in running and "đang làm" in running
    busy.delete()

    # a corrupt archive (changed since it was verified): the job fails, nothing changed
    corrupt = tmp_path / "hong.tar"
    corrupt.write_bytes(Path(backup.location).read_bytes()[:5000])
    bad = SiteBackup.objects.create(
        **{
            **{f.name: getattr(backup, f.name) for f in SiteBackup._meta.fields if f.name != "id"},
            "location": str(corrupt),
        }
    )
    response = ask(bad, {"mode": "in_place", "confirmation": SLUG})
    job = RestoreJob.objects.get(backup=bad)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/backups/restorejob/{job.pk}/change/"
    )
    assert job.status == JobStatus.FAILED and "đã bị thay đổi" in job.error
    assert (
        job.pre_restore is None
        and not SiteBackup.objects.filter(site_key=SLUG, reason=Reason.PRE_RESTORE).exists()
    )
    page = operator.get(response["Location"], **CONSOLE).content.decode()
    assert "Phục hồi thất bại" in page and 'http-equiv="refresh"' not in page
    # … another site's archive recorded as this one's
    wrong = wrong_site_archive(backup, tmp_path)
    ask(wrong, {"mode": "in_place", "confirmation": SLUG})
    job = RestoreJob.objects.get(backup=wrong)
    assert job.status == JobStatus.FAILED and "của trang “beta”" in job.error
    assert "Tiêu đề bị sửa nhầm" in article_html()  # nothing changed

    # the good archive: the state before is backed up first, then it comes back
    response = ask(backup, {"mode": "in_place", "confirmation": SLUG})
    job = RestoreJob.objects.get(backup=backup)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert [step for step, _seconds in job.steps] == [
        "fetch",
        "check",
        "pre_restore",
        "restore",
        "settle",
    ]
    assert job.pre_restore.reason == Reason.PRE_RESTORE and job.result_domain == f"{SLUG}.test"
    page = operator.get(response["Location"], **CONSOLE).content.decode()
    assert f"Đã phục hồi trang “{SLUG}”" in page and 'http-equiv="refresh"' not in page
    html = article_html()
    assert "Nước sạch cho mọi nhà" in html and "Tiêu đề bị sửa nhầm" not in html

"""Restoring a site: refused archives, in place, as a copy, a deleted site.

One site of the module's own (``khoiphuc``), committed, with an editor, an article
and an image; every step runs on a committed connection (``committed``)."""

import json
import re
import tarfile
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from backups import services
from backups.models import Reason, SiteBackup
from backups.restore import manifest_of, restore_site
from news.models import NewsArticlePage
from tenants import lifecycle
from tenants.models import AuditEvent, Tenant
from tests.backups.conftest import committed, drop_backups_of, drop_sites, make_site
from tests.backups.test_backups import live_counts
from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

HOST = "khoiphuc.test"
ARTICLE = "/tin-tuc/bao-ve-rung/"


def page(path, host=HOST):
    response = Client().get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, host, response.status_code)
    # the CSRF token differs on every response
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())


def prepare(settings):
    site = make_site("khoiphuc")
    with in_site(site):
        get_user_model().objects.create_superuser(
            "bientap_kp", "bientap@khoiphuc.test", "Mat-khau-bien-tap-2026"
        )
        image = ImageFactory(title="Rừng đầu nguồn")
        NewsArticlePageFactory(title="Bảo vệ rừng đầu nguồn", slug="bao-ve-rung")
    media = Path(settings.MEDIA_ROOT) / image.file.name
    assert media.is_file() and "sites/khoiphuc/" in image.file.name
    [outcome] = services.run_backups(["khoiphuc"])
    assert outcome.backup, outcome.error
    return site, media, outcome.backup


def edit_after_backup(site, media):
    with in_site(site):
        article = NewsArticlePage.objects.get(slug="bao-ve-rung")
        article.title = "Tiêu đề đã bị sửa nhầm"
        article.save_revision().publish()
        NewsArticlePageFactory(title="Bài thêm sau khi sao lưu", slug="bai-them")
    media.unlink()


def wrong_site_archive(backup, folder: Path) -> SiteBackup:
    """The site's archive with beta's name in it, recorded as the site's (a mix-up)."""
    source, target = Path(backup.location), folder / "nham.tar"
    with tarfile.open(source) as tar:
        tar.extractall(folder / "x", filter="data")
    manifest = json.loads((folder / "x" / "site.json").read_text())
    manifest["site"]["slug"] = "beta"
    (folder / "x" / "site.json").write_text(json.dumps(manifest))
    with tarfile.open(target, "w") as tar:
        for name in ("site.json", "schema.dump", "media"):
            tar.add(folder / "x" / name, arcname=name)
    return SiteBackup.objects.create(
        site_key="khoiphuc",
        reason=Reason.MANUAL,
        started_at=backup.started_at,
        verified_at=backup.verified_at,
        location=str(target),
        size=target.stat().st_size,
        sha256=services._sha256(target),
        row_counts=backup.row_counts,
    )


def test_restore_in_place_as_copy_and_a_deleted_site(sites, folders, tmp_path):
    try:
        committed(scenario, folders, tmp_path)
    finally:
        committed(drop_sites, "khoiphuc", "khoiphuc_ban")
        committed(drop_backups_of, "khoiphuc")


def scenario(settings, tmp_path):
    site, media, backup = prepare(settings)
    counts = live_counts("site_khoiphuc")
    assert counts == backup.row_counts
    home, article = page("/"), page(ARTICLE)
    assert "Bảo vệ rừng đầu nguồn" in article

    edit_after_backup(site, media)
    assert "Tiêu đề đã bị sửa nhầm" in page(ARTICLE)

    # refused before anything changes: a typed confirmation is needed in place
    with pytest.raises(ValidationError) as err:
        restore_site("khoiphuc", actor="tests", backup_id=backup.pk, confirmation="khoi")
    assert "gõ chính xác mã trang" in str(err.value)
    # … a corrupt archive (changed since it was verified)
    corrupt = tmp_path / "hong.tar"
    corrupt.write_bytes(Path(backup.location).read_bytes()[:5000])
    SiteBackup.objects.filter(pk=backup.pk).update(location=str(corrupt))
    with pytest.raises(ValidationError) as err:
        restore_site("khoiphuc", actor="tests", backup_id=backup.pk, confirmation="khoiphuc")
    assert "đã bị thay đổi" in str(err.value)
    SiteBackup.objects.filter(pk=backup.pk).update(location=backup.location)
    # … an archive of another site
    wrong = wrong_site_archive(backup, tmp_path)
    with pytest.raises(ValidationError) as err:
        restore_site("khoiphuc", actor="tests", backup_id=wrong.pk, confirmation="khoiphuc")
    assert "của trang “beta”" in str(err.value)
    wrong.delete()
    assert "Tiêu đề đã bị sửa nhầm" in page(ARTICLE)  # nothing changed

    # in place: the state before is backed up first, then the backup comes back
    result = restore_site("khoiphuc", actor="tests", backup_id=backup.pk, confirmation="khoiphuc")
    assert result.pre_restore is not None and result.pre_restore.reason == Reason.PRE_RESTORE
    assert result.pre_restore.row_counts["wagtailcore_page"] == counts["wagtailcore_page"] + 1
    assert live_counts("site_khoiphuc") == counts
    assert page("/") == home
    assert page(ARTICLE) == article
    assert media.is_file()  # the media came back from the archive
    with in_site(site):
        editor = get_user_model().objects.get(username="bientap_kp")
        assert editor.check_password("Mat-khau-bien-tap-2026")
        client = Client()
        verified_login(client, editor)
    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 200
    assert AuditEvent.objects.filter(site_key="khoiphuc", action="site.restored").exists()

    # as a copy, at a domain of its own
    copy = restore_site("khoiphuc", actor="tests", backup_id=backup.pk, as_slug="khoiphuc_ban")
    assert copy.domain == "khoiphuc-ban.localhost"
    assert "Bảo vệ rừng đầu nguồn" in page(ARTICLE, host=copy.domain)
    assert (
        live_counts("site_khoiphuc_ban")["news_newsarticlepage"] == counts["news_newsarticlepage"]
    )
    with pytest.raises(ValidationError):  # the slug is taken now
        restore_site("khoiphuc", actor="tests", as_slug="khoiphuc_ban")

    # a deleted site, from its final backup (the command, as an operator runs it)
    lifecycle.delete_site(Tenant.objects.get(slug="khoiphuc"), "tests", "khoiphuc")
    assert not Tenant.objects.filter(slug="khoiphuc").exists()
    call_command("restore_site", "khoiphuc")
    restored = Tenant.objects.get(slug="khoiphuc")
    assert restored.status == "active"
    assert page(ARTICLE) == article
    final = AuditEvent.objects.get(site_key="khoiphuc", action="site.deleted").details["backup"]
    # the final backup holds what happened after the in-place restore (the editor's
    # session and device…): the restored site has exactly its rows
    assert live_counts("site_khoiphuc") == manifest_of(Path(final))["row_counts"]

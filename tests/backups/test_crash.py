"""A backup run killed midway records nothing, and the next run completes the set."""

import os
import signal
import subprocess
import sys
import time

import pytest

from django.conf import settings
from django.db import connection

from backups import services
from backups.models import SiteBackup
from tests import services as test_services
from tests.backups.conftest import committed, drop_backups_of

pytestmark = pytest.mark.django_db


def scratch_databases() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'backup%%scratch%%'")
        return [row[0] for row in cursor.fetchall()]


def connected_to_scratch() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'backup%%scratch%%'"
        )
        return cursor.fetchone()[0]


def test_killed_in_the_middle_leaves_no_backup_and_the_next_run_completes(sites, folders, tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(settings.ROOT_DIR / "platform"), str(settings.ROOT_DIR)]
        ),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": test_services.database_url(),
        "SECRET_KEY": "tests-only-secret-key",
        "PLATFORM_DATA_DIR": str(settings.DATA_DIR),
        "BACKUP_DIR": str(folders.BACKUP_DIR),
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "backup_sites", "beta"],
        cwd=settings.ROOT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # wait until it is verifying (its scratch database exists), then kill it
        deadline = time.monotonic() + 120
        while not scratch_databases() and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        while connected_to_scratch():  # the server notices the lost clients
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert not SiteBackup.objects.filter(site_key="beta").exists()

        outcomes = committed(services.run_backups, None, include_public=False)
        assert "beta" in {o.site_key for o in outcomes if o.backup}
        assert SiteBackup.objects.filter(site_key="beta").count() == 1
        assert scratch_databases() == []  # the killed run's was dropped
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        committed(drop_backups_of, "", "alpha", "beta", "gamma")

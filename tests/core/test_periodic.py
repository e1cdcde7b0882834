"""The embedded default runs the beat schedule in-process, so periodic work happens
without a Redis, a worker or a ``celery beat`` (``manage.py demo``)."""

import time

import pytest
from celery import shared_task

from django.core.cache import cache

from core.periodic import fan_out, start_embedded_beat

pytestmark = pytest.mark.django_db(transaction=False)


@shared_task(name="tests.core.record_schema")
def record_schema():
    from tenants.db import connection

    cache.set(f"periodic-test:{connection.schema_name}", time.time())


def test_fan_out_runs_in_process_in_each_active_site(sites):
    results = fan_out(record_schema)
    for site in (sites.alpha, sites.beta, sites.gamma):
        assert site.schema_name in results


def test_the_embedded_beat_runs_the_schedule_in_a_thread(settings, tmp_path):
    from config.celery import app

    settings.REDIS_URL = ""
    settings.DATA_DIR = tmp_path
    schedule = app.conf.beat_schedule
    app.conf.beat_schedule = {"record": {"task": "tests.core.record_schema", "schedule": 0.2}}
    cache.delete("periodic-test:public")
    beat = start_embedded_beat()
    try:
        deadline = time.monotonic() + 20
        while cache.get("periodic-test:public") is None and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        beat.stop()
        app.conf.beat_schedule = schedule
    assert cache.get("periodic-test:public") is not None

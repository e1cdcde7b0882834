"""Celery tasks run in the schema they were sent from, in a real worker over a real Redis."""

import pytest
from django_tenants.utils import schema_context

from core.tasks import site_health
from tests import services

pytestmark = [pytest.mark.django_db, pytest.mark.worker]


@pytest.fixture(scope="module")
def worker(sites, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("celery")
    redis, url = services.start_redis(tmp)
    process = services.start_celery_worker(url, tmp / "worker.log")
    with services.celery_on(url):
        yield process, tmp / "worker.log"
    process.terminate()
    process.wait(timeout=30)
    if redis is not None:
        redis.shutdown()


def test_tasks_run_in_the_sending_sites_schema(worker, sites):
    process, log = worker
    results = {}
    for site in (sites.alpha, sites.beta):
        with schema_context(site.schema_name):
            results[site.schema_name] = site_health.delay(site.schema_name)
    for schema, result in results.items():
        try:
            value = result.get(timeout=60)
        except Exception:  # noqa: BLE001 (any failure: show the worker's log)
            raise AssertionError(log.read_text()) from None
        assert value["schema"] == schema == value["expected"]
        assert value["pages"] > 1
    assert process.poll() is None


def test_tasks_sent_from_public_run_in_public(worker):
    assert site_health.delay().get(timeout=60)["schema"] == "public"


def test_fan_out_sends_a_task_into_every_active_site_and_no_other(worker, sites):
    from core.periodic import fan_out
    from tenants import lifecycle

    lifecycle.suspend(sites.beta, "tests")  # rolled back with the test's transaction
    results = fan_out(site_health)
    assert sites.alpha.schema_name in results and sites.gamma.schema_name in results
    assert sites.beta.schema_name not in results
    for schema, result in results.items():
        assert result.get(timeout=60)["schema"] == schema

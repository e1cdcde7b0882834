"""Nothing lost, nothing twice, with a real Redis and a real Celery worker that is
down, then killed, then back.

The offer is written with the publish, so the worker is only needed for the
withdrawal alert. Here the alert is queued while no worker runs; a worker that
starts later sends it; a worker killed with SIGKILL and restarted, and the
periodic sweep run again, send nothing more. The data is committed (the worker
has its own connection) and removed afterwards.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from celery.result import allow_join_result
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.db import connection

from syndication import services as syndication
from syndication.models import Offer
from syndication.tasks import send_alerts
from tests import services

pytestmark = [pytest.mark.django_db, pytest.mark.worker]
TITLE = "Phường Minh Xuân ra mắt mô hình dân vận khéo"


def committed(fn, *args):
    """Run ``fn`` on a thread with its own connection: committed at once."""

    def run():
        try:
            return fn(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def broker(sites, tmp_path, django_db_blocker):
    """A real Redis the platform sends tasks to, and no worker yet."""
    redis, url = services.start_redis(tmp_path)
    workers = []

    def start_worker(name):
        # e-mails to files (django-environ drops the first / of the path)
        process = services.start_celery_worker(
            url, tmp_path / f"{name}.log", EMAIL_URL=f"filemail:///{tmp_path / 'mail'}"
        )
        workers.append(process)
        return process

    with django_db_blocker.unblock(), services.celery_on(url):
        yield start_worker, tmp_path
        committed(_clean_up, sites)
    for process in workers:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    if redis is not None:
        redis.shutdown()


def _publish_accept_withdraw(sites) -> int:
    from news.models import NewsArticlePage, NewsIndexPage

    with schema_context(sites.beta.schema_name):
        index = NewsIndexPage.objects.get(locale__language_code="vi")
        article = NewsArticlePage(title=TITLE, slug="dan-van-kheo", lead="Sapo.", live=False)
        index.add_child(instance=article)
        article.save_revision().publish()
    offer = Offer.objects.get(source_key="beta", page_id=article.pk)
    with schema_context(sites.alpha.schema_name):
        head = get_user_model().objects.get(email="truong_ban@alpha.test")
        syndication.accept(sites.alpha, offer.pk, head)
    with schema_context(sites.beta.schema_name):
        # queues the alert on Redis after commit; no worker takes it yet
        NewsArticlePage.objects.get(pk=article.pk).unpublish()
    connection.set_schema_to_public()
    return offer.pk


def _clean_up(sites):
    from wagtail.images import get_image_model

    from news.models import NewsArticlePage

    offers = list(Offer.objects.filter(title=TITLE))
    with schema_context(sites.alpha.schema_name):
        NewsArticlePage.objects.filter(pk__in=[o.accepted_page_id for o in offers]).delete()
        get_image_model().objects.filter(title=TITLE).delete()
    with schema_context(sites.beta.schema_name):
        NewsArticlePage.objects.filter(title=TITLE).delete()
    Offer.objects.filter(pk__in=[o.pk for o in offers]).delete()


def _wait(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_an_alert_queued_while_the_worker_is_down_is_sent_once(sites, broker):
    start_worker, tmp = broker
    offer_id = committed(_publish_accept_withdraw, sites)

    def pending():
        return committed(lambda: Offer.objects.get(pk=offer_id).alert_pending)

    # withdrawn at once, with the publish's transaction; the alert waits for a worker
    assert committed(lambda: Offer.objects.get(pk=offer_id).status) == "withdrawn"
    time.sleep(1)
    assert pending()
    mails = tmp / "mail"

    worker = start_worker("worker-1")
    assert _wait(lambda: not pending()), (tmp / "worker-1.log").read_text()[-3000:]
    assert _wait(lambda: mails.exists() and len(list(mails.iterdir())) == 1), (
        tmp / "worker-1.log"
    ).read_text()[-4000:]

    # killed without warning, a sweep queued meanwhile, then a new worker: nothing twice
    worker.kill()
    worker.wait(timeout=30)
    result = send_alerts.delay()
    start_worker("worker-2")
    # (allow_join_result: Celery's "inside a task" flag is process-wide, and an eager task
    # run in another thread of this test process may have left it set)
    with allow_join_result():
        assert result.get(timeout=60) == 0, (tmp / "worker-2.log").read_text()[-3000:]
    assert len(list(mails.iterdir())) == 1
    text = next(mails.iterdir()).read_text()
    assert "truong_ban@alpha.test" in text

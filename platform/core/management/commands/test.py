"""Run the test suite: the README's second command (``python3 manage.py test``).

Installs what the suite needs that pip cannot (Debian's Chromium for the browser
tests), then runs pytest with the arguments given, e.g. ``manage.py test -k routing``.
Exits with pytest's status; "no tests ran" (pytest's 5) is a failure, not a pass.

Stopped by SIGTERM or SIGHUP (a service manager, a closed terminal), it stops
pytest as Ctrl-C does -- the running test ends, fixtures and the test database
are torn down -- and then exits, which stops the embedded PostgreSQL that both
used (config.embedded).
"""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.embedded import exit_on_termination_signals

CHROMIUM = "chromium"
#: seconds pytest gets to finish after an interrupt before it is killed
STOP_GRACE = 60
#: seconds to wait, after Ctrl-C, for pytest to stop on the interrupt it got from the
#: terminal as well, before interrupting it ourselves
OWN_INTERRUPT_WAIT = 5


def ensure_chromium(stdout) -> str:
    """Path of a Chromium binary, installing Debian's package when missing and possible."""
    found = shutil.which(CHROMIUM)
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise CommandError(
            "Thiếu trình duyệt Chromium cho các bài kiểm thử giao diện. Hãy cài gói "
            "`chromium` của hệ điều hành (Debian: apt-get install chromium) rồi chạy lại."
        )
    stdout.write("Cài đặt Chromium (apt-get install chromium)…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", CHROMIUM],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    installed = shutil.which(CHROMIUM)
    if installed is None:
        raise CommandError("Đã cài gói chromium nhưng không tìm thấy lệnh `chromium`.")
    return installed


def stop_pytest(child: subprocess.Popen, *, interrupted: bool) -> None:
    """Stop the pytest process ``child`` as Ctrl-C does (KeyboardInterrupt: teardown
    runs), unless it was ``interrupted`` already and stops on its own; kill it if it
    has not stopped ``STOP_GRACE`` seconds later."""
    if interrupted:
        try:
            child.wait(timeout=OWN_INTERRUPT_WAIT)
            return
        except subprocess.TimeoutExpired:
            pass
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


class Command(BaseCommand):
    help = "Chạy toàn bộ bộ kiểm thử (pytest) với PostgreSQL, Redis, Celery, S3 và Chromium thật."

    def run_from_argv(self, argv):
        # Every argument after "test" goes to pytest untouched.
        sys.exit(self.run_tests(argv[2:]))

    def run_tests(self, pytest_args) -> int:
        root = Path(settings.ROOT_DIR)
        env = {**os.environ, "CHROMIUM_PATH": ensure_chromium(self.stdout)}
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        exit_on_termination_signals()
        child = subprocess.Popen([sys.executable, "-m", "pytest", *pytest_args], cwd=root, env=env)
        try:
            status = child.wait()
        except KeyboardInterrupt:
            # Ctrl-C reached pytest too (the terminal interrupts the whole group)
            stop_pytest(child, interrupted=True)
            raise SystemExit(128 + signal.SIGINT) from None
        except SystemExit:
            # SIGTERM or SIGHUP, sent to this process
            stop_pytest(child, interrupted=False)
            raise
        if status == 5:
            self.stderr.write(
                "Không có bài kiểm thử nào được chạy (pytest exit 5): coi là thất bại."
            )
            return 1
        return status

    def handle(self, *args, **options):
        sys.exit(self.run_tests([]))

#!/usr/bin/env python3
"""Command-line entry point of the platform.

``platform/`` is not a Python package (it would shadow the standard library's
``platform`` module, which uuid, botocore and celery import); it is the source
root of the platform's own Django packages and is put on ``sys.path`` here, in
``config/wsgi.py``, in pytest's configuration and in the Celery entry point.

On a machine that does not have the platform's dependencies, the first run
creates ``.venv/`` in the checkout, installs ``requirements.lock`` into it and
runs the command again with that interpreter, so that ``python3 manage.py demo``
and ``python3 manage.py test`` work on a fresh machine with nothing but Python.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".requirements.sha256"


def _venv_python() -> Path:
    return VENV / "bin" / "python"


def _lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def _dependencies_importable() -> bool:
    try:
        import django_tenants  # noqa: F401

        import django  # noqa: F401

        import wagtail  # noqa: F401
    except ImportError:
        return False
    return True


def _say(message: str) -> None:
    sys.stderr.write(f"[manage.py] {message}\n")
    sys.stderr.flush()


def ensure_environment() -> None:
    """Make sure the interpreter running this file has the locked dependencies.

    Skipped when ``PLATFORM_SKIP_BOOTSTRAP`` is set (the Docker image installs
    the dependencies into its system Python).
    """
    if os.environ.get("PLATFORM_SKIP_BOOTSTRAP"):
        return
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    if not in_venv:
        if not VENV.exists() and _dependencies_importable():
            return  # dependencies installed some other way
        if not _venv_python().exists():
            _say(f"Tạo môi trường Python tại {VENV} (creating the virtualenv)…")
            subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    if not STAMP.exists() or STAMP.read_text().strip() != _lock_digest():
        _say("Cài đặt các gói phụ thuộc từ requirements.lock (installing dependencies)…")
        pip = [str(_venv_python()), "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.check_call([*pip, "install", "--upgrade", "pip"])
        subprocess.check_call([*pip, "install", "-r", str(LOCK)])
        STAMP.write_text(_lock_digest())
    if not in_venv:
        os.execv(str(_venv_python()), [str(_venv_python()), *sys.argv])


def main() -> None:
    ensure_environment()
    sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
    default_settings = "config.settings.base"
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "test":
        default_settings = "config.settings.test"
    if command == "lint":
        # The linters need no database: a placeholder keeps the settings from
        # starting the embedded PostgreSQL (for this process and its checks).
        os.environ.setdefault("DATABASE_URL", "postgres://lint@127.0.0.1:9/lint")
        os.environ.setdefault("SECRET_KEY", "lint-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

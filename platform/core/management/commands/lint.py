"""Run the project's linters, as CI and the pre-commit hooks do: ``manage.py lint``.

ruff (lint and format), djhtml (template indentation), mypy with django-stubs on
``platform/``, ``tenants/`` and ``provisioning/`` (configured in pyproject.toml),
and a check that no model change lacks its migration. Runs every check, prints
what failed and exits non-zero if any did. ``--fix`` lets ruff and djhtml
rewrite the files instead of only checking them.

Nothing here needs a database: ``manage.py`` gives this command a placeholder
``DATABASE_URL``, so the settings (loaded by mypy's Django plugin and by the
migration check) never start the embedded PostgreSQL.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def templates(root: Path) -> list[str]:
    """The project's Django templates, as git knows them (the virtualenv excluded)."""
    listed = subprocess.run(
        ["git", "ls-files", "*.html"], cwd=root, capture_output=True, text=True, check=False
    )
    if listed.returncode == 0 and listed.stdout.strip():
        return listed.stdout.split()
    return [
        str(p.relative_to(root))
        for folder in ("platform", "provisioning", "tenants", "themes")
        for p in (root / folder).rglob("*.html")
    ]


class Command(BaseCommand):
    help = "Chạy các công cụ kiểm tra mã nguồn (ruff, djhtml, mypy, migrations) như CI."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="sửa định dạng (ruff, djhtml) thay vì chỉ kiểm tra"
        )

    def handle(self, *args, fix=False, **options):
        root = Path(settings.ROOT_DIR)
        python = sys.executable
        # makemigrations warns that it cannot reach the (placeholder) database to
        # compare histories; that comparison is not what this check is for.
        quiet = {**os.environ, "PYTHONWARNINGS": "ignore::RuntimeWarning"}
        checks = [
            ("ruff check", [python, "-m", "ruff", "check", *(["--fix"] if fix else []), "."]),
            ("ruff format", [python, "-m", "ruff", "format", *([] if fix else ["--check"]), "."]),
            ("djhtml", [python, "-m", "djhtml", *([] if fix else ["--check"]), *templates(root)]),
            ("mypy", [python, "-m", "mypy"]),
            (
                "makemigrations --check",
                [python, "manage.py", "makemigrations", "--check", "--dry-run"],
            ),
        ]
        failed = []
        for name, command in checks:
            self.stdout.write(f"— {name}")
            if subprocess.call(command, cwd=root, env=quiet) != 0:
                failed.append(name)
        if failed:
            self.stderr.write(f"Kiểm tra mã nguồn không đạt: {', '.join(failed)}.")
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS("Mã nguồn đạt mọi kiểm tra."))

"""Run the platform with the demo province: the README's first command.

Its terminal shows the steps, the addresses and logins, then the web server's
requests; the hundreds of INFO lines that building the sites logs (each search
index task, each page created) are held back. SIGTERM and SIGHUP stop it as
Ctrl-C does, the embedded database with it (config.embedded).
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from config.embedded import exit_on_termination_signals
from core.periodic import start_embedded_beat
from provisioning.demo_data import load_demo, operator_credentials
from tenants.registry import site_url

#: loggers whose INFO lines bury the demo's own output while it builds the sites:
#: tasks run in-process (search index updates), Wagtail's page log, the platform's apps
QUIET_LOGGERS = (
    "django_tasks",
    "celery",
    "wagtail",
    "modelsearch",
    "core",
    "tenants",
    "provisioning",
    "syndication",
)


@contextmanager
def quiet_logs(names=QUIET_LOGGERS, level=logging.WARNING):
    """Raise ``names`` to ``level`` (warnings and errors still show) for the block."""
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), level))
    try:
        yield
    finally:
        for logger, old in zip(loggers, before, strict=True):
            logger.setLevel(old)


class Command(BaseCommand):
    help = "Tạo các trang mẫu của tỉnh (nếu chưa có) và chạy máy chủ web."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default=f"127.0.0.1:{settings.SITE_PORT}")
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ tạo dữ liệu mẫu, không chạy máy chủ web."
        )

    def handle(self, *args, addrport, no_serve, **options):
        exit_on_termination_signals()
        with quiet_logs():
            logins = self.build()
        self.print_logins(logins)
        if not no_serve:
            # no celery beat in the embedded default: the schedule runs in this process
            if start_embedded_beat():
                self.stdout.write("Công việc định kỳ chạy trong tiến trình này (embedded beat).")
            call_command("runserver", addrport, use_reloader=False)

    def build(self):
        """Bring the database up to date and create the demo sites that are missing;
        return every demo login."""
        self.stdout.write("Cập nhật cơ sở dữ liệu dùng chung (migrate_schemas --shared)…")
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        from tenants.models import Tenant

        if Tenant.objects.exclude(schema_name="public").exists():
            # Sites made by an earlier version of the platform get its new tables;
            # sites already up to date cost nothing (provisioning.fleet).
            self.stdout.write("Cập nhật cơ sở dữ liệu của các trang đã có (migrate_sites)…")
            try:
                call_command("migrate_sites", verbosity=0)
            except CommandError as error:
                self.stderr.write(str(error))
        from provisioning.template import TemplateError, current_template, refresh_template

        if current_template() is None:
            # New sites are cloned from it: ~0.4 s a site instead of ~12 s by migration.
            self.stdout.write("Dựng lược đồ mẫu cho các trang mới (refresh_site_template)…")
            try:
                refresh_template()
            except TemplateError as error:
                # Without a template the sites are made by migration: slower, same result.
                self.stderr.write(f"{error} Các trang sẽ được tạo bằng di trú (chậm hơn).")
        username, password = operator_credentials()
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, f"{username}@example.vn", password)
        return load_demo(stdout=self.stdout)

    def print_logins(self, logins):
        username, password = operator_credentials()
        self.stdout.write(self.style.SUCCESS("\nCác trang mẫu đã sẵn sàng:\n"))
        for console_host in settings.CONSOLE_HOSTS[:1]:
            self.stdout.write(
                f"  Bảng điều khiển vận hành  {site_url(console_host, '/')}"
                f"  ({username} / {password})"
            )
        seen = set()
        for login in logins:
            if login.site not in seen:
                seen.add(login.site)
                self.stdout.write(f"\n  {login.site}\n    {login.url.removesuffix('admin/')}")
            self.stdout.write(
                f"    {login.url}  {login.username} / {login.password}  ({login.role})"
            )
        self.stdout.write("")

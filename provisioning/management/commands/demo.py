"""Run the platform with the demo province: the README's first command."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from provisioning.demo_data import load_demo, operator_credentials
from tenants.registry import site_url


class Command(BaseCommand):
    help = "Tạo các trang mẫu của tỉnh (nếu chưa có) và chạy máy chủ web."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default=f"127.0.0.1:{settings.SITE_PORT}")
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ tạo dữ liệu mẫu, không chạy máy chủ web."
        )

    def handle(self, *args, addrport, no_serve, **options):
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
        logins = load_demo(stdout=self.stdout)

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
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)

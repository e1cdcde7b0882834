"""``manage.py site_lifecycle <action> <slug>``: the console's lifecycle buttons from a shell.

For operators without the console at hand, and for sites too large to archive or
delete within a web request's time limit. A thin wrapper of ``tenants.lifecycle``.
"""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants import lifecycle
from tenants.backup import BackupError
from tenants.models import Tenant

ACTIONS = ["suspend", "resume", "archive", "unarchive", "delete"]


class Command(BaseCommand):
    help = (
        "Tạm ngừng, cho hoạt động lại, lưu trữ, mở lại hoặc xoá một trang "
        "(lưu trữ và xoá: sao lưu trước). Ghi vào nhật ký vận hành."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("slug", help="mã trang, ví dụ sokhcn")
        parser.add_argument("--confirm", default="", help="xoá: gõ lại mã trang để xác nhận")
        parser.add_argument(
            "--actor", default="", help="người thực hiện, ghi vào nhật ký (mặc định: tài khoản máy)"
        )

    def handle(self, *args, action, slug, confirm, actor, **options):
        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is None:
            raise CommandError(f"Không có trang nào có mã “{slug}”.")
        actor = actor or f"{getpass.getuser()} (shell)"
        try:
            if action == "delete":
                backup = lifecycle.delete_site(tenant, actor, confirm)
                self.stdout.write(f"Đã xoá trang {slug}. Bản sao lưu cuối cùng: {backup}")
            elif action == "archive":
                backup = lifecycle.archive(tenant, actor)
                self.stdout.write(f"Đã lưu trữ trang {slug}. Bản sao lưu: {backup}")
            else:
                getattr(lifecycle, action)(tenant, actor)
                self.stdout.write(f"Trang {slug}: {tenant.get_status_display()}.")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except BackupError as error:
            raise CommandError(str(error)) from error

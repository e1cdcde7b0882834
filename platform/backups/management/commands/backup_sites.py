from django.core.management.base import BaseCommand, CommandError

from backups.models import Reason
from backups.services import BackupFailed, run_backups


class Command(BaseCommand):
    help = "Sao lưu (và kiểm tra) các trang được nêu, hoặc mọi trang đến hạn và lược đồ public."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="mã trang; bỏ trống: mọi trang đến hạn")
        parser.add_argument("--public", action="store_true", help="sao lưu cả lược đồ public")
        parser.add_argument("--parallel", type=int, default=None, help="số bản sao lưu cùng lúc")

    def handle(self, *args, slugs, public, parallel, **options):
        try:
            outcomes = run_backups(
                slugs or None,
                include_public=True if public else None,
                reason=Reason.MANUAL if slugs else Reason.SCHEDULED,
                parallelism=parallel,
            )
        except BackupFailed as exc:
            raise CommandError(str(exc)) from exc
        failed = 0
        for o in outcomes:
            key = o.site_key or "public"
            if o.backup:
                self.stdout.write(
                    f"OK {key}: #{o.backup.pk} {o.backup.location} "
                    f"({o.backup.size} B, {o.backup.rows} dòng, {o.backup.seconds} s)"
                )
            else:
                failed += 1
                self.stderr.write(f"LỖI {key}: {o.error}")
        if not outcomes:
            self.stdout.write("Không có trang nào đến hạn sao lưu.")
        if failed:
            raise CommandError(f"{failed} bản sao lưu thất bại.")

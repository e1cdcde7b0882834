from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from backups.restore import restore_site


class Command(BaseCommand):
    help = (
        "Phục hồi một trang từ bản sao lưu đã kiểm tra (tại chỗ, thành bản sao, hoặc trang đã xoá)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--backup", type=int, default=None, help="số của bản sao lưu")
        parser.add_argument("--as", dest="as_slug", default=None, help="mã trang của bản sao")
        parser.add_argument(
            "--confirm", default=None, help="mã trang, để phục hồi tại chỗ không cần hỏi"
        )

    def handle(self, *args, slug, backup, as_slug, confirm, **options):
        from tenants.models import Tenant

        confirmation = confirm or ""
        if not as_slug and Tenant.objects.filter(slug=slug).exists() and confirm is None:
            confirmation = input(
                f"Phục hồi tại chỗ sẽ ghi đè trang {slug} (trạng thái hiện tại được sao lưu "
                f"trước). Gõ mã trang để xác nhận: "
            ).strip()
        try:
            result = restore_site(
                slug,
                actor="manage.py",
                backup_id=backup,
                as_slug=as_slug,
                confirmation=confirmation,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if result.pre_restore:
            self.stdout.write(f"Trạng thái trước khi phục hồi: #{result.pre_restore.pk}")
        self.stdout.write(
            f"Đã phục hồi {slug} từ {result.backup_location} thành trang {result.site.slug}: "
            f"http://{result.domain}/"
        )

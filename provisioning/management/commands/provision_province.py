"""Provision a whole province from a YAML or CSV file (docs/provisioning.md)."""

from django.core.management.base import BaseCommand, CommandError

from provisioning import province

LABELS = {
    "created": "ĐÃ TẠO",
    "unchanged": "KHÔNG ĐỔI",
    "differs": "KHÁC TỆP",
    "failed": "LỖI",
}


class Command(BaseCommand):
    help = "Khởi tạo các trang của một tỉnh từ tệp YAML hoặc CSV; chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .yaml/.yml hoặc .csv")
        parser.add_argument(
            "--no-email",
            action="store_true",
            help="không gửi thư đặt mật khẩu cho Ban Biên tập (gửi lại sau từ bảng điều khiển)",
        )

    def handle(self, file, no_email=False, **options):
        try:
            specs = province.read(file)
        except province.ProvinceFileError as exc:
            raise CommandError("\n".join(exc.problems)) from exc

        def show(outcome):
            style = {
                "created": self.style.SUCCESS,
                "failed": self.style.ERROR,
                "differs": self.style.WARNING,
            }.get(outcome.status, str)
            self.stdout.write(
                style(f"{LABELS[outcome.status]:<10} {outcome.slug}  ({outcome.seconds:.2f} s)")
            )
            for message in outcome.messages:
                self.stdout.write(f"           - {message}")

        report = province.provision(
            specs, actor="provision_province", invite=not no_email, stdout=show
        )
        self.stdout.write(
            f"\n{len(specs)} trang: {report.count('created')} đã tạo, "
            f"{report.count('unchanged')} không đổi, {report.count('differs')} khác tệp, "
            f"{report.count('failed')} lỗi."
        )
        if not report.ok:
            raise CommandError("Có trang không khởi tạo được; sửa tệp rồi chạy lại lệnh.")

"""Provision one site from the command line."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from provisioning.board import Member
from provisioning.province import validation_messages
from provisioning.services import SiteSpec, provision_site


def member(value: str) -> Member:
    role, _sep, rest = value.partition(":")
    email, _sep, name = rest.partition(":")
    return Member(email=email, role=role, name=name)


class Command(BaseCommand):
    help = "Khởi tạo một trang: khung trang theo loại, Ban Biên tập và quy trình duyệt."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="mã trang, ví dụ xa_son_duong")
        parser.add_argument("--name", required=True, help="tên tiếng Việt")
        parser.add_argument("--name-en", default="", help="tên tiếng Anh")
        parser.add_argument(
            "--kind",
            required=True,
            help="provincial_portal, party_portal, department, commune, party_body, other",
        )
        parser.add_argument("--parent", default=None, help="mã trang cấp trên")
        parser.add_argument(
            "--domain",
            action="append",
            default=[],
            dest="domains",
            help="tên miền (lặp lại; tên miền đầu tiên là tên miền chính)",
        )
        parser.add_argument("--theme", default="")
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            help="ngôn ngữ (lặp lại); mặc định theo loại trang",
        )
        parser.add_argument(
            "--member",
            action="append",
            default=[],
            type=member,
            help="thành viên Ban Biên tập: vai_tro:email:Họ tên (lặp lại)",
        )
        parser.add_argument("--no-email", action="store_true", help="không gửi thư đặt mật khẩu")

    def handle(self, slug, **options):
        spec = SiteSpec(
            slug=slug,
            name=options["name"],
            name_en=options["name_en"],
            kind=options["kind"],
            parent=options["parent"],
            domains=options["domains"],
            theme=options["theme"],
            languages=options["languages"],
            board=options["member"],
        )
        try:
            tenant = provision_site(spec, actor="provision_site", invite=not options["no_email"])
        except ValidationError as exc:
            raise CommandError("\n".join(validation_messages(exc))) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khởi tạo {tenant.name} ({tenant.slug}) tại {', '.join(spec.domains)}."
            )
        )

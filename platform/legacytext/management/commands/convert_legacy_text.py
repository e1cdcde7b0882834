"""Convert legacy-encoded Vietnamese (TCVN3, VNI, VIQR) already stored, site by site."""

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.management.base import BaseCommand, CommandError

from legacytext.services import convert_site


class Command(BaseCommand):
    help = (
        "Chuyển văn bản gõ bằng bảng mã cũ (TCVN3, VNI, VIQR) đã lưu sang Unicode, "
        "từng trang (mặc định: mọi trang đang hoạt động)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ báo cáo, không lưu.")
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, *args, slugs=(), dry_run=False, batch=200, verbosity=1, **options):
        from tenants.models import SiteStatus, Tenant

        with schema_context(get_public_schema_name()):
            sites = Tenant.objects.exclude(schema_name=get_public_schema_name()).order_by("slug")
            if slugs:
                sites = sites.filter(slug__in=slugs)
                missing = set(slugs) - set(sites.values_list("slug", flat=True))
                if missing:
                    raise CommandError(f"Không có trang: {', '.join(sorted(missing))}")
            else:
                sites = sites.filter(status=SiteStatus.ACTIVE)
            targets = list(sites.values_list("slug", "schema_name"))
        total = 0
        for slug, schema in targets:
            with schema_context(schema):
                report = convert_site(dry_run=dry_run, batch=batch)
            total += len(report)
            self.stdout.write(f"{slug}: {len(report)}")
            if verbosity > 1 or dry_run:
                for item in report:
                    fields = ", ".join(
                        f"{name} ({'/'.join(value['encodings'])})"
                        for name, value in item["fields"].items()
                    )
                    self.stdout.write(f"  {item['model']} «{item['object']}»: {fields}")
        verb = "sẽ chuyển" if dry_run else "đã chuyển"
        self.stdout.write(f"Tổng cộng {verb} {total} nội dung trên {len(targets)} trang.")

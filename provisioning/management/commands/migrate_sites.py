"""``manage.py migrate_sites``: a release over the whole fleet (provisioning.fleet)."""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from provisioning import fleet
from tenants.models import record

#: how many missing migrations a dry run names per site
SHOWN_MIGRATIONS = 3


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return "system"


class Command(BaseCommand):
    help = (
        "Di trú toàn bộ các trang: lược đồ dùng chung, rồi chỉ những trang còn thiếu di trú "
        "(song song), rồi lược đồ mẫu. Chạy lại sau một lỗi chỉ di trú những gì còn thiếu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jobs",
            type=int,
            default=fleet.default_jobs(),
            help="Số tiến trình di trú chạy song song (mặc định: min(4, số CPU)).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ báo cáo những trang còn thiếu di trú, không thay đổi gì.",
        )

    def handle(self, *args, jobs, dry_run, verbosity, **options):
        if jobs < 1:
            raise CommandError(_("--jobs phải từ 1 trở lên."))
        self.verbosity = verbosity
        if dry_run:
            self.stdout.write(_("Chạy thử: không thay đổi gì."))
        try:
            report = fleet.release(
                jobs=jobs, dry_run=dry_run, on_step=self.step_done, on_site_done=self.site_done
            )
        except fleet.FleetBusy as error:
            raise CommandError(str(error)) from error
        if dry_run:
            return
        self.write_totals(report)
        record(_actor(), "fleet.migrated", None, **report.summary())
        if not report.succeeded:
            if report.left_behind:
                message = _(
                    "Còn %(count)d lược đồ chưa di trú xong. Sửa lỗi rồi chạy lại lệnh: chỉ "
                    "những gì còn thiếu sẽ được di trú."
                ) % {"count": len(report.left_behind)}
            else:
                message = _("Chưa dựng lại được lược đồ mẫu.")
            raise CommandError(message)

    # --- What the operator reads, as it happens ---------------------------------------------

    def step_done(self, step, report):
        getattr(self, f"write_{step}")(report)

    def write_public(self, report):
        if report.public_error:
            self.stdout.write(
                self.style.ERROR(
                    _("Lược đồ dùng chung (public): LỖI — %(error)s")
                    % {"error": report.public_error}
                )
            )
        elif report.public_pending:
            message = (
                _("Lược đồ dùng chung (public): %(count)d di trú chưa áp dụng.")
                if report.dry_run
                else _("Lược đồ dùng chung (public): đã áp dụng %(count)d di trú.")
            )
            self.stdout.write(message % {"count": len(report.public_pending)})
        else:
            self.stdout.write(_("Lược đồ dùng chung (public): không có di trú mới."))

    def write_checked(self, report):
        self.stdout.write(
            _(
                "Đã kiểm tra %(checked)d trang trong %(seconds).1f giây: %(up_to_date)d đã cập "
                "nhật, %(behind)d còn thiếu di trú."
            )
            % {
                "checked": len(report.checked),
                "seconds": report.check_seconds,
                "up_to_date": report.up_to_date,
                "behind": len(report.behind),
            }
        )
        if report.dry_run or self.verbosity >= 2:
            for schema, missing in sorted(report.behind.items()):
                names = ", ".join(f"{app}.{name}" for app, name in missing[:SHOWN_MIGRATIONS])
                more = len(missing) - SHOWN_MIGRATIONS
                if more > 0:
                    names += _(" và %(more)d di trú khác") % {"more": more}
                self.stdout.write(
                    _("  %(schema)s: thiếu %(count)d di trú (%(names)s)")
                    % {"schema": schema, "count": len(missing), "names": names}
                )
        elif report.behind and not report.public_error:
            self.stdout.write(
                _("Di trú %(count)d trang với %(jobs)d tiến trình song song…")
                % {"count": len(report.behind), "jobs": min(report.jobs, len(report.behind))}
            )

    def site_done(self, outcome, done, total):
        if outcome.ok:
            line = _("  [%(done)d/%(total)d] %(schema)s: đã di trú (%(seconds).1f giây)")
        else:
            line = _("  [%(done)d/%(total)d] %(schema)s: LỖI — %(error)s")
        self.stdout.write(
            line
            % {
                "done": done,
                "total": total,
                "schema": outcome.schema,
                "seconds": outcome.seconds,
                "error": outcome.error,
            }
        )

    def write_sites(self, report):
        pass  # each site was reported as it finished

    def write_template(self, report):
        message = {
            "current": _("Lược đồ mẫu: khớp với mã nguồn."),
            "stale": _("Lược đồ mẫu: cần dựng lại."),
            "refreshed": _("Lược đồ mẫu: đã dựng lại."),
            "failed": _("Lược đồ mẫu: LỖI — %(error)s") % {"error": report.template_error},
        }[report.template]
        self.stdout.write(self.style.ERROR(message) if report.template_error else message)

    def write_totals(self, report):
        totals = _(
            "Kết quả: %(up_to_date)d trang đã cập nhật sẵn, %(migrated)d trang đã di trú, "
            "%(failed)d trang lỗi (%(seconds).1f giây)."
        ) % {
            "up_to_date": report.up_to_date,
            "migrated": len(report.migrated),
            "failed": len(report.failed),
            "seconds": report.total_seconds,
        }
        self.stdout.write(
            self.style.SUCCESS(totals) if report.succeeded else self.style.WARNING(totals)
        )
        if report.failed:
            self.stdout.write(_("Các trang lỗi (vẫn còn thiếu di trú):"))
            for outcome in report.failed:
                self.stdout.write(self.style.ERROR(f"  {outcome.schema}: {outcome.error}"))
                if self.verbosity >= 2:
                    self.stdout.write(outcome.details)

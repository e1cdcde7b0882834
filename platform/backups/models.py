"""Verified backups of the sites and of ``public`` (control plane, SHARED)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.jobs import ConsoleJob

#: the regulations' floor: at least twice a week (000 Đ14.1)
MAX_INTERVAL_HOURS = 84
DEFAULT_INTERVAL_HOURS = 24
#: the console flags a site without a verified backup for this long
STALE_AFTER = timedelta(days=3)
#: ``site_key`` of the backups of the ``public`` schema (no slug can be empty)
PUBLIC_KEY = ""


class Reason(models.TextChoices):
    SCHEDULED = "scheduled", _("Theo lịch")
    MANUAL = "manual", _("Chạy tay")
    PRE_RESTORE = "pre_restore", _("Trước khi phục hồi")


class SiteBackup(models.Model):
    """One backup, recorded only once it is complete, stored and verified
    (read back, restored into a scratch database, row counts equal)."""

    site = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="backups",
    )
    site_key = models.CharField(_("mã trang"), max_length=41, blank=True, db_index=True)
    reason = models.CharField(_("lý do"), max_length=16, choices=Reason.choices)
    started_at = models.DateTimeField(_("bắt đầu"))
    verified_at = models.DateTimeField(_("kiểm tra xong"), db_index=True)
    location = models.CharField(_("nơi lưu"), max_length=500)
    size = models.BigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    row_counts = models.JSONField(_("số dòng từng bảng"), default=dict)
    seconds = models.FloatField(_("thời gian (giây)"), default=0)

    class Meta:
        verbose_name = _("bản sao lưu")
        verbose_name_plural = _("bản sao lưu")
        ordering = ["-verified_at"]

    def __str__(self):
        return f"{self.site_key or 'public'} {self.verified_at:%Y-%m-%d %H:%M}"

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())


class BackupFailure(models.Model):
    """A backup that failed after its retries (never recorded as a backup)."""

    site = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="backup_failures",
    )
    site_key = models.CharField(_("mã trang"), max_length=41, blank=True, db_index=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"))
    error = models.TextField(_("lỗi"))

    class Meta:
        verbose_name = _("lần sao lưu thất bại")
        verbose_name_plural = _("lần sao lưu thất bại")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.site_key or 'public'} {self.at:%Y-%m-%d %H:%M}"


def validate_interval(value: int) -> None:
    if not 1 <= value <= MAX_INTERVAL_HOURS:
        raise ValidationError(
            _(
                "Chu kỳ sao lưu phải từ 1 đến %(max)s giờ: quy chế yêu cầu sao lưu "
                "ít nhất hai lần mỗi tuần."
            ),
            params={"max": MAX_INTERVAL_HOURS},
        )


class BackupSchedule(models.Model):
    """How often one site is backed up (a site without a row: daily)."""

    site = models.OneToOneField(
        "tenants.Tenant",
        verbose_name=_("trang"),
        on_delete=models.CASCADE,
        related_name="backup_schedule",
    )
    interval_hours = models.PositiveIntegerField(
        _("chu kỳ sao lưu (giờ)"),
        default=DEFAULT_INTERVAL_HOURS,
        validators=[validate_interval],
        help_text=_("24 = hằng ngày; tối đa 84 giờ (hai lần mỗi tuần)."),
    )

    class Meta:
        verbose_name = _("lịch sao lưu")
        verbose_name_plural = _("lịch sao lưu")

    def __str__(self):
        return f"{self.site} / {self.interval_hours}h"


class RestoreMode(models.TextChoices):
    IN_PLACE = "in_place", _("Tại chỗ")
    COPY = "copy", _("Thành bản sao")


#: the steps of a restore, in order, as its progress page shows them
RESTORE_STEPS = {
    "fetch": _("Tải bản sao lưu, kiểm tra mã băm và trang của nó"),
    "check": _("Phục hồi thử vào cơ sở dữ liệu tạm, so số dòng"),
    "pre_restore": _("Sao lưu (và kiểm tra) trạng thái hiện tại"),
    "restore": _("Phục hồi dữ liệu và tệp"),
    "settle": _("Cập nhật cấu trúc, tên miền, xoá bộ đệm trang"),
}


class RestoreJob(ConsoleJob):
    """A restore the console asked for: run by a Celery task
    (``backups.tasks.run_restore_job``), its progress and outcome shown on its page.
    A refused archive fails the job before anything changed (``error`` says why)."""

    backup = models.ForeignKey(
        SiteBackup,
        verbose_name=_("bản sao lưu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    site_key = models.CharField(_("mã trang"), max_length=41, db_index=True)
    mode = models.CharField(_("cách phục hồi"), max_length=16, choices=RestoreMode.choices)
    as_slug = models.CharField(_("mã trang của bản sao"), max_length=41, blank=True)
    #: what the operator typed to confirm an in-place restore (checked again by the task)
    confirmation = models.CharField(_("xác nhận"), max_length=41, blank=True)
    result_slug = models.CharField(_("trang sau phục hồi"), max_length=41, blank=True)
    result_domain = models.CharField(_("tên miền"), max_length=253, blank=True)
    pre_restore = models.ForeignKey(
        SiteBackup,
        verbose_name=_("bản sao lưu trước khi phục hồi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(ConsoleJob.Meta):
        verbose_name = _("yêu cầu phục hồi")
        verbose_name_plural = _("yêu cầu phục hồi")

    def __str__(self):
        return f"{self.site_key} ({self.get_status_display()})"

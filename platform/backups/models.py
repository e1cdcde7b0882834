"""Verified backups of the sites and of ``public`` (control plane, SHARED)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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

"""The operations centre's records, all in ``public`` (a SHARED app): heartbeats of
the worker and beat, the state of each health check, and the incident log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When a background process (``worker``, ``beat``) last said it was alive."""

    name = models.CharField(max_length=40, primary_key=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("nhịp hoạt động")
        verbose_name_plural = _("nhịp hoạt động")

    def __str__(self):
        return f"{self.name} {self.seen_at}"


class CheckState(models.Model):
    """The last known result of one health check (``platform`` or ``site:<schema>``):
    an alert is sent and an incident opened only when ``ok`` changes."""

    key = models.CharField(max_length=80, unique=True)
    ok = models.BooleanField(default=True)
    since = models.DateTimeField(_("từ lúc"))
    checked_at = models.DateTimeField(_("kiểm tra lúc"))
    detail = models.TextField(_("chi tiết"), blank=True)

    class Meta:
        verbose_name = _("trạng thái kiểm tra")
        verbose_name_plural = _("trạng thái kiểm tra")

    def __str__(self):
        return self.key


class Channel(models.TextChoices):
    AUTOMATIC = "tu_dong", _("Tự động (giám sát)")
    PHONE = "dien_thoai", _("Điện thoại")
    EMAIL = "thu_dien_tu", _("Thư điện tử")
    DOCUMENT = "van_ban", _("Văn bản")
    IN_PERSON = "truc_tiep", _("Trực tiếp")
    OTHER = "khac", _("Khác")


class Severity(models.TextChoices):
    LOW = "1_thap", _("Thấp")
    MEDIUM = "2_trung_binh", _("Trung bình")
    HIGH = "3_cao", _("Cao")
    CRITICAL = "4_nghiem_trong", _("Nghiêm trọng")


class IncidentStatus(models.TextChoices):
    OPEN = "mo", _("Đang xử lý")
    ESCALATED = "chuyen", _("Đã chuyển cấp trên")
    FIXED = "da_xu_ly", _("Đã khắc phục")
    CLOSED = "dong", _("Đã đóng")


class Incident(models.Model):
    """One incident as TT 20/2017 asks it to be recorded: received (when, from whom,
    how), the sites affected, severity, diagnosis, fixed or escalated (to whom),
    closed, with times. ``automatic`` incidents carry the ``source_key`` of the check
    that opened them and only they are closed by that check's recovery."""

    title = models.CharField(_("tiêu đề"), max_length=255)
    received_at = models.DateTimeField(_("tiếp nhận lúc"))
    reported_by = models.CharField(_("người/đơn vị báo"), max_length=255)
    channel = models.CharField(_("hình thức tiếp nhận"), max_length=20, choices=Channel.choices)
    sites = models.ManyToManyField(
        "tenants.Tenant", blank=True, related_name="incidents", verbose_name=_("trang bị ảnh hưởng")
    )
    severity = models.CharField(
        _("mức độ"), max_length=20, choices=Severity.choices, default=Severity.MEDIUM
    )
    description = models.TextField(_("mô tả"), blank=True)
    diagnosis = models.TextField(_("chẩn đoán nguyên nhân"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    resolution = models.TextField(_("biện pháp khắc phục"), blank=True)
    fixed_at = models.DateTimeField(_("khắc phục lúc"), null=True, blank=True)
    escalated_to = models.CharField(_("chuyển đến"), max_length=255, blank=True)
    escalated_at = models.DateTimeField(_("chuyển lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    automatic = models.BooleanField(_("mở tự động"), default=False, editable=False)
    source_key = models.CharField(max_length=80, blank=True, editable=False, db_index=True)
    created_by = models.CharField(_("người ghi"), max_length=150, blank=True, editable=False)

    class Meta:
        verbose_name = _("sự cố")
        verbose_name_plural = _("sổ sự cố")
        ordering = ["-received_at"]

    def __str__(self):
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in (IncidentStatus.OPEN, IncidentStatus.ESCALATED)

    def clean(self):
        errors = {}
        if self.status == IncidentStatus.ESCALATED and not self.escalated_to.strip():
            errors["escalated_to"] = _("Sự cố đã chuyển cấp trên: cần ghi chuyển đến ai.")
        if self.escalated_to.strip() and not self.escalated_at:
            errors["escalated_at"] = _("Cần ghi thời điểm chuyển.")
        if self.status in (IncidentStatus.FIXED, IncidentStatus.CLOSED) and not self.fixed_at:
            errors["fixed_at"] = _("Sự cố đã khắc phục: cần ghi thời điểm khắc phục.")
        if self.status == IncidentStatus.CLOSED and not self.closed_at:
            errors["closed_at"] = _("Sự cố đã đóng: cần ghi thời điểm đóng.")
        if self.closed_at and self.status != IncidentStatus.CLOSED:
            errors["status"] = _("Đã ghi thời điểm đóng: tình trạng phải là “Đã đóng”.")
        for field in ("fixed_at", "escalated_at", "closed_at"):
            value = getattr(self, field)
            if value and self.received_at and value < self.received_at:
                errors[field] = _("Thời điểm này không được trước lúc tiếp nhận.")
        if errors:
            raise ValidationError(errors)


def alert_recipients() -> list[str]:
    """Who is e-mailed when a check fails or recovers: ``OPERATIONS_ALERT_EMAILS``."""
    return list(settings.OPERATIONS_ALERT_EMAILS)


class SiteFigures(models.Model):
    """What the console's fleet view shows of one site, in ``public``: written by the
    site's own activity (a publish updates ``last_published_at``) and by the periodic
    rollup (``operations.fleet``), read by the fleet view without visiting any schema.

    ``last_verified_backup_at`` is written by the backup code (``record_backup``);
    ``overdue_items`` and the 30-day on-time counts by the deadlines' rollup
    (``deadlines.figures``; ``None``: unknown).
    """

    tenant = models.OneToOneField(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="figures", verbose_name=_("trang")
    )
    last_published_at = models.DateTimeField(_("đăng bài gần nhất"), null=True, blank=True)
    published_30d = models.PositiveIntegerField(_("bài đăng 30 ngày qua"), default=0)
    overdue_items = models.PositiveIntegerField(_("việc quá hạn"), null=True, blank=True)
    #: items due in the last 30 days, and how many of them were published in time
    #: (written by the deadlines' rollup; the fleet view shows the on-time rate)
    deadlines_due_30d = models.PositiveIntegerField(
        _("việc đến hạn 30 ngày qua"), null=True, blank=True
    )
    deadlines_met_30d = models.PositiveIntegerField(
        _("việc đúng hạn 30 ngày qua"), null=True, blank=True
    )
    last_verified_backup_at = models.DateTimeField(
        _("sao lưu đã kiểm tra gần nhất"), null=True, blank=True
    )
    schema_bytes = models.BigIntegerField(_("dung lượng dữ liệu (byte)"), default=0)
    media_bytes = models.BigIntegerField(_("dung lượng tệp (byte)"), default=0)
    rolled_up_at = models.DateTimeField(_("tổng hợp lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("số liệu trang")
        verbose_name_plural = _("tình hình các trang")

    def __str__(self):
        return str(self.tenant_id)


class NoticeKind(models.TextChoices):
    MOURNING = "quoc_tang", _("Quốc tang")
    WARNING = "canh_bao", _("Cảnh báo thiên tai, khẩn cấp")
    INFO = "thong_bao", _("Thông báo")


class ProvinceNotice(models.Model):
    """A notice the operations centre sets once and every site shows at once (the
    newest active one); saving it purges every site's page cache in O(1)."""

    kind = models.CharField(_("loại"), max_length=20, choices=NoticeKind.choices)
    message = models.TextField(_("nội dung"))
    active = models.BooleanField(_("đang hiển thị"), default=True)
    grey_colours = models.BooleanField(
        _("chuyển giao diện sang màu xám"),
        default=False,
        help_text=_("Thường dùng trong những ngày Quốc tang."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.CharField(_("người cập nhật"), max_length=150, blank=True, editable=False)

    class Meta:
        verbose_name = _("thông báo toàn tỉnh")
        verbose_name_plural = _("thông báo toàn tỉnh")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.get_kind_display()


class VisitDay(models.Model):
    """Visits of one site on one day, rolled up from the cache counters into ``public``
    for the reports (operations.visits)."""

    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        related_name="visit_days",
        verbose_name=_("trang"),
    )
    day = models.DateField(_("ngày"))
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "day"], name="operations_visitday_unique")
        ]

    def __str__(self):
        return f"{self.tenant_id} {self.day}"

"""Periodic reports (docs/reports.md): the daily figures each site writes of itself
into ``public`` and the report jobs the console and the sites' boards ask for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteDayFigure(models.Model):
    """One figure of one site on one day (``metric``/``key``: ``articles``/category,
    ``documents``/type, ``questions``/received|answered|overdue, ``deadlines``/due|met|
    missed), written by the site's own rollup (``reports.collectors``)."""

    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        related_name="day_figures",
        verbose_name=_("trang"),
    )
    day = models.DateField(_("ngày"))
    metric = models.CharField(_("chỉ số"), max_length=32)
    key = models.CharField(_("phân loại"), max_length=120, blank=True)
    value = models.IntegerField(_("giá trị"), default=0)

    class Meta:
        verbose_name = _("số liệu theo ngày")
        verbose_name_plural = _("số liệu theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "day", "metric", "key"], name="reports_sitedayfigure_unique"
            )
        ]
        # the province report reads a period of every site's rows
        indexes = [models.Index(fields=["day", "metric"], name="reports_figure_day")]

    def __str__(self):
        return f"{self.tenant_id} {self.day} {self.metric}/{self.key}={self.value}"


class SiteMonthFigure(models.Model):
    """The sum of a site's ``SiteDayFigure`` rows of one month (``month``: its first
    day), kept by the same rollup (``reports.months``): a report of whole months reads
    these, 30 times fewer rows than the days."""

    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        related_name="month_figures",
        verbose_name=_("trang"),
    )
    month = models.DateField(_("tháng"))
    metric = models.CharField(_("chỉ số"), max_length=32)
    key = models.CharField(_("phân loại"), max_length=120, blank=True)
    value = models.IntegerField(_("giá trị"), default=0)

    class Meta:
        verbose_name = _("số liệu theo tháng")
        verbose_name_plural = _("số liệu theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "month", "metric", "key"], name="reports_sitemonthfigure_unique"
            )
        ]
        indexes = [models.Index(fields=["month"], name="reports_month_figure_month")]

    def __str__(self):
        return f"{self.tenant_id} {self.month:%m/%Y} {self.metric}/{self.key}={self.value}"


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
    CUSTOM = "custom", _("Khoảng ngày tự chọn")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tính")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Thất bại")


class ReportJob(models.Model):
    """A report asked for: for the province (``tenant`` empty) or one site, over one
    period; computed by ``reports.tasks.run_report``, whose progress the page shows."""

    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("trang"),
        help_text=_("Để trống: báo cáo toàn tỉnh."),
    )
    period_kind = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    #: the computed report (reports.services.Report.as_dict): the result page reads it
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    xlsx = models.CharField(_("tệp XLSX"), max_length=255, blank=True)
    pdf = models.CharField(_("tệp PDF"), max_length=255, blank=True)
    pdf_error = models.TextField(_("lỗi tạo PDF"), blank=True)
    requested_by = models.CharField(_("người yêu cầu"), max_length=150)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-created_at"]

    def __str__(self):
        scope = self.tenant.name if self.tenant is not None else _("Toàn tỉnh")
        return f"{scope}: {self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

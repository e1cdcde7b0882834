"""The site's deadline rules and the items it tracks (tables in each site's schema)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from deadlines.kinds import Kind, RunsFrom, Unit

NEGATIVE_PERIOD = _("Thời hạn không được là số âm.")


class DeadlineRule(models.Model):
    """How long the site has to publish one kind of content (DOMAIN.md's table; set
    per site by its administrator or head: Tuyên Quang and Quảng Trị differ)."""

    kind = models.CharField(
        _("loại thông tin"),
        max_length=32,
        choices=Kind.choices,
        unique=True,
        error_messages={"unique": _("Loại thông tin này đã có quy định thời hạn.")},
    )
    amount = models.IntegerField(
        _("thời hạn"),
        validators=[MinValueValidator(0, message=NEGATIVE_PERIOD)],
        help_text=_("Số giờ làm việc, ngày làm việc hoặc ngày; “trong ngày”: ghi 0."),
    )
    unit = models.CharField(_("đơn vị"), max_length=20, choices=Unit.choices)
    runs_from = models.CharField(_("tính từ"), max_length=20, choices=RunsFrom.choices)

    class Meta:
        verbose_name = _("quy định thời hạn đăng tin")
        verbose_name_plural = _("quy định thời hạn đăng tin")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="deadlines_rule_amount_not_negative"
            )
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def clean(self):
        super().clean()
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": NEGATIVE_PERIOD})
        if self.unit == Unit.SAME_DAY and self.amount:
            raise ValidationError({"amount": _("Thời hạn “trong ngày” ghi 0.")})
        if self.unit in (Unit.WORKING_HOURS, Unit.CALENDAR_DAYS) and self.amount == 0:
            raise ValidationError({"amount": _("Thời hạn tính bằng giờ hoặc ngày phải lớn hơn 0.")})

    def describe(self) -> str:
        if self.unit == Unit.SAME_DAY:
            return str(_("trong ngày, tính từ %(runs)s") % {"runs": self.get_runs_from_display()})
        return str(
            _("%(amount)s %(unit)s, tính từ %(runs)s")
            % {
                "amount": self.amount,
                "unit": self.get_unit_display(),
                "runs": self.get_runs_from_display(),
            }
        )


class DeadlineItem(models.Model):
    """One page with a deadline: when it runs from, when it is due, when it was
    published and whether that was in time (kept by ``deadlines.services.track``)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="deadline_item",
        verbose_name=_("trang"),
    )
    kind = models.CharField(_("loại thông tin"), max_length=32, choices=Kind.choices)
    starts_at = models.DateTimeField(_("tính từ"))
    due_at = models.DateTimeField(_("hạn đăng"), db_index=True)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    #: True: published in time; False: published late, or not published and past due;
    #: None: not yet published and not yet due
    met = models.BooleanField(_("đúng hạn"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc có thời hạn")
        verbose_name_plural = _("việc có thời hạn")
        ordering = ["due_at"]

    def __str__(self):
        return f"{self.page_id} {self.kind} {self.due_at:%d/%m/%Y %H:%M}"

"""The days the province declares off or makes up (``public``: one calendar for
every site). Weekends and public holidays come from ``holidays.Vietnam``; these
rows override them (``workdays.calendar``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import nfc


class DayKind(models.TextChoices):
    OFF = "off", _("Ngày nghỉ (nghỉ bù, nghỉ theo quyết định)")
    WORK = "work", _("Ngày làm việc (làm bù)")


class DeclaredDay(models.Model):
    """One day the province declares a day off or a working day (a make-up Saturday)."""

    date = models.DateField(
        _("ngày"),
        unique=True,
        error_messages={
            "unique": _("Ngày này đã được khai báo trong lịch; hãy sửa dòng đã có."),
        },
    )
    kind = models.CharField(_("loại ngày"), max_length=8, choices=DayKind.choices)
    note = models.CharField(
        _("ghi chú"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: số quyết định, lý do nghỉ bù hoặc làm bù."),
    )
    #: the operator's username (a name, not a key: users live in every schema)
    created_by = models.CharField(_("người khai báo"), max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày nghỉ/làm bù")
        verbose_name_plural = _("lịch nghỉ bù, làm bù")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.note = nfc(self.note).strip()
        super().save(*args, **kwargs)

"""The period form of the console's and the sites' report pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports import periods
from reports.models import PeriodKind


class PeriodForm(forms.Form):
    """A kind of period and which one (``year`` and ``number``), or two dates chosen by
    hand; ``clean()`` puts the period's ``start`` and ``end`` in ``cleaned_data``."""

    kind = forms.ChoiceField(
        label=_("Loại kỳ"),
        choices=PeriodKind.choices,
        error_messages={
            "required": _("Hãy chọn loại kỳ báo cáo."),
            "invalid_choice": _("Loại kỳ báo cáo không hợp lệ."),
        },
    )
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Năm phải là một số, ví dụ 2026."),
            "min_value": _("Năm phải từ 2000 trở đi."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
    number = forms.IntegerField(
        label=_("Kỳ số (tháng 1–12, quý 1–4, nửa năm 1–2)"),
        required=False,
        error_messages={"invalid": _("Kỳ số phải là một số.")},
    )
    start = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ngày bắt đầu không hợp lệ.")},
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ngày kết thúc không hợp lệ.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["number"].initial = (today.month - 1) // 6 + 1
        self.fields["kind"].initial = PeriodKind.HALF

    def clean(self):
        data = super().clean() or {}
        kind = data.get("kind")
        if not kind or self.errors:
            return data
        if kind == periods.CUSTOM:
            if not data.get("start") or not data.get("end"):
                raise ValidationError(_("Hãy nhập cả ngày bắt đầu và ngày kết thúc."))
            start, end = data["start"], data["end"]
        else:
            if not data.get("year"):
                raise ValidationError(_("Hãy nhập năm của kỳ báo cáo."))
            number = 1 if kind == PeriodKind.YEAR else data.get("number")
            if not number:
                raise ValidationError(_("Hãy nhập kỳ số (tháng, quý hoặc nửa năm)."))
            start, end = periods.bounds(kind, data["year"], number)
        periods.check(start, end)
        data["start"], data["end"] = start, end
        return data

"""The admin form of a weekly schedule: generated title and slug, one page per week,
entries inside the week."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug

from schedule import weeks


class WeeklySchedulePageForm(WagtailAdminPageForm):
    """Title and slug may be left blank: they are generated from the week
    (``Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)``, ``tuan-48-2026``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = _(
                "Để trống để tự đặt theo tuần, ví dụ: "
                "Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)."
            )
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        week_start = self.cleaned_data.get("week_start")
        if week_start:
            self._check_one_page_per_week(week_start)
            if not self.cleaned_data.get("title"):
                self.instance.week_start = week_start
                self.cleaned_data["title"] = self.instance.default_title()
            if "slug" in self.fields and not self.cleaned_data.get("slug"):
                self.cleaned_data["slug"] = self._free_slug(weeks.week_slug(week_start))
        return super().clean()

    def _check_one_page_per_week(self, week_start):
        if self.parent_page is None:
            return
        siblings = type(self.instance).objects.child_of(self.parent_page)
        siblings = siblings.filter(week_start=week_start)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.exists():
            self.add_error(
                "week_start",
                _(
                    "Mục này đã có lịch công tác của tuần bắt đầu ngày %(date)s; "
                    "hãy sửa trang lịch tuần đó thay vì tạo trang mới."
                )
                % {"date": f"{week_start:%d/%m/%Y}"},
            )

    def _free_slug(self, base: str) -> str:
        """``base``, or ``base-1``, ``base-2``… when a sibling has it (one query)."""
        if self.parent_page is None:
            return base
        return find_available_slug(self.parent_page, base, ignore_page_id=self.instance.pk)

    def is_valid(self):
        """Also checks, once the page and its entries are cleaned, that every entry
        falls within the week."""
        valid = super().is_valid()
        week_start = self.cleaned_data.get("week_start")
        formset = self.formsets.get("entries")
        if not week_start or formset is None:
            return valid
        self.instance.week_start = week_start
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("date"):
                continue
            message = self.instance.entry_date_error(data["date"])
            if message:
                form.add_error("date", message)
                valid = False
        return valid

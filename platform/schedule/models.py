"""Leaders' work schedule (lịch công tác): an index with one page per week.

Schedules may be restricted to logged-in staff with Wagtail's page privacy; the
index then shows a week's entries only to visitors the restriction lets in.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from core.pages import public
from core.text import StrippedTextMixin
from schedule import weeks
from schedule.forms import WeeklySchedulePageForm


@dataclass
class ScheduleDay:
    date: datetime.date
    name: str
    entries: list


class WorkScheduleIndexPage(StrippedTextMixin, Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "sitepages.ContentPage", "organisation.OrganisationPage"]
    subpage_types = ["schedule.WeeklySchedulePage"]
    past_weeks_per_page = 20

    class Meta:
        verbose_name = _("trang lịch công tác")
        verbose_name_plural = _("trang lịch công tác")

    def visible_weeks(self, request):
        """Live weekly pages under this index that ``request`` may see: a week behind a
        view restriction below the index is left out unless the request passes it (the
        index's own restrictions were checked by Wagtail before serving it)."""
        pages = WeeklySchedulePage.objects.child_of(self).live()
        restrictions = PageViewRestriction.objects.filter(
            page__path__startswith=self.path, page__depth__gt=self.depth
        ).select_related("page")
        for restriction in restrictions:
            if not restriction.accept_request(request):
                pages = pages.not_descendant_of(restriction.page, inclusive=True)
        return pages

    def current_week(self):
        """This week's published, public schedule page under this index, or None
        (for blocks that show the week's schedule elsewhere, e.g. on the home page)."""
        monday = weeks.this_monday()
        return (
            public(WeeklySchedulePage.objects.child_of(self).live())
            .filter(week_start=monday)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        """The week asked for with ``?tuan=YYYY-MM-DD`` (bad input: ignored), else the
        current week in Vietnam; its schedule if published; links to the weeks around
        it; and the past weeks, newest first, paginated."""
        context = super().get_context(request, *args, **kwargs)
        this_monday = weeks.this_monday()
        asked = weeks.parse_week(request.GET.get(weeks.WEEK_PARAM))
        monday = asked or this_monday
        visible = self.visible_weeks(request)
        week = visible.filter(week_start=monday).first()
        past = Paginator(
            visible.filter(week_start__lt=this_monday).order_by("-week_start"),
            self.past_weeks_per_page,
        ).get_page(request.GET.get("page"))
        context.update(
            week=week,
            days=week.days() if week else [],
            week_start=monday,
            week_end=weeks.week_end(monday),
            week_title=week.title if week else weeks.week_title(monday, get_language() or "vi"),
            is_current_week=monday == this_monday,
            previous_week=monday - datetime.timedelta(days=7),
            next_week=monday + datetime.timedelta(days=7),
            week_param=weeks.WEEK_PARAM,
            past_weeks=past,
            past_query=f"{weeks.WEEK_PARAM}={monday:%Y-%m-%d}" if asked else "",
        )
        return context


class WeeklySchedulePage(StrippedTextMixin, Page):
    """One week's schedule. The title is generated from the week when left blank."""

    # Wagtail's Page fields (Wagtail is untyped), annotated for the checker.
    title: str
    slug: str

    week_start = models.DateField(
        _("tuần bắt đầu từ ngày (thứ Hai)"),
        help_text=_("Ngày thứ Hai đầu tuần, ví dụ 23/11/2026."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("week_start"),
        InlinePanel("entries", heading=_("Các hoạt động trong tuần"), label=_("Hoạt động")),
    ]
    search_fields = [
        *Page.search_fields,
        index.FilterField("week_start"),
        index.RelatedFields(
            "entries", [index.SearchField("content"), index.SearchField("leaders")]
        ),
    ]
    base_form_class = WeeklySchedulePageForm
    parent_page_types = ["schedule.WorkScheduleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")

    @property
    def week_end(self):
        return weeks.week_end(self.week_start)

    def default_title(self) -> str:
        language = self.locale.language_code if self.locale_id else "vi"
        return weeks.week_title(weeks.monday_of(self.week_start), language)

    def full_clean(self, *args, **kwargs):
        # Pages created in code get the same title and slug the admin form gives.
        if self.week_start:
            if not self.title:
                self.title = self.default_title()
            if not self.slug and self.path:
                self.slug = self._get_autogenerated_slug(weeks.week_slug(self.week_start))
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": not_monday_message(self.week_start)})

    def entry_date_error(self, day: datetime.date) -> str | None:
        """The message for an entry dated ``day`` outside this week; None if inside."""
        if self.week_start and not self.week_start <= day <= self.week_end:
            return _("Ngày %(date)s không thuộc tuần từ %(start)s đến %(end)s.") % {
                "date": f"{day:%d/%m/%Y}",
                "start": f"{self.week_start:%d/%m/%Y}",
                "end": f"{self.week_end:%d/%m/%Y}",
            }
        return None

    def days(self) -> list[ScheduleDay]:
        """The week day by day, entries by time (all-day entries first); Monday to
        Friday always, Saturday and Sunday only when something is scheduled."""
        by_date: dict[datetime.date, list] = {}
        entries = sorted(
            self.entries.all(),
            key=lambda e: (e.date, e.time or datetime.time.min, e.sort_order or 0),
        )
        for entry in entries:
            by_date.setdefault(entry.date, []).append(entry)
        return [
            ScheduleDay(date=day, name=weeks.weekday_name(day), entries=by_date.get(day, []))
            for day in weeks.week_days(self.week_start)
            if day.weekday() < 5 or by_date.get(day)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["days"] = self.days()
        return context


def not_monday_message(day: datetime.date) -> str:
    return _("Ngày bắt đầu tuần phải là thứ Hai; ngày %(date)s là %(weekday)s.") % {
        "date": f"{day:%d/%m/%Y}",
        "weekday": weeks.weekday_name(day),
    }


class ScheduleEntry(StrippedTextMixin, Orderable):
    """One activity of the week: when, what, who attends, where, who prepares."""

    page = ParentalKey(WeeklySchedulePage, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("ngày"))
    time = models.TimeField(
        _("giờ"), null=True, blank=True, help_text=_("Để trống nếu hoạt động kéo dài cả ngày.")
    )
    leaders = models.CharField(
        _("lãnh đạo dự"), max_length=500, help_text=_("Ví dụ: Chủ tịch UBND tỉnh Nguyễn Văn A.")
    )
    content = models.TextField(_("nội dung"))
    location = models.CharField(_("địa điểm"), max_length=500, blank=True)
    participants = models.TextField(_("thành phần"), blank=True)
    preparing_unit = models.CharField(_("đơn vị chuẩn bị"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("time")]),
        FieldPanel("leaders"),
        FieldPanel("content"),
        FieldPanel("location"),
        FieldPanel("participants"),
        FieldPanel("preparing_unit"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.content[:60]}"

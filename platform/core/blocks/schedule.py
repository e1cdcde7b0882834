from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class ScheduleBlock(blocks.StructBlock):
    """A link to the leaders' work schedule, with this week's entries when published."""

    heading = blocks.CharBlock(label=_("Tiêu đề khối"), max_length=120, default=_("Lịch công tác"))
    page = blocks.PageChooserBlock(
        page_type="schedule.WorkScheduleIndexPage",
        label=_("Trang lịch công tác"),
    )

    class Meta:
        icon = "date"
        label = _("Lịch công tác")
        template = "blocks/schedule.html"

    def get_context(self, value, parent_context=None):
        """Today's entries of this week's published schedule (two queries)."""
        from schedule import weeks

        context = super().get_context(value, parent_context)
        index = value.get("page")
        week = index.specific.current_week() if index is not None else None
        today = weeks.today()
        context["week"] = week
        context["today_entries"] = (
            [entry for day in week.days() if day.date == today for entry in day.entries]
            if week is not None
            else []
        )
        return context

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class ScheduleBlock(blocks.StructBlock):
    """A link to the leaders' work schedule, with this week's entries when published."""

    heading = blocks.CharBlock(label=_("Tiêu đề khối"), max_length=120, default=_("Lịch công tác"))
    page = blocks.PageChooserBlock(
        page_type="schedule.WorkScheduleIndexPage", label=_("Trang lịch công tác"),
    )

    class Meta:
        icon = "date"
        label = _("Lịch công tác")
        template = "blocks/schedule.html"

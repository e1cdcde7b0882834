"""Deadlines in the site's admin: the rule table (Settings, for the site
administrator and the head) and the dashboard panel of items due soon or overdue."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from adminui.dashboard import WorkItem, WorkPanel, register_work_panel
from deadlines import services
from deadlines.models import DeadlineItem, DeadlineRule


class DeadlineRuleViewSet(SnippetViewSet):
    """Editable by whoever holds ``deadlines.change_deadlinerule``: the site
    administrator and the head (provisioning/board.yaml)."""

    model = DeadlineRule
    icon = "time"
    menu_label = gettext_lazy("Thời hạn đăng tin")
    add_to_settings_menu = True
    list_display = ["kind", "amount", "unit", "runs_from"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("amount"),
        FieldPanel("unit"),
        FieldPanel("runs_from"),
    ]


register_snippet(DeadlineRuleViewSet)


@register_work_panel
class DeadlinesPanel(WorkPanel):
    """Unpublished items overdue, then those due within the next working day: two
    bounded queries."""

    name = "deadlines"
    heading = gettext_lazy("Hạn đăng tin: quá hạn và sắp đến hạn")
    icon = "time"
    order = 195
    limit = 10

    def get_items(self):
        now = timezone.now()
        overdue = list(
            services.overdue_items(now).select_related("page").order_by("due_at")[: self.limit]
        )
        soon = (
            list(
                services.due_soon_items(now)
                .select_related("page")
                .order_by("due_at")[: self.limit - len(overdue)]
            )
            if len(overdue) < self.limit
            else []
        )
        return [self._item(item, late=True) for item in overdue] + [
            self._item(item, late=False) for item in soon
        ]

    def _item(self, item: DeadlineItem, *, late: bool) -> WorkItem:
        return WorkItem(
            title=item.page.draft_title or item.page.title,
            url=reverse("wagtailadmin_pages:edit", args=[item.page_id]),
            when=item.due_at,
            status=_("Quá hạn") if late else _("Sắp đến hạn"),
            tone="critical" if late else "warning",
            note=_("%(kind)s; hạn đăng %(due)s")
            % {"kind": item.get_kind_display(), "due": services.format_local(item.due_at)},
        )

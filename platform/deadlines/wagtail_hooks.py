"""Deadlines in the site's admin: the rule table (Settings, for the site
administrator and the head) and the dashboard panel of items due soon or overdue."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from adminui.dashboard import WorkItem, WorkPanel, register_work_panel
from deadlines import services
from deadlines.models import DeadlineItem, DeadlineRule
from deadlines.views import DeadlineItemsView


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


@hooks.register("register_admin_urls")
def register_items_urls():
    return [
        path("han-dang/", DeadlineItemsView.as_view(), name="deadlines_items"),
        path(
            "han-dang/ket-qua/",
            DeadlineItemsView.as_view(results_only=True),
            name="deadlines_items_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def items_menu_item():
    return MenuItem(
        gettext_lazy("Hạn đăng tin"), reverse("deadlines_items"), icon_name="time", order=245
    )


@register_work_panel
class DeadlinesPanel(WorkPanel):
    """Unpublished items overdue, then those due within the next working day: two
    bounded queries."""

    name = "deadlines"
    heading = gettext_lazy("Hạn đăng tin: quá hạn và sắp đến hạn")
    icon = "time"
    order = 195
    limit = 10
    more_text = gettext_lazy("Tất cả việc có hạn đăng")

    def get_more_url(self):
        return reverse("deadlines_items")

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

"""The dashboard of "my work": panels listing what the signed-in member has to do,
each item linking to where it is done.

A panel is a ``WorkPanel`` subclass registered with ``@register_work_panel``: that
decorator is the one hook (Wagtail's ``construct_homepage_panels``) a new panel
needs. A panel makes a bounded number of queries whatever the number of items
(``limit`` rows at most, related rows fetched with the list); ``is_shown`` hides
it when there is nothing to do. See docs/admin.md.

Wagtail's own panels stay where they serve: "Awaiting your review" (pages waiting
for my step of the workflow) and "Your pages in a workflow".
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise, cached_property

from wagtail import hooks
from wagtail.admin.ui.components import Component


@dataclass
class WorkItem:
    """One line of a panel: what it is, where the work is done, and what to know."""

    title: str
    url: str
    #: when it last changed (shown dd/mm/yyyy HH:MM)
    when: datetime | None = None
    #: a short status, and its tone: "" (neutral), "good", "warning", "critical"
    status: str = ""
    tone: str = ""
    #: a note shown under the title (a reviewer's comment, the source site…)
    note: str = ""


class WorkPanel(Component):
    """A dashboard panel listing up to ``limit`` items of the member's work.

    Subclasses set ``name`` (the panel's id), ``heading``, ``icon``, ``order``, and
    implement ``get_items()``; ``get_more_url()`` links the whole list; ``summary``
    may say how many there are in all.
    """

    template_name = "adminui/panels/work_panel.html"
    #: the panel's id in the page (``<name>-section``)
    name = "work"
    heading: "str | Promise" = ""
    icon = "doc-full"
    #: Wagtail's panels: 210 my pages in a workflow, 220 awaiting my review, 250 my
    #: recent edits, 300 locked pages
    order = 200
    #: at most this many items (the panel's query stays bounded)
    limit = 5
    #: text of the link to the whole list
    more_text: "str | Promise" = ""

    def __init__(self, request):
        self.request = request

    def get_items(self) -> list[WorkItem]:
        raise NotImplementedError

    def get_more_url(self) -> str | None:
        return None

    @property
    def summary(self) -> str:
        return ""

    @cached_property
    def items(self) -> list[WorkItem]:
        return list(self.get_items())[: self.limit]

    def is_shown(self) -> bool:
        return bool(self.items)

    def get_context_data(self, parent_context=None):
        return {
            "panel": self,
            "items": self.items,
            "more_url": self.get_more_url(),
            "summary": self.summary,
        }


def register_work_panel(panel_class: type[WorkPanel]) -> type[WorkPanel]:
    """Show ``panel_class`` on every member's dashboard where it ``is_shown()``."""

    @hooks.register("construct_homepage_panels")
    def add_panel(request, panels):
        panel = panel_class(request)
        if panel.is_shown():
            panels.append(panel)

    return panel_class


@hooks.register("construct_homepage_panels")
def drop_unbounded_wagtail_panels(request, panels):
    """Wagtail's "your pages in a workflow" panel costs queries per item (a reporter with
    12 submissions: 12 more queries than with 6); "Kết quả bài tôi gửi duyệt" shows the
    same work at a bounded cost, so the dashboard keeps only that one."""
    from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel

    panels[:] = [p for p in panels if not isinstance(p, UserObjectsInWorkflowModerationPanel)]

"""The editor's view of a page's deadline: its kind and start (fields of the page)
and, read-only, the due time the site's rules give and whether it is met."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel


class DueTimePanel(Panel):
    """Read-only: the computed due time (dd/mm/yyyy HH:MM) and its status."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "deadlines/due_panel.html"

        def get_context_data(self, parent_context=None):
            from deadlines.services import describe

            context = super().get_context_data(parent_context)
            try:
                context["deadline"] = describe(self.instance)
            except ValueError:
                context["deadline"] = None
            return context


def deadline_panels():
    """The panels a page with a deadline adds to its editor."""
    return MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("deadline_kind"), FieldPanel("deadline_starts_at")]),
            DueTimePanel(),
        ],
        heading=_("Thời hạn đăng"),
    )

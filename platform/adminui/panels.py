"""The dashboard panels of every site: my drafts, and what became of my submissions."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page, WorkflowState

from adminui.dashboard import WorkItem, WorkPanel, register_work_panel

#: submissions decided within this many days are shown
SUBMISSIONS_DAYS = 30


@register_work_panel
class MyDraftsPanel(WorkPanel):
    """Pages whose latest revision is mine, not yet published and not in a workflow."""

    name = "my-drafts"
    heading = gettext_lazy("Bản nháp của tôi")
    icon = "draft"
    order = 205

    def get_items(self):
        user = self.request.user
        in_workflow = (
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                status=WorkflowState.STATUS_IN_PROGRESS,
            )
            .annotate(page_id=Cast("object_id", IntegerField()))
            .values("page_id")
        )
        pages = (
            Page.objects.filter(latest_revision__user=user, has_unpublished_changes=True)
            .exclude(pk__in=in_workflow)
            .only("pk", "title", "draft_title", "live", "latest_revision_created_at")
            .order_by("-latest_revision_created_at")[: self.limit]
        )
        return [
            WorkItem(
                title=page.get_admin_display_title(),
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                when=page.latest_revision_created_at,
                status=_("Đã đăng, có bản sửa chưa đăng") if page.live else _("Bản nháp"),
            )
            for page in pages
        ]


@register_work_panel
class MySubmissionsPanel(WorkPanel):
    """Pages I submitted to the approval workflow that were decided lately: approved
    (published), or sent back with the reviewer's comment."""

    name = "my-submissions"
    heading = gettext_lazy("Kết quả bài tôi gửi duyệt")
    icon = "tasks"
    order = 206

    def get_items(self):
        since = timezone.now() - datetime.timedelta(days=SUBMISSIONS_DAYS)
        states = list(
            WorkflowState.objects.filter(
                requested_by=self.request.user,
                base_content_type=ContentType.objects.get_for_model(Page),
                status__in=[WorkflowState.STATUS_APPROVED, WorkflowState.STATUS_NEEDS_CHANGES],
                current_task_state__finished_at__gte=since,
            )
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[: self.limit]
        )
        titles = dict(
            Page.objects.filter(pk__in=[int(s.object_id) for s in states]).values_list(
                "pk", "draft_title"
            )
        )
        items = []
        for state in states:
            task_state = state.current_task_state
            reviewer = task_state.finished_by
            who = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else ""
            if state.status == WorkflowState.STATUS_APPROVED:
                status, tone = _("Đã duyệt"), "good"
            else:
                status, tone = _("Bị trả lại"), "critical"
            note = task_state.comment
            if who:
                note = f"{who}: {note}" if note else who
            items.append(
                WorkItem(
                    title=titles.get(int(state.object_id), _("(trang đã xoá)")),
                    url=reverse("wagtailadmin_pages:edit", args=[state.object_id]),
                    when=task_state.finished_at,
                    status=status,
                    tone=tone,
                    note=note,
                )
            )
        return items

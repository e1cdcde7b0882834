"""The board's side in each site's Wagtail admin: the inbox of questions and
feedback (a ModelViewSet with filters; the edit view is the processing form), a
dashboard panel with counts and overdue items, and the answer page's publication
telling the asker."""

import functools

from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, get_format, localize
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.signals import page_published, page_unpublished

from participation import forwarding
from participation.admin_forms import ProcessForm
from participation.models import QAAnswerPage, Submission
from participation.models.submission import OPEN_STATES


def _td(column, content) -> str:
    if column.classname:
        return format_html('<td class="{}">{}</td>', column.classname, content)
    return format_html("<td>{}</td>", content)


class TextColumn(Column):
    """Wagtail's plain cell (``wagtailadmin/tables/cell.html``: the value, localised
    and escaped, in a ``<td>``) written without rendering a template for each of the
    page's cells."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_cell_context_data(instance, parent_context)["value"]
        return _td(self, "" if value is None else localize(value))


class HumanDateColumn(DateColumn):
    """Wagtail's date cell (``wagtailadmin/tables/date_cell.html``: "3 days ago" with
    the date and time in a tooltip, the ``human_readable_date`` tag) written without
    rendering two templates for each of the page's cells."""

    def render_cell_html(self, instance, parent_context):
        from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

        value = self.get_value(instance)
        if not value:
            return _td(self, "")
        tooltip = get_format("DATETIME_FORMAT") or "N j, Y, P"
        local = timezone.localtime(value)
        return _td(
            self,
            format_html(
                '<button type="button" class="w-human-readable-date" '
                'data-controller="w-tooltip" data-w-tooltip-content-value="{}" '
                'data-w-tooltip-placement-value="top"><time '
                'class="w-human-readable-date__date" datetime="{}">{}</time></button>',
                date_format(local, tooltip),
                date_format(local, "c"),
                capfirst(timesince_simple(value)),
            ),
        )


class DueColumn(DateColumn):
    """The due date, flagged when overdue (without a template for each cell)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if not value:
            return _td(self, "")
        day = date_format(timezone.localtime(value), "d/m/Y")
        if instance.overdue:
            return _td(
                self,
                format_html(
                    '<strong class="w-text-critical-200">{} ({})</strong>', day, _("quá hạn")
                ),
            )
        return _td(self, day)


class InboxView(IndexView):
    """The inbox; opening it brings in the questions other sites forwarded here."""

    def get(self, request, *args, **kwargs):
        forwarding.import_forwarded()
        return super().get(request, *args, **kwargs)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        # the columns named in list_display: plain cells without a template each
        if column_class is Column:
            column_class = TextColumn
        column = super()._get_custom_column(field_name, column_class, **kwargs)
        field = next((f for f in Submission._meta.fields if f.name == field_name), None)
        if field is not None and field.choices:
            column.accessor = functools.partial(_choice_label, field)
        return column


def _choice_label(field, instance):
    """``get_<field>_display()`` without hashing every (lazy) label of the choices for
    each cell, as Django's does."""
    value = getattr(instance, field.attname)
    return dict(field.flatchoices).get(value, value)


class SubmissionInspectView(InspectView):
    """An item; one this site forwarded shows the target's progress and answer,
    read from the row in ``public``."""

    template_name = "participation/inspect.html"

    def get_field_display_value(self, field_name=None, field=None):
        # Wagtail looks for ``get_<name>_display_value``: for the model field named
        # "field" that is this very method, called without arguments
        if field_name is None:
            return self.object.field or "—"
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self.object.forward_row()
        context["forward"] = row
        return context


class SubmissionEditView(EditView):
    """The processing form. Once the answer is written the board goes on to the draft
    answer page's editor, where it sends the page to the site's approval."""

    def _answered(self) -> bool:
        return self.request.POST.get("action") == "answer" and bool(self.object.answer_page_id)

    def get_success_url(self):
        if self._answered():
            return reverse("wagtailadmin_pages:edit", args=[self.object.answer_page_id])
        return super().get_success_url()

    def get_success_message(self):
        if self._answered():
            return _("Đã lưu trả lời cho “%(title)s”. Gửi trang trả lời đi duyệt để đăng.") % {
                "title": self.object.title
            }
        return super().get_success_message()


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "help"
    menu_label = _("Hỏi – đáp, phản ánh")
    menu_order = 240
    add_to_admin_menu = True
    url_prefix = "hoi-dap"
    name = "participation"
    form_fields = ["assignee", "unit", "answer", "answering_body", "decline_reason"]
    list_display = [
        # the first column is the title column: the code links to the item, with its
        # actions (process, inspect) beside it
        "code",
        "title",
        "kind",
        "state",
        "field",
        HumanDateColumn("created_at", label=_("ngày nhận")),
        DueColumn("due_at", label=_("hạn trả lời")),
        "assignee",
        TextColumn("forwarded_from", label=_("chuyển từ")),
    ]
    list_filter = ["kind", "state", "field", "created_at", "assignee"]
    search_fields = ["code", "title"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "code", "kind", "state", "field", "title", "body", "created_at", "due_at",
        "assignee", "unit", "answer", "answering_body", "decline_reason", "duplicate_of",
        "forwarded_to", "forwarded_from", "name", "email", "phone", "address",
    ]  # fmt: skip
    copy_view_enabled = False
    index_view_class = InboxView
    edit_view_class = SubmissionEditView
    inspect_view_class = SubmissionInspectView

    def get_form_class(self, for_update=False):
        return ProcessForm

    def get_queryset(self, request):
        return Submission.objects.select_related("assignee")


viewset = SubmissionViewSet()


@hooks.register("register_admin_viewset")
def register_viewset():
    return viewset


@hooks.register("register_admin_urls")
def register_personal_data_url():
    from participation import admin_views

    return [path("du-lieu-ca-nhan/", admin_views.person, name="participation_personal_data")]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        from participation.personal_data import can_manage

        return can_manage(request.user)


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Dữ liệu cá nhân người gửi"),
        reverse("participation_personal_data"),
        icon_name="user",
        order=620,
    )


class InboxPanel(Component):
    """Open items, those received today and the overdue ones (dashboard)."""

    name = "participation"
    order = 95
    template_name = "participation/dashboard_panel.html"

    def __init__(self, counts: dict):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {**self.counts, "index_url": viewset.menu_url}


def _comment_counts(user, now) -> dict:
    """Comments on drafts waiting for the board (its due date: the draft's close)."""
    from django.db.models import Count, Q

    from consultation.models import CommentStatus, DraftComment

    if not (user.has_perm("consultation.view_draftcomment") or user.is_superuser):
        return {}
    counts = DraftComment.objects.filter(status=CommentStatus.PENDING).aggregate(
        comments=Count("pk"), comments_overdue=Count("pk", filter=Q(page__closes_at__lt=now))
    )
    return {**counts, "comments_url": reverse("draftcomment:index")}


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    from django.db.models import Count, Q

    now = timezone.now()
    counts = _comment_counts(request.user, now)
    if viewset.permission_policy.user_has_any_permission(request.user, ["change", "view"]):
        forwarding.import_forwarded()
        counts.update(
            Submission.objects.filter(state__in=OPEN_STATES).aggregate(
                open=Count("pk"),
                overdue=Count("pk", filter=Q(due_at__lt=now)),
                new=Count("pk", filter=Q(state="received")),
            ),
            submissions=True,
        )
    if counts:
        panels.append(InboxPanel(counts))


def _forget_years(page) -> None:
    """The Q&A page's year filter changes with its answers (QAPage.answer_years)."""
    from django.core.cache import cache

    parent = page.get_parent()
    if parent is not None:
        cache.delete(f"participation:years:{parent.pk}")


def _answer_published(sender, instance, **kwargs):
    from participation import services

    _forget_years(instance)
    services.answer_published(instance)


def _answer_unpublished(sender, instance, **kwargs):
    _forget_years(instance)


page_published.connect(_answer_published, sender=QAAnswerPage)
page_unpublished.connect(_answer_unpublished, sender=QAAnswerPage)

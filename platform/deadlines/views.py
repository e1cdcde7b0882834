"""Every tracked item of the site, the whole list behind the dashboard panel:
filtered by state (overdue, due soon, published in time or late) and kind, sorted
by due time. Read-only: an item follows its page (``deadlines.services.track``)."""

from __future__ import annotations

import django_filters

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from deadlines import services
from deadlines.models import DeadlineItem

STATES = [
    ("qua_han", _("Quá hạn, chưa đăng")),
    ("sap_den_han", _("Sắp đến hạn (trong 1 ngày làm việc)")),
    ("chua_dang", _("Chưa đăng")),
    ("dung_han", _("Đã đăng đúng hạn")),
    ("tre_han", _("Đã đăng trễ hạn")),
]


class DeadlineItemFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=STATES, method="filter_state", empty_label=_("Tất cả")
    )

    class Meta:
        model = DeadlineItem
        fields = ["state", "kind"]

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == "qua_han":
            return queryset & services.overdue_items(now)
        if value == "sap_den_han":
            return queryset & services.due_soon_items(now)
        if value == "chua_dang":
            return queryset.filter(published_at__isnull=True)
        if value == "dung_han":
            return queryset.filter(met=True)
        if value == "tre_han":
            return queryset.filter(met=False, published_at__isnull=False)
        return queryset


class LocalTimeColumn(Column):
    """dd/mm/yyyy HH:MM in Vietnam's time (a due time is read exactly, not "in 2 days")."""

    def get_value(self, instance):
        value = getattr(instance, self.accessor)
        return services.format_local(value) if value else "–"


class StateColumn(Column):
    def get_value(self, instance):
        if instance.published_at is None:
            return _("Quá hạn") if instance.due_at < timezone.now() else _("Chưa đăng")
        return _("Đúng hạn") if instance.met else _("Trễ hạn")


class DeadlineItemsView(IndexView):
    """Open to every member of the board, as the dashboard panel is (the titles and
    due times of the site's own pages); the page links lead to the editor, which
    checks the page's own permissions."""

    model = DeadlineItem
    permission_policy = None
    any_permission_required = None
    index_url_name = "deadlines_items"
    index_results_url_name = "deadlines_items_results"
    page_title = _("Hạn đăng tin")
    header_icon = "time"
    paginate_by = 50
    filterset_class = DeadlineItemFilterSet
    default_ordering = "due_at"
    columns = [
        TitleColumn(
            "title",
            label=_("Bài, văn bản"),
            accessor="page.draft_title",
            get_url=lambda item: reverse("wagtailadmin_pages:edit", args=[item.page_id]),
        ),
        Column("kind", label=_("Loại thông tin"), accessor="get_kind_display"),
        LocalTimeColumn("starts_at", label=_("Tính từ"), sort_key="starts_at"),
        LocalTimeColumn("due_at", label=_("Hạn đăng"), sort_key="due_at"),
        LocalTimeColumn("published_at", label=_("Đăng lúc"), sort_key="published_at"),
        StateColumn("state", label=_("Tình trạng")),
    ]

    def get_base_queryset(self):
        return DeadlineItem.objects.select_related("page")

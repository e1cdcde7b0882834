"""The syndication pages of a site's Wagtail admin: the inbox of offers from its
component sites (with preview, accept, reject, mark as seen and take an update)
and the list of what the site itself has offered up.

Every query is filtered by the active site: the inbox by ``target``, the sent list
by ``source_key``; an offer of another site is a 403, never a page.
"""

import django_filters

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView

from syndication import services, snapshot
from syndication.models import Offer, OfferStatus
from tenants.models import SiteKind


class InboxFilterSet(WagtailFilterSet):
    """The inbox's filters, in Wagtail's filter drawer: source site, its kind, category,
    status and the dates of the last change (dd/mm/yyyy)."""

    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Trang nguồn"),
        field_name="source_key",
        empty_label=gettext_lazy("Tất cả"),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Loại trang"),
        field_name="source_kind",
        choices=SiteKind.choices,
        empty_label=gettext_lazy("Tất cả"),
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Trạng thái"),
        choices=OfferStatus.choices,
        empty_label=gettext_lazy("Tất cả"),
        widget=forms.RadioSelect,
    )
    category = django_filters.CharFilter(
        label=gettext_lazy("Chuyên mục"), lookup_expr="icontains", max_length=120
    )
    changed = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Ngày cập nhật (dd/mm/yyyy)"),
        field_name="changed_at",
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = Offer
        fields = ["source", "kind", "status", "category", "changed"]

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source"].extra["choices"] = list(sources)


class DateTimeColumn(Column):
    """A date and time as dd/mm/yyyy HH:MM (local time)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(localtime(value), "d/m/Y H:i") if value else ""


def _site(request):
    tenant = services.current_tenant()
    if tenant is None:
        raise PermissionDenied
    return tenant


def _require_board(request):
    """The inbox is the board's: whoever may add articles to the site's news."""
    index = services.news_index()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied


class BoardListingView(IndexView):
    """A listing of the exchange for the active site's board (Wagtail's generic index
    view: its table, filters, pagination and results refreshed in place)."""

    model = Offer
    #: access is the board's (``_require_board``), not a model permission
    permission_policy = None
    any_permission_required = None
    paginate_by = 50
    default_ordering = "-changed_at"

    def dispatch(self, request, *args, **kwargs):
        self.site = _site(request)
        _require_board(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Offer.objects.defer("body", "stream", "images", "accepted")

    def get_valid_orderings(self):
        return ["changed_at", "-changed_at", "title", "-title"]


class InboxView(BoardListingView):
    """The offers of the site's component sites (``target`` is the site)."""

    page_title = gettext_lazy("Tin từ trang thành phần")
    header_icon = "mail"
    index_url_name = "syndication:inbox"
    index_results_url_name = "syndication:inbox_results"
    filterset_class = InboxFilterSet

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Tiêu đề"),
                url_name="syndication:detail",
                sort_key="title",
            ),
            Column("source_name", label=_("Trang nguồn")),
            Column("category", label=_("Chuyên mục")),
            DateTimeColumn("changed_at", label=_("Cập nhật"), sort_key="changed_at"),
            StatusTagColumn(
                "get_status_display",
                label=_("Trạng thái"),
                primary=lambda offer: offer.status in (OfferStatus.OFFERED, OfferStatus.UPDATED),
            ),
        ]

    def get_filterset_kwargs(self):
        from tenants.models import Tenant

        kwargs = super().get_filterset_kwargs()
        kwargs["sources"] = (
            Tenant.objects.filter(parent=self.site).order_by("name").values_list("slug", "name")
        )
        return kwargs

    def get_base_queryset(self):
        return services.inbox(self.site).defer("body", "stream", "images", "accepted")


class SentView(BoardListingView):
    """What the site itself has offered up, and what became of it (``source_key``)."""

    page_title = gettext_lazy("Tin đã gửi lên cổng cấp trên")
    header_icon = "upload"
    index_url_name = "syndication:sent"
    index_results_url_name = "syndication:sent_results"
    filterset_class = type(
        "SentFilterSet",
        (WagtailFilterSet,),
        {
            "status": InboxFilterSet.declared_filters["status"],
            "changed": InboxFilterSet.declared_filters["changed"],
            "Meta": type("Meta", (), {"model": Offer, "fields": ["status", "changed"]}),
        },
    )

    @cached_property
    def columns(self):
        return [
            Column("title", label=_("Tiêu đề"), sort_key="title"),
            Column("target", label=_("Gửi tới"), accessor="target.name"),
            DateTimeColumn("changed_at", label=_("Cập nhật"), sort_key="changed_at"),
            StatusTagColumn("get_status_display", label=_("Trạng thái")),
            Column("note", label=_("Ghi chú"), accessor=_sent_note),
        ]

    def get_base_queryset(self):
        return (
            super().get_base_queryset().filter(source_key=self.site.slug).select_related("target")
        )


def _sent_note(offer) -> str:
    """The parent's reason for a rejection, or a link to the republished story."""
    from django.utils.html import format_html

    if offer.reason:
        return format_html("{} {}", _("Lý do từ chối:"), offer.reason)
    if offer.parent_url:
        return format_html('<a href="{}">{}</a>', offer.parent_url, _("Đã đăng lại"))
    return ""


inbox = InboxView.as_view()
inbox_results = InboxView.as_view(results_only=True)
sent = SentView.as_view()
sent_results = SentView.as_view(results_only=True)


def detail(request, offer_id: int):
    site = _site(request)
    _require_board(request)
    entry = services.get_for_parent(site, offer_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                entry, page = services.accept(site, offer_id, request.user)
                messages.success(
                    request,
                    _(
                        "Đã nhận tin thành bản nháp; bản nháp đi qua quy "
                        "trình duyệt của trang trước khi đăng."
                    ),
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
            if action == "update":
                entry, page = services.take_update(site, offer_id, request.user)
                messages.success(request, _("Đã đưa bản cập nhật vào một phiên bản nháp mới."))
                return redirect("wagtailadmin_pages:edit", page.pk)
            if action == "reject":
                services.reject(site, offer_id, request.user, request.POST.get("reason", ""))
                messages.success(request, _("Đã từ chối tin; trang nguồn xem được lý do."))
                return redirect("syndication:inbox")
            if action == "seen":
                services.mark_seen(site, offer_id, request.user)
                return redirect("syndication:inbox")
            raise ValidationError(_("Thao tác không hợp lệ."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("syndication:detail", offer_id)
    return TemplateResponse(
        request,
        "syndication/detail.html",
        {
            "offer": entry,
            # stored sanitised; cleaned again here, where it is shown in the admin
            "body": mark_safe(snapshot.sanitise(entry.body)),
            "differences": services.differences(entry)
            if entry.status == OfferStatus.UPDATED
            else [],
        },
    )

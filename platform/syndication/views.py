"""The syndication pages of a site's Wagtail admin: the inbox of offers from its
component sites (with preview, accept, reject, mark as seen and take an update)
and the list of what the site itself has offered up.

Every query is filtered by the active site: the inbox by ``target``, the sent list
by ``source_key``; an offer of another site is a 403, never a page.
"""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from syndication import services, snapshot
from syndication.models import Offer, OfferStatus
from tenants.models import SiteKind


class InboxFilter(forms.Form):
    source = forms.ChoiceField(label=gettext_lazy("Trang nguồn"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại trang"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + list(SiteKind.choices),
    )
    category = forms.CharField(label=gettext_lazy("Chuyên mục"), required=False, max_length=120)
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + list(OfferStatus.choices),
    )
    since = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        source = cast(forms.ChoiceField, self.fields["source"])
        source.choices = [("", _("Tất cả"))] + list(sources)

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("source"):
            queryset = queryset.filter(source_key=data["source"])
        if data.get("kind"):
            queryset = queryset.filter(source_kind=data["kind"])
        if data.get("category"):
            queryset = queryset.filter(category__icontains=data["category"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("since"):
            queryset = queryset.filter(changed_at__date__gte=data["since"])
        if data.get("until"):
            queryset = queryset.filter(changed_at__date__lte=data["until"])
        return queryset


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


def inbox(request):
    site = _site(request)
    _require_board(request)
    from tenants.models import Tenant

    sources = Tenant.objects.filter(parent=site).order_by("name").values_list("slug", "name")
    form = InboxFilter(request.GET or None, sources=sources)
    offers = services.inbox(site).defer("body", "stream", "images", "accepted")
    if form.is_bound and form.is_valid():
        offers = form.apply(offers)
    page = Paginator(offers.order_by("-changed_at"), 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "syndication/inbox.html",
        {
            "form": form,
            "offers": page,
            "query": query.urlencode(),
            "site": site,
        },
    )


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


def sent(request):
    site = _site(request)
    _require_board(request)
    offers = Offer.objects.filter(source_key=site.slug).defer(
        "body", "stream", "images", "accepted"
    )
    page = Paginator(offers.select_related("target").order_by("-changed_at"), 50).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(request, "syndication/sent.html", {"offers": page, "site": site})

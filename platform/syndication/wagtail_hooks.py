"""Syndication in each site's Wagtail admin: the inbox (sites with component sites),
the sent list (sites with a parent), a dashboard panel, and a warning on the edit
page of a republished story whose source has withdrawn it."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from adminui.dashboard import WorkItem, WorkPanel, register_work_panel
from syndication import views
from syndication.models import Offer, OfferStatus

app_name = "syndication"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("ket-qua/", views.inbox_results, name="inbox_results"),
    path("<int:offer_id>/", views.detail, name="detail"),
    path("da-gui/", views.sent, name="sent"),
    path("da-gui/ket-qua/", views.sent_results, name="sent_results"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("syndication/", include((urlpatterns, app_name), namespace=app_name))]


def _tenant(request):
    from syndication.services import current_tenant

    if not hasattr(request, "_syndication_tenant"):
        request._syndication_tenant = current_tenant()
    return request._syndication_tenant


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        from tenants.models import Tenant

        tenant = _tenant(request)
        return tenant is not None and Tenant.objects.filter(parent=tenant).exists()


class SentMenuItem(MenuItem):
    def is_shown(self, request):
        tenant = _tenant(request)
        return tenant is not None and tenant.parent_id is not None


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return InboxMenuItem(
        gettext_lazy("Tin từ trang thành phần"),
        reverse("syndication:inbox"),
        icon_name="mail",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def sent_menu_item():
    return SentMenuItem(
        gettext_lazy("Tin đã gửi lên"), reverse("syndication:sent"), icon_name="upload", order=251
    )


@register_work_panel
class InboxPanel(WorkPanel):
    """Offers of the component sites waiting for the board (new or updated), with a link
    each, and the republished stories whose source withdrew them: on parent portals,
    for whoever may use the inbox. Two queries whatever the number of offers."""

    name = "syndication-inbox"
    heading = gettext_lazy("Tin từ trang thành phần chờ xử lý")
    icon = "mail"
    order = 190
    more_text = gettext_lazy("Mở hộp tin")

    @cached_property
    def counts(self):
        from django.db.models import Count, Q

        tenant = _tenant(self.request)
        if tenant is None:
            return {"new": 0, "withdrawn": 0}
        return Offer.objects.filter(target=tenant).aggregate(
            new=Count("pk", filter=Q(status__in=WAITING)),
            withdrawn=Count(
                "pk", filter=Q(status=OfferStatus.WITHDRAWN, accepted_page_id__isnull=False)
            ),
        )

    def is_shown(self):
        return bool(self.counts["new"] or self.counts["withdrawn"]) and _is_board(self.request)

    def get_items(self):
        offers = (
            Offer.objects.filter(target=_tenant(self.request), status__in=WAITING)
            .only("pk", "title", "source_name", "changed_at", "status")
            .order_by("-changed_at")[: self.limit]
        )
        return [
            WorkItem(
                title=offer.title,
                url=reverse("syndication:detail", args=[offer.pk]),
                when=offer.changed_at,
                status=offer.get_status_display(),
                tone="warning" if offer.status == OfferStatus.UPDATED else "",
                note=offer.source_name,
            )
            for offer in offers
        ]

    def get_more_url(self):
        return reverse("syndication:inbox")

    @property
    def summary(self):
        text = _("%(n)s tin mới chờ xem xét.") % {"n": self.counts["new"]}
        if self.counts["withdrawn"]:
            text += " " + _(
                "%(n)s tin đã đăng lại bị trang nguồn gỡ: xem và quyết định có gỡ bản đăng "
                "lại hay không."
            ) % {"n": self.counts["withdrawn"]}
        return text


#: offers the board has to look at
WAITING = [OfferStatus.OFFERED, OfferStatus.UPDATED]


def _is_board(request) -> bool:
    """Whether the user may use the inbox (``views._require_board``)."""
    from django.core.exceptions import PermissionDenied

    try:
        views._require_board(request)
    except PermissionDenied:
        return False
    return True


@hooks.register("before_edit_page")
def warn_when_source_is_gone(request, page):
    tenant = _tenant(request)
    if tenant is None or request.method != "GET":
        return
    entry = Offer.objects.filter(target=tenant, accepted_page_id=page.pk).first()
    if entry is None:
        return
    if entry.status == OfferStatus.WITHDRAWN:
        messages.warning(
            request,
            _(
                "Trang nguồn “%(site)s” đã gỡ bài gốc. Bài này vẫn giữ nguyên; Ban Biên tập xem "
                "xét có gỡ hay không."
            )
            % {"site": entry.source_name},
        )
    elif entry.status == OfferStatus.UPDATED:
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Trang nguồn đã cập nhật bài gốc."),
                reverse("syndication:detail", args=[entry.pk]),
                _("Xem thay đổi"),
            ),
        )

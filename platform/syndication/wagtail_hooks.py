"""Syndication in each site's Wagtail admin: the inbox (sites with component sites),
the sent list (sites with a parent), a dashboard panel, and a warning on the edit
page of a republished story whose source has withdrawn it."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from syndication import views
from syndication.models import Offer, OfferStatus

app_name = "syndication"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:offer_id>/", views.detail, name="detail"),
    path("da-gui/", views.sent, name="sent"),
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


class InboxPanel(Component):
    """The dashboard's count of new offers and of withdrawn sources, with a link to
    the inbox (a Wagtail dashboard panel)."""

    name = "syndication"
    order = 90
    template_name = "syndication/dashboard_panel.html"

    def __init__(self, new: int, withdrawn: int):
        #: offers waiting for the board (new or updated)
        self.new = new
        #: republished stories whose source has withdrawn them
        self.withdrawn = withdrawn

    def get_context_data(self, parent_context=None):
        return {"new": self.new, "withdrawn": self.withdrawn}


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    from django.db.models import Count, Q

    tenant = _tenant(request)
    if tenant is None:
        return
    counts = Offer.objects.filter(target=tenant).aggregate(
        new=Count("pk", filter=Q(status__in=[OfferStatus.OFFERED, OfferStatus.UPDATED])),
        withdrawn=Count(
            "pk", filter=Q(status=OfferStatus.WITHDRAWN, accepted_page_id__isnull=False)
        ),
    )
    if counts["new"] or counts["withdrawn"]:
        panels.append(InboxPanel(counts["new"], counts["withdrawn"]))


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

"""Pages in each site's admin, under Settings (Cài đặt): unlocking sign-ins, the
operations centre's sign-ins to this site; and the internal-network rule of
restricted pages (``before_serve_page``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("tai-khoan-bi-khoa/", views.locked, name="accounts_locked"),
        path("trung-tam-van-hanh/", views.operator_sign_ins, name="accounts_operator_sign_ins"),
    ]


class LockedMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def locked_menu_item():
    return LockedMenuItem(
        gettext_lazy("Tài khoản bị khóa"), reverse("accounts_locked"), icon_name="lock", order=610
    )


class OperatorSignInsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def operator_sign_ins_menu_item():
    return OperatorSignInsMenuItem(
        gettext_lazy("Lượt truy cập của Trung tâm vận hành"),
        reverse("accounts_operator_sign_ins"),
        icon_name="history",
        order=615,
    )


@hooks.register("before_serve_page")
def internal_network_only(page, request, serve_args, serve_kwargs):
    """A restricted page (a view restriction on it or an ancestor) is served only to
    requests from the site's internal networks when the site asks for it
    (Settings → Mạng nội bộ), in addition to the restriction's own login."""
    from accounts.networks import refuse_outside_network, site_networks

    # the site's rule first: most sites never switch it on, and it is remembered
    if site_networks(request) is not None and page.get_view_restrictions().exists():
        return refuse_outside_network(request)
    return None

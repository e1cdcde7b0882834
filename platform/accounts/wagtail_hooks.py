"""The accounts pages in each site's admin: under Settings (Cài đặt) unlocking
sign-ins, resetting two-factor devices and the operations centre's sign-ins to
this site; the two-factor sign-in pages (enrolment, code); and the
internal-network rule of restricted pages (``before_serve_page``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import two_factor_views, views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("tai-khoan-bi-khoa/", views.locked, name="accounts_locked"),
        path("trung-tam-van-hanh/", views.operator_sign_ins, name="accounts_operator_sign_ins"),
        # two_factor.SITE_PREFIX: reachable before the second factor
        path("xac-thuc-hai-buoc/", two_factor_views.verify, name="accounts_two_factor_verify"),
        path(
            "xac-thuc-hai-buoc/dang-ky/",
            two_factor_views.enrol,
            name="accounts_two_factor_enrol",
        ),
        # not under SITE_PREFIX: the reset asks for a verified administrator
        path(
            "dat-lai-xac-thuc-hai-buoc/",
            two_factor_views.reset_devices,
            name="accounts_two_factor_reset",
        ),
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


@hooks.register("before_serve_page")
def second_factor_for_restricted_pages(page, request, serve_args, serve_kwargs):
    """A member who must give a second factor and signed in with the password only is
    sent to give it before a restricted page (a view restriction on it or an ancestor)
    is served: the restriction's login means the whole sign-in."""
    from accounts.two_factor import unverified_redirect

    pending = unverified_redirect(request)
    if pending is not None and page.get_view_restrictions().exists():
        return pending
    return None


@hooks.register("register_settings_menu_item")
def two_factor_menu_item():
    return LockedMenuItem(
        gettext_lazy("Xác thực hai bước"),
        reverse("accounts_two_factor_reset"),
        icon_name="key",
        order=611,
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """A member for whom 2FA is optional turns it on from their account page."""
    from accounts import two_factor

    if two_factor.has_device(request.user):
        return None
    return {
        "url": reverse("accounts_two_factor_enrol"),
        "label": gettext_lazy("Bật xác thực hai bước"),
        "help_text": gettext_lazy(
            "Sau mật khẩu, đăng nhập cần thêm mã từ ứng dụng xác thực trên điện thoại."
        ),
    }

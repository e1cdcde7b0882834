"""The accounts pages in each site's admin: the unlock page and the two-factor reset
under Settings (Cài đặt), and the two-factor sign-in pages (enrolment, code)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import two_factor_views, views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("tai-khoan-bi-khoa/", views.locked, name="accounts_locked"),
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

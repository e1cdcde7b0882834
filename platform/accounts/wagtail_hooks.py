"""The unlock page in each site's admin, under Settings (Cài đặt)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import views


@hooks.register("register_admin_urls")
def register_urls():
    return [path("tai-khoan-bi-khoa/", views.locked, name="accounts_locked")]


class LockedMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def locked_menu_item():
    return LockedMenuItem(
        gettext_lazy("Tài khoản bị khóa"), reverse("accounts_locked"), icon_name="lock", order=610
    )

"""The platform's admin: its help menu, avatars, stylesheet and dashboard panels."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from adminui import (
    panels,  # noqa: F401 - registers the dashboard panels
    views,
)

app_name = "adminui"
urlpatterns = [
    path("huong-dan/", views.help_index, name="help"),
    path("huong-dan/<slug:slug>/", views.help_topic, name="help_topic"),
    path("anh-dai-dien/<str:initials>.svg", views.avatar, name="avatar"),
]

#: Wagtail's help items that lead to its English guide on the internet
EXTERNAL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_urls():
    return [path("", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(
        gettext_lazy("Hướng dẫn sử dụng"),
        reverse("adminui:help"),
        icon_name="help",
        order=900,
        name="huong-dan",
    )


@hooks.register("construct_help_menu")
def remove_external_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(EXTERNAL_HELP_ITEMS)]


@hooks.register("get_avatar_url")
def avatar_url(user, size):
    """The member's uploaded picture (Wagtail's own lookup follows), else their
    initials drawn by the platform: never Gravatar."""
    if not hasattr(user, "get_full_name"):  # no user (a system action in a history)
        return None  # Wagtail's own default avatar, a static file of this host
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    return reverse("adminui:avatar", args=[views.initials_of(user)])


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("adminui/admin.css"))

"""The board's rules in each site's admin: the "Đăng khẩn" action of a page, the
"Ban Biên tập" menu (delegations, emergency publications) and the warning on a page
published urgently and not approved yet."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from editorial import services, views
from editorial.models import EmergencyPublication


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("dang-khan/<int:page_id>/", views.emergency_publish, name="editorial_emergency"),
        path("uy-quyen/", views.delegations, name="editorial_delegations"),
        path("tin-dang-khan/", views.emergency_list, name="editorial_emergency_list"),
    ]


class EmergencyPublishMenuItem(ActionMenuItem):
    name = "action-emergency-publish"
    label = gettext_lazy("Đăng khẩn")
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or page.get_workflow() is None:
            return False
        return services.may_publish_urgently(context["request"].user, page)

    def get_url(self, parent_context):
        return reverse("editorial_emergency", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def emergency_publish_item():
    return EmergencyPublishMenuItem()


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return views._is_board_member(request.user)


@hooks.register("register_admin_menu_item")
def board_menu():
    submenu = Menu(
        items=[
            BoardMenuItem(
                gettext_lazy("Ủy quyền"), reverse("editorial_delegations"), icon_name="user"
            ),
            BoardMenuItem(
                gettext_lazy("Tin đăng khẩn"),
                reverse("editorial_emergency_list"),
                icon_name="warning",
            ),
        ]
    )
    return SubmenuMenuItem(gettext_lazy("Ban Biên tập"), submenu, icon_name="group", order=250)


@hooks.register("before_edit_page")
def warn_unapproved_emergency(request, page):
    if request.method == "GET" and (
        EmergencyPublication.objects.filter(page_id=page.pk, approved_at__isnull=True).exists()
    ):
        messages.warning(
            request,
            _(
                "Đăng khẩn – chưa được phê duyệt: bài đã đăng trước khi duyệt; Ban Biên tập "
                "cần hoàn tất quy trình duyệt."
            ),
        )

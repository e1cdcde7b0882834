"""Comments on drafts in each site's Wagtail admin (Ý kiến góp ý dự thảo): a list with
filters, and an edit view where the board reads a comment as plain text and sets
it public or not. Visitors' comments are never added here, only moderated."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from consultation.models import DraftComment


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from visitors only: nobody adds or copies one in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(DraftComment, CommentPermissionPolicy(DraftComment))


class DraftCommentViewSet(ModelViewSet):
    model = DraftComment
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["code", "name", "page", "article", "created_at", "due", "status"]
    list_filter = ["status", "page", "created_at"]
    search_fields = ["code", "name", "organisation", "text"]
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code", read_only=True),
                FieldPanel("page", read_only=True),
                FieldPanel("created_at", read_only=True),
            ],
            heading=_("Tiếp nhận"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("organisation", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
            ],
            heading=_("Người góp ý (không bao giờ công khai thư điện tử, điện thoại)"),
        ),
        FieldPanel("article", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("status"),
    ]


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return DraftCommentViewSet("draftcomment", url_prefix="consultation/draftcomment")

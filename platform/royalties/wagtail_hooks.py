"""Royalties in the admin: authors, the rate table, article authors and statements."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from royalties import services, views
from royalties.models import ArticleAuthor, Contributor, Rate, Statement


class RatePermissionPolicy(ModelPermissionPolicy):
    """The rate table is set by the head (or the head's delegate while a delegation of
    the head's step lasts): adding, changing and deleting a rate is theirs alone, whatever
    model permissions a group holds; reading it follows the groups' view permission."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return services.can_set_rates(user)
        return super().user_has_permission(user, action) or services.can_set_rates(user)


register_permission_policy(Rate, RatePermissionPolicy(Rate), exact_class=True)


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("Tác giả")
    list_display = ["full_name", "pen_name", "kind", "source_site"]
    list_filter = ["kind"]
    search_fields = ["full_name", "pen_name"]
    # a copy would carry the person's bank details unseen into a new record
    copy_view_enabled = False
    # bank details and the tax code are not here: they have their own page, for the
    # site administrator and the head only (views.payment_details)
    panels = [
        FieldPanel("full_name"),
        FieldPanel("pen_name"),
        FieldPanel("kind"),
        FieldPanel("user"),
        FieldPanel("source_site"),
    ]


class RateViewSet(SnippetViewSet):
    model = Rate
    icon = "table"
    menu_label = _("Bảng nhuận bút")
    list_display = ["kind", "amount", "points", "point_value", "valid_from", "valid_to"]
    list_filter = ["kind"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("amount"),
        FieldPanel("points"),
        FieldPanel("point_value"),
        FieldPanel("valid_from"),
        FieldPanel("valid_to"),
    ]


class ArticleAuthorViewSet(SnippetViewSet):
    model = ArticleAuthor
    icon = "edit"
    menu_label = _("Tác giả bài viết")
    list_display = ["page", "contributor", "kind", "share"]
    list_filter = ["kind", "contributor"]
    panels = [
        FieldPanel("page"),
        FieldPanel("contributor"),
        FieldPanel("kind"),
        FieldPanel("share"),
    ]


class StatementViewSet(SnippetViewSet):
    model = Statement
    icon = "doc-full"
    menu_label = _("Bảng kê nhuận bút")
    url_namespace = "royalties_statement"
    list_display = [
        "contributor",
        "period_label",
        Column("total", label=_("tổng cộng (đồng)")),
        "state",
        "approved_at",
    ]
    list_filter = ["state", "contributor", "period_start"]
    panels = [FieldPanel("contributor", read_only=True), FieldPanel("period_label", read_only=True)]


class RoyaltiesGroup(SnippetViewSetGroup):
    menu_label = _("Nhuận bút")
    menu_icon = "doc-full-inverse"
    items = (ContributorViewSet, RateViewSet, ArticleAuthorViewSet, StatementViewSet)


register_snippet(RoyaltiesGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("royalties/build/", views.build, name="royalties_build"),
        path(
            "royalties/authors/<int:pk>/payment/", views.payment_details, name="royalties_payment"
        ),
        path("royalties/statements/<int:pk>/approve/", views.approve, name="royalties_approve"),
        path(
            "royalties/statements/<int:pk>/export.<str:fmt>",
            views.export,
            name="royalties_export",
        ),
    ]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_who_set_the_rate(request, instance):
    if isinstance(instance, Rate):
        Rate.objects.filter(pk=instance.pk).update(set_by=request.user)


@hooks.register("register_snippet_listing_buttons")
def statement_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Statement) and services.can_read_statements(user):
        yield ListingButton(
            _("XLSX"), reverse("royalties_export", args=[snippet.pk, "xlsx"]), priority=30
        )
        yield ListingButton(
            _("PDF"), reverse("royalties_export", args=[snippet.pk, "pdf"]), priority=31
        )
    if isinstance(snippet, Statement) and snippet.state == "draft" and services.can_approve(user):
        yield ListingButton(
            _("Duyệt"), reverse("royalties_approve", args=[snippet.pk]), priority=32
        )
    if isinstance(snippet, Contributor) and services.can_see_private(user):
        yield ListingButton(
            _("Thông tin thanh toán"), reverse("royalties_payment", args=[snippet.pk]), priority=30
        )

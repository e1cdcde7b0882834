"""The board's rules in each site's admin: emergency publishing of a page, the
delegations of workflow steps (made by the head, read by the whole board) and the
list of emergency publications awaiting their approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from editorial import services
from editorial.forms import DelegationForm, EmergencyPublishForm
from editorial.models import DelegatedAction, Delegation, EmergencyPublication
from provisioning.board import member_role


def _is_board_member(user) -> bool:
    return user.is_superuser or member_role(user) is not None


@require_http_methods(["GET", "POST"])
def emergency_publish(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not services.may_publish_urgently(request.user, page):
        raise PermissionDenied
    form = EmergencyPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_urgently(page, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            messages.warning(
                request,
                _("Đã đăng khẩn “%(title)s”. Bài đang chờ Ban Biên tập phê duyệt bổ sung.")
                % {"title": page.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "editorial/emergency_publish.html", {"page": page, "form": form}
    )


@require_http_methods(["GET", "POST"])
def delegations(request):
    if not _is_board_member(request.user):
        raise PermissionDenied
    is_head = member_role(request.user) == services.HEAD_ROLE
    form = DelegationForm(
        request.POST if request.method == "POST" else None, delegator=request.user
    )
    if request.method == "POST":
        if not is_head:
            raise PermissionDenied
        if "revoke" in request.POST:
            delegation = get_object_or_404(Delegation, pk=request.POST["revoke"])
            services.revoke(delegation, request.user)
            messages.success(request, _("Đã thu hồi ủy quyền."))
            return redirect("editorial_delegations")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.delegate(
                    request.user,
                    data["task"],
                    data["delegate"],
                    data["starts_at"],
                    data["ends_at"],
                    data["reason"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã ghi nhận ủy quyền."))
                return redirect("editorial_delegations")
    return TemplateResponse(
        request,
        "editorial/delegations.html",
        {
            "is_head": is_head,
            "form": form,
            "delegations": Delegation.objects.select_related("task", "delegate", "delegator"),
            "actions": DelegatedAction.objects.select_related(
                "delegation__delegate", "delegation__task"
            )[:100],
        },
    )


def emergency_list(request):
    if not _is_board_member(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "editorial/emergency_list.html",
        {
            "publications": EmergencyPublication.objects.select_related("page", "published_by")[
                :200
            ],
        },
    )

"""The endpoint a draft's comment form posts to (CSRF-exempt like every visitor form:
the page is served from the anonymous page cache; participation.protection)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.forms import CommentForm
from consultation.models import DraftConsultationPage, DraftState
from consultation.services import DraftNotOpen, submit_comment
from core.pages import public
from participation.protection import visitor_submission


def _render(request, page, context, status=200):
    context = {**page.get_context(request), **context}
    return TemplateResponse(request, page.get_template(request), context, status=status)


@visitor_submission("consultation")
@require_POST
def comment(request, page_id: int):
    page = get_object_or_404(public(DraftConsultationPage.objects.live()), pk=page_id).specific
    if not page.is_open():
        if page.state() == DraftState.UPCOMING:
            message = _("Dự thảo chưa đến thời hạn lấy ý kiến, chưa nhận ý kiến góp ý.")
        else:
            message = _("Dự thảo đã hết hạn lấy ý kiến, không nhận thêm ý kiến góp ý.")
        return _render(request, page, {"refused": message}, status=403)
    form = CommentForm(request.POST, page=page)
    if not form.is_valid():
        if form.spam:
            raise Http404
        return _render(request, page, {"form": form}, status=400)
    try:
        comment = submit_comment(page, form.cleaned_data)
    except DraftNotOpen:
        return _render(
            request,
            page,
            {"refused": _("Dự thảo đã hết hạn lấy ý kiến, không nhận thêm ý kiến góp ý.")},
            status=403,
        )
    return _render(request, page, {"received": comment, "form": None})

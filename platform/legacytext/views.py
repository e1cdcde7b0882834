"""Undoing a conversion: the editor sees the original text and puts it back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Page

from legacytext import services
from legacytext.models import LegacyTextConversion


def _object_and_edit_url(conversion, user):
    """The converted object and its edit URL, if ``user`` may edit it (else 403)."""
    model = conversion.content_type.model_class()
    if model is None:
        raise PermissionDenied
    obj = model._default_manager.filter(pk=conversion.object_id).first()
    if obj is None:
        raise PermissionDenied
    if isinstance(obj, Page):
        if not obj.permissions_for_user(user).can_edit():
            raise PermissionDenied
        return obj, reverse("wagtailadmin_pages:edit", args=[obj.pk])
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return obj, AdminURLFinder(user).get_edit_url(obj) or reverse("wagtailadmin_home")


def undo_conversion(request, pk):
    conversion = get_object_or_404(LegacyTextConversion, pk=pk)
    obj, edit_url = _object_and_edit_url(conversion, request.user)
    model = conversion.content_type.model_class()
    labels = services.field_labels(model, conversion.fields)
    if request.method == "POST" and not conversion.kept:
        services.undo(conversion, request.user)
        messages.success(
            request,
            _("Đã khôi phục văn bản gốc (không chuyển mã) ở: {fields}.").format(
                fields=", ".join(labels)
            ),
        )
        return redirect(edit_url)
    rows = [
        {"label": label, "original": item["original"], "encodings": item["encodings"]}
        for label, item in zip(labels, conversion.fields.values(), strict=True)
    ]
    return TemplateResponse(
        request,
        "legacytext/undo.html",
        {
            "conversion": conversion,
            "object": obj,
            "rows": rows,
            "edit_url": edit_url,
            "encodings": services.encodings_label(conversion.fields),
        },
    )

"""The royalty views of the admin: payment details, building, approving, exporting."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from royalties import services
from royalties.models import Contributor, Statement


class PaymentForm(forms.ModelForm):
    class Meta:
        model = Contributor
        fields = Contributor.PRIVATE_FIELDS


def payment_details(request, pk):
    """Bank details and tax code: the site administrator and the head only."""
    if not services.can_see_private(request.user):
        raise PermissionDenied
    contributor = get_object_or_404(Contributor, pk=pk)
    form = PaymentForm(request.POST or None, instance=contributor)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin thanh toán."))
        return redirect("royalties_payment", pk=pk)
    return TemplateResponse(
        request, "royalties/payment.html", {"form": form, "contributor": contributor}
    )


class BuildForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("năm"), min_value=2000, max_value=2100)
    month = forms.IntegerField(
        label=gettext_lazy("tháng"), min_value=1, max_value=12, required=False
    )
    quarter = forms.IntegerField(
        label=gettext_lazy("quý"), min_value=1, max_value=4, required=False
    )

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("month")) == bool(data.get("quarter")):
            raise forms.ValidationError(_("Chọn một tháng hoặc một quý."))
        return data


def build(request):
    """Draft statements for every author with works published in the period."""
    if not services.can_read_statements(request.user):
        raise PermissionDenied
    form = BuildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        start, end, label = services.period(
            form.cleaned_data["year"], form.cleaned_data["month"], form.cleaned_data["quarter"]
        )
        made = services.build_all(start, end, label)
        messages.success(
            request,
            _("Đã lập {count} bảng kê nhuận bút {period}.").format(count=made, period=label),
        )
        return redirect("royalties_statement:list")
    return TemplateResponse(request, "royalties/build.html", {"form": form})


def approve(request, pk):
    """The head approves a statement (asked to confirm first)."""
    if not services.can_approve(request.user):
        raise PermissionDenied
    statement = get_object_or_404(Statement, pk=pk)
    if request.method != "POST":
        return TemplateResponse(request, "royalties/approve.html", {"statement": statement})
    services.approve(statement, request.user)
    messages.success(request, _("Đã duyệt bảng kê nhuận bút."))
    return redirect("royalties_statement:list")


def export(request, pk, fmt):
    if not services.can_read_statements(request.user):
        raise PermissionDenied
    statement = get_object_or_404(Statement.objects.select_related("contributor"), pk=pk)
    name = f"nhuan-but-{statement.pk}-{statement.period_start:%Y-%m}"
    if fmt == "xlsx":
        response = HttpResponse(
            services.to_xlsx(statement),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(services.to_pdf(statement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response

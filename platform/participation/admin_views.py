"""The site administrator's page for one person's data (Cài đặt → Dữ liệu cá nhân
người gửi): search by e-mail or phone, see every item, export it, erase it
(``participation.personal_data``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from participation import personal_data

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Thư điện tử hoặc số điện thoại"), max_length=254, required=False
    )

    def clean_q(self):
        return personal_data.normalise(self.cleaned_data["q"])


class EraseForm(SearchForm):
    confirm = forms.CharField(
        label=gettext_lazy("Nhập lại thư điện tử hoặc số điện thoại để xác nhận xoá"),
        max_length=254,
        required=False,
    )

    def clean(self):
        cleaned = super().clean() or {}
        contact = cleaned.get("q")
        if contact is None:
            return cleaned
        try:
            typed = personal_data.normalise(cleaned.get("confirm", ""))
        except ValidationError:
            typed = None
        if typed != contact:
            self.add_error(
                "confirm",
                _("Nội dung xác nhận không khớp với thư điện tử hoặc số điện thoại đã tra cứu."),
            )
        return cleaned


def _site():
    from participation.forwarding import current_tenant

    return current_tenant()


@require_http_methods(["GET", "POST"])
def person(request):
    if not personal_data.can_manage(request.user):
        raise PermissionDenied
    if request.method == "POST":
        erase_form = EraseForm(request.POST)
        if erase_form.is_valid():
            contact = erase_form.cleaned_data["q"]
            counts = personal_data.erase_person(contact, request.user)
            messages.success(
                request,
                _(
                    "Đã xoá thông tin cá nhân trong %(submissions)s câu hỏi, phản ánh và "
                    "%(comments)s góp ý dự thảo."
                )
                % counts,
            )
            return redirect(
                reverse("participation_personal_data") + "?" + urlencode({"q": contact})
            )
        form = SearchForm(request.POST)
        form.is_valid()
    else:
        form = SearchForm(request.GET if "q" in request.GET else None)
        erase_form = None
    found = None
    if form.is_bound and form.is_valid():
        contact = form.cleaned_data["q"]
        found = personal_data.find(contact)
        export = request.GET.get("format")
        if request.method == "GET" and export in CONTENT_TYPES:
            site = _site()
            name, slug = (site.name, site.slug) if site else ("", "site")
            maker = personal_data.export_json if export == "json" else personal_data.export_xlsx
            response = HttpResponse(maker(found, name), content_type=CONTENT_TYPES[export])
            response["Content-Disposition"] = (
                f'attachment; filename="{personal_data.filename(slug, export)}"'
            )
            response["Cache-Control"] = "no-store"
            personal_data.audit(request.user, "participation.personal_data_exported", found)
            return response
        if erase_form is None:
            erase_form = EraseForm(initial={"q": contact})
    response = TemplateResponse(
        request,
        "participation/personal_data.html",
        {
            "form": form,
            "erase_form": erase_form,
            "found": found,
            "query": form.cleaned_data.get("q") if found is not None else "",
            "total": (len(found["submissions"]) + len(found["comments"])) if found else 0,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
    response["Cache-Control"] = "no-store"
    return response

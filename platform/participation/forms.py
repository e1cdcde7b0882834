"""The forms visitors fill in on a Q&A page (protected: participation.protection)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participation.models import Kind
from participation.protection import ProtectedForm, clean_attachment

_PHONE = re.compile(r"^\+?[0-9 .\-()]{8,20}$")


class QuestionForm(ProtectedForm):
    kind = forms.ChoiceField(label=_("Bạn muốn gửi"), choices=Kind.choices, initial=Kind.QUESTION)
    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    address = forms.CharField(
        label=_("Địa chỉ hoặc cơ quan, tổ chức"), max_length=255, required=False
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"))
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    body = forms.CharField(
        label=_("Nội dung"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Một tệp PDF hoặc ảnh, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.gif"}),
    )
    consent = forms.BooleanField(
        label=_("Tôi đã đọc và đồng ý với thông báo xử lý dữ liệu cá nhân ở trên."),
        error_messages={"required": _("Cần đồng ý với thông báo xử lý dữ liệu cá nhân để gửi.")},
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        field_choice = self.fields["field"]
        assert isinstance(field_choice, forms.ChoiceField)
        field_choice.choices = [("", "—")] + [(f, f) for f in page.field_choices()]
        if not page.accepts_feedback:
            del self.fields["kind"]
        self.fields["name"].error_messages["required"] = _("Cần điền họ và tên.")
        self.fields["title"].error_messages["required"] = _("Cần điền tiêu đề.")
        self.fields["body"].error_messages["required"] = _("Cần điền nội dung câu hỏi.")
        self.fields["field"].error_messages["required"] = _("Cần chọn lĩnh vực.")
        self.fields["email"].error_messages["invalid"] = _("Thư điện tử không đúng dạng.")

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if phone and not _PHONE.match(phone):
            raise ValidationError(_("Số điện thoại không đúng dạng."), code="phone")
        return phone

    def clean_attachment(self):
        return clean_attachment(self.cleaned_data.get("attachment"))

    def clean(self):
        cleaned = super().clean()
        if (
            not self.spam
            and not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error("email", _("Cần điền thư điện tử hoặc số điện thoại để nhận trả lời."))
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        error_messages={"required": _("Cần điền mã tra cứu.")},
    )
    contact = forms.CharField(
        label=_("Thư điện tử hoặc số điện thoại đã gửi"),
        max_length=255,
        error_messages={"required": _("Cần điền thư điện tử hoặc số điện thoại.")},
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_contact(self):
        return self.cleaned_data["contact"].strip()

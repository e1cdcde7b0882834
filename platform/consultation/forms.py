"""The comment form a visitor fills on an open draft."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from participation.protection import ProtectedForm

PHONE = RegexValidator(
    r"^\+?[0-9][0-9 .]{7,18}$", _("Số điện thoại chỉ gồm chữ số, ví dụ: 0207 3822 333.")
)


class CommentForm(ProtectedForm):
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Điện thoại"), required=False, max_length=20, validators=[PHONE]
    )
    organisation = forms.CharField(
        label=_("Cơ quan, tổ chức (nếu có)"), required=False, max_length=255
    )
    article = forms.ChoiceField(label=_("Điều của dự thảo được góp ý"), required=False)
    text = forms.CharField(
        label=_("Nội dung góp ý"),
        max_length=10000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đã đọc thông báo xử lý dữ liệu cá nhân và đồng ý để cơ quan soạn thảo "
            "xử lý họ tên, thư điện tử, điện thoại của tôi để tiếp nhận, tổng hợp ý kiến "
            "góp ý (Nghị định 13/2023/NĐ-CP)."
        ),
        error_messages={"required": _("Vui lòng đồng ý với thông báo xử lý dữ liệu cá nhân.")},
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        choices = page.article_choices()
        article = self.fields["article"]
        assert isinstance(article, forms.ChoiceField)
        article.choices = [("", _("Góp ý chung cho cả dự thảo"))] + [
            (label, label) for label in choices
        ]
        if not choices:
            del self.fields["article"]
        self.fields["name"].error_messages["required"] = _("Vui lòng nhập họ và tên.")
        self.fields["text"].error_messages["required"] = _("Vui lòng nhập nội dung góp ý.")

    def clean(self):
        # before the proof is checked: it is used up only when nothing else is wrong
        data = self.cleaned_data
        if (
            not data.get("email")
            and not data.get("phone")
            and not (self.has_error("email") or self.has_error("phone"))
        ):
            self.add_error(
                "email", _("Vui lòng nhập thư điện tử hoặc số điện thoại để cơ quan liên hệ.")
            )
        return super().clean()

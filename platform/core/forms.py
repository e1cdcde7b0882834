"""Admin form overrides that apply to every site."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with the alternative text (``description``) required.

    WCAG 1.1.1: every image a visitor sees needs a text alternative; templates use
    the image's description as ``alt``. The multiple-upload view first creates the
    image from the file alone (its request has no description field); the form
    that follows, where the editor describes the image, requires it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.label = _("Văn bản thay thế (mô tả ảnh)")
            field.help_text = _(
                "Bắt buộc: mô tả ngắn nội dung ảnh cho người không xem được ảnh, "
                "ví dụ “Đồng chí Chủ tịch UBND tỉnh phát biểu tại hội nghị”."
            )

    def clean_description(self):
        value = (self.cleaned_data.get("description") or "").strip()
        if not value and self.is_bound and "description" in self.data:
            raise forms.ValidationError(_("Hãy nhập văn bản thay thế cho ảnh (mô tả ảnh)."))
        return value

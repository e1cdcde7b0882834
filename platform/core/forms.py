"""Admin form overrides that apply to every site."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

#: markup a browser would run if it were made to read an image as HTML or SVG
_ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:script|html|body|svg|iframe|object|embed|\?php)\b|javascript:", re.I
)
_CHUNK = 1024 * 1024


class CheckedImageField(WagtailImageField):
    """Wagtail's image field (Willow opens the file and its detected format must match
    the extension; SVG is not in ``WAGTAILIMAGES_EXTENSIONS``), plus:

    - the size is refused from the upload's ``size`` before the file is read;
    - Pillow must decode the image (``verify``), not only read its header;
    - no HTML, SVG or script markup anywhere in the file (a GIF/JPEG polyglot).
    """

    def to_python(self, data):
        if data is not None and getattr(data, "size", None) is not None:
            max_size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
            if max_size is not None and data.size > max_size:
                from documents.validators import validate_file_size

                validate_file_size(data, max_size)
        try:
            f = super().to_python(data)
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            # Willow reads the pixels of a truncated image and lets Pillow's error out
            raise forms.ValidationError(
                _("Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng."), code="invalid_image"
            ) from error
        if f is None or not hasattr(data, "read"):
            return f
        from PIL import Image as PILImage

        try:
            data.seek(0)
            with PILImage.open(data) as image:
                image.verify()
        except Exception as error:
            raise forms.ValidationError(
                _("Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng."), code="invalid_image"
            ) from error
        data.seek(0)
        tail = b""
        while chunk := data.read(_CHUNK):
            if _ACTIVE_MARKUP.search(tail + chunk):
                data.seek(0)
                raise forms.ValidationError(
                    _("Tệp ảnh có chứa mã HTML hoặc mã lệnh nên không được nhận."),
                    code="image_with_markup",
                )
            tail = chunk[-64:]
        data.seek(0)
        return f


class ImageForm(BaseImageForm):
    """Wagtail's image form with the alternative text (``description``) required.

    WCAG 1.1.1: every image a visitor sees needs a text alternative; templates use
    the image's description as ``alt``. The multiple-upload view first creates the
    image from the file alone (its request has no description field); the form
    that follows, where the editor describes the image, requires it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            # the same field with the platform's checks (its options are kept)
            file_field.__class__ = CheckedImageField
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

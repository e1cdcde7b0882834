"""Normalising and checking what editors type into a legal document's fields."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import nfc

#: File types a legal document may be attached as. Narrower than
#: ``WAGTAILDOCS_EXTENSIONS``, which also lets zip archives into the library.
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods")

# "Ð" (U+00D0, Icelandic eth) looks exactly like "Đ" (U+0110) and comes in from
# some keyboards and PDFs; left alone, "QÐ-UBND" would never match "QĐ-UBND".
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110"})
_SPACES = re.compile(r"\s+")
# "Số: 12/2025/QĐ-UBND", pasted as printed on the document.
_NUMBER_PREFIX = re.compile(r"^s[ốo]\s*:?\s*", re.IGNORECASE)
_SPACE_AROUND_SEPARATORS = re.compile(r"\s*([/\-.])\s*")
# Letters (any script, so Đ and accented letters), digits, then / - . and
# spaces between them; it starts and ends with a letter or digit.
_NUMBER = re.compile(r"^[^\W_](?:[^\W_]|[/\-. ])*(?<=[^\W_])$")


def normalise_text(value: str) -> str:
    """NFC, look-alike letters fixed, runs of whitespace collapsed, ends stripped."""
    value = nfc(value or "").translate(_LOOKALIKES)
    return _SPACES.sub(" ", value).strip()


def normalise_number(value: str) -> str:
    """The canonical spelling of a number and symbol (số ký hiệu).

    ``" Số: 12 / 2025 / QÐ - UBND "`` becomes ``"12/2025/QĐ-UBND"``: text
    normalised as in :func:`normalise_text`, a leading "Số:" dropped, no spaces
    around ``/``, ``-`` or ``.``. Letters keep their case.
    """
    value = _NUMBER_PREFIX.sub("", normalise_text(value))
    return _SPACE_AROUND_SEPARATORS.sub(r"\1", value)


def validate_number(value: str) -> None:
    """Reject a number and symbol that cannot be one (expects a normalised value)."""
    if not _NUMBER.match(value) or not any(char.isdigit() for char in value):
        raise ValidationError(
            _(
                "Số ký hiệu chỉ gồm chữ, số và các dấu / - . (ví dụ: 12/2025/QĐ-UBND), "
                "bắt đầu và kết thúc bằng chữ hoặc số, có ít nhất một chữ số."
            ),
            code="invalid_number",
        )


def validate_attachment(document) -> None:
    """Reject a Wagtail document whose file type is not one a legal document is published in."""
    extension = (document.file_extension or "").lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _(
                "Tệp “%(title)s” có định dạng “%(extension)s” không được phép; "
                "chỉ nhận %(allowed)s."
            ),
            code="invalid_extension",
            params={
                "title": document.title,
                "extension": extension or "?",
                "allowed": ", ".join(ext.upper() for ext in ATTACHMENT_EXTENSIONS),
            },
        )

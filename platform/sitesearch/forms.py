"""The visitor's search form: what a query may be and how it is cleaned."""

import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import nfc

MAX_QUERY_LENGTH = 200

_WHITESPACE = re.compile(r"\s+")


class Kind(models.TextChoices):
    """The ``loai`` filter: which kind of page to search (the values appear in URLs)."""

    ALL = "", _("Tất cả")
    NEWS = "tin-tuc", _("Tin tức")
    DOCUMENTS = "van-ban", _("Văn bản")
    OTHER = "khac", _("Trang khác")


def normalise_query(value: str) -> str:
    """Return ``value`` in NFC with its whitespace collapsed and trimmed.

    Some keyboards and input methods send decomposed text (NFD: "e" followed by
    U+0302 and U+0301). The index holds NFC, and PostgreSQL's text search parser
    ends a word at a combining mark, so a decomposed query would find nothing.
    """
    return _WHITESPACE.sub(" ", nfc(value)).strip()


class SearchForm(forms.Form):
    """``q``: the query, normalised (may be empty); ``loai``: a :class:`Kind` value.

    The length limit is checked after normalisation, so a decomposed query is
    measured in the characters the visitor sees. An unknown ``loai`` means all
    kinds rather than an error: it only ever comes from an edited URL.
    """

    q = forms.CharField(
        label=_("Từ khóa"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    loai = forms.CharField(label=_("Loại trang"), required=False)

    def clean_q(self):
        query = normalise_query(self.cleaned_data["q"])
        if len(query) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("Từ khóa quá dài: vui lòng nhập tối đa %(limit)d ký tự."),
                code="max_length",
                params={"limit": MAX_QUERY_LENGTH},
            )
        return query

    def clean_loai(self):
        kind = self.cleaned_data["loai"]
        return kind if kind in Kind.values else Kind.ALL

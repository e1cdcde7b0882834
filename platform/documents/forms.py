"""The visitor's filter form of the document database."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.choices import DocumentStatus, DocumentType


class SearchInput(forms.TextInput):
    input_type = "search"


ALL = [("", _("Tất cả"))]
INVALID_CHOICE = _("“%(value)s” không có trong danh sách.")


class DocumentFilterForm(forms.Form):
    """Filters of ``DocumentIndexPage``, bound to the query string.

    The issuer, field and year choices are the values present in the index
    (``documents.queries.filter_options``). A value that is not one of them is
    an error of that field only: ``filters()`` returns the fields that are
    valid, so the page ignores a bad one and says so instead of failing.
    """

    q = forms.CharField(
        label=_("Từ khóa"),
        required=False,
        max_length=200,
        widget=SearchInput,
        help_text=_("Số ký hiệu hoặc từ trong trích yếu, gõ có dấu hay không dấu đều được."),
    )
    doc_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        required=False,
        choices=ALL + DocumentType.choices,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    issuer = forms.ChoiceField(
        label=_("Cơ quan ban hành"),
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"),
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    year = forms.TypedChoiceField(
        label=_("Năm ban hành"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    status = forms.ChoiceField(
        label=_("Tình trạng hiệu lực"),
        required=False,
        choices=ALL + DocumentStatus.choices,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, data, *, issuers=(), fields=(), years=(), **kwargs):
        # "filter-" ids: the page may hold other forms (site search) with a "q" box.
        kwargs.setdefault("auto_id", "filter-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        choice = cast(dict[str, forms.ChoiceField], self.fields)
        choice["issuer"].choices = ALL + [(value, value) for value in issuers]
        choice["field"].choices = ALL + [(value, value) for value in fields]
        choice["year"].choices = ALL + [(str(value), str(value)) for value in years]

    def filters(self) -> dict:
        """The valid, non-empty filter values, e.g. ``{"doc_type": "chi_thi", "year": 2025}``."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }

    def ignored(self) -> list[dict]:
        """The filters that were ignored: ``[{"label": ..., "errors": [...]}, ...]``."""
        self.is_valid()
        return [
            {"label": self.fields[name].label, "errors": errors}
            for name, errors in self.errors.items()
        ]

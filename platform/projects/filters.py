"""The filter of the project list: a GET form whose bad values are ignored."""

from typing import cast
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

ALL = [("", _("Tất cả"))]


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    funding_source = forms.ChoiceField(label=_("Nguồn vốn"), required=False)

    def __init__(self, *args, fields=(), **kwargs):
        from projects.models import FundingSource, ProjectStatus

        kwargs.setdefault("auto_id", "loc-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choice = cast(dict[str, forms.ChoiceField], self.fields)
        choice["status"].choices = ALL + ProjectStatus.choices
        choice["field"].choices = ALL + [(name, name) for name in fields]
        choice["funding_source"].choices = ALL + FundingSource.choices

    @classmethod
    def from_query(cls, query, *, fields=()):
        """A bound, valid form holding only the values of ``query`` that are offered."""
        probe = cls(query, fields=fields)
        probe.is_valid()
        accepted = {name: value for name, value in probe.cleaned_data.items() if value}
        form = cls(accepted, fields=fields)
        form.is_valid()
        return form

    def lookups(self) -> dict:
        """Filter arguments for the project queryset."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def query_string(self) -> str:
        """The active filters as a query string, for the pagination links."""
        return urlencode(self.lookups())

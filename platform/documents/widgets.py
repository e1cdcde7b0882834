"""Admin widgets of the documents app."""

from django import forms
from django.utils.html import format_html, format_html_join


class SuggestionsTextInput(forms.TextInput):
    """A free-text box that offers the values already in use (an HTML ``<datalist>``).

    ``suggestions`` is a callable returning strings; it runs when the widget is
    rendered, so it reads the active site's schema at request time. Editors may
    still type a new value: the list only nudges them towards one spelling.
    """

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = suggestions

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-suggestions"
        attrs["list"] = list_id
        attrs.setdefault("autocomplete", "off")
        text_input = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((value,) for value in self.suggestions())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', text_input, list_id, options)

"""A form mixin converting legacy-encoded text before the model's own checks run."""

from legacytext import services


class LegacyTextFormMixin:
    """For admin forms (pages, snippets) whose model validates text that legacy encodings
    would fail: the text is converted in ``clean()``, before the model's ``clean()``, and
    the editor is told as after any save (``legacytext.wagtail_hooks``)."""

    def clean(self):
        cleaned_data = super().clean()  # type: ignore[misc]
        services.convert_form(self)
        return cleaned_data

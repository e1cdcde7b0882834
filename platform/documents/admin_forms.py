"""The admin form of a legal document page: the rules that depend on today's date."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from documents.choices import DocumentStatus
from legacytext.forms import LegacyTextFormMixin


class LegalDocumentPageForm(LegacyTextFormMixin, WagtailAdminPageForm):
    """Adds to the model's checks (``LegalDocumentPage.clean``) the status rules.

    An expired document names the day it expired; a document whose expiry day
    has passed cannot be marked in force. They live here, not on the model,
    because they change with the calendar and must not stop a scheduled
    revision from being published. Text pasted in a legacy encoding is converted
    before these checks (``LegacyTextFormMixin``: "Q§-UBND" is "QĐ-UBND").
    """

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        expired_on = cleaned_data.get("expired_on")
        if status == DocumentStatus.EXPIRED and not expired_on and "expired_on" not in self.errors:
            self.add_error("expired_on", _("Văn bản đã hết hiệu lực cần có ngày hết hiệu lực."))
        if status == DocumentStatus.IN_FORCE and expired_on and expired_on <= timezone.localdate():
            self.add_error(
                "status",
                _("Văn bản đã hết hiệu lực từ ngày %(date)s: hãy chọn “Hết hiệu lực”.")
                % {"date": date_format(expired_on, "d/m/Y")},
            )
        return cleaned_data

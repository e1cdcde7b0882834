from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import content_blocks
from core.text import StrippedTextMixin


class ContentPage(StrippedTextMixin, Page):
    """A plain page (lead and body) that fits anywhere in the tree: an introduction,
    a consultation or Q&A placeholder, a page of a unit."""

    lead = models.TextField(_("sapo"), blank=True, help_text=_("Đoạn tóm tắt ở đầu trang."))
    body = StreamField(content_blocks(), verbose_name=_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")

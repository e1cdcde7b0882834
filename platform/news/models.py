from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=120)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class NewsIndexPage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("trang danh sách tin")
        verbose_name_plural = _("trang danh sách tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            NewsArticlePage.objects.child_of(self).live().public()
            .select_related("category").order_by("-first_published_at")[:30]
        )
        return context


class NewsArticlePage(Page):
    """A news story. Material taken from elsewhere names its source at the end."""

    category = models.ForeignKey(
        NewsCategory, verbose_name=_("chuyên mục"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    lead = models.TextField(_("sapo"), help_text=_("Đoạn tóm tắt in đậm ở đầu bài."))
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label=_("Đoạn văn"))),
            ("image", ImageBlock(label=_("Ảnh"))),
            ("quote", blocks.BlockQuoteBlock(label=_("Trích dẫn"))),
        ],
        verbose_name=_("nội dung"),
    )
    author = models.CharField(_("tác giả / bút danh"), max_length=120, blank=True)
    event_date = models.DateField(_("ngày diễn ra sự kiện"), null=True, blank=True)
    source_author = models.CharField(_("tác giả bài gốc"), max_length=120, blank=True)
    source_name = models.CharField(_("nguồn"), max_length=255, blank=True)
    source_published_at = models.DateTimeField(_("thời gian đăng bài gốc"), null=True, blank=True)
    source_url = models.URLField(_("liên kết bài gốc"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("event_date"),
        MultiFieldPanel(
            [
                FieldPanel("source_author"),
                FieldPanel("source_name"),
                FieldPanel("source_published_at"),
                FieldPanel("source_url"),
            ],
            heading=_("Nguồn tin (ghi ở cuối bài)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    @property
    def has_source(self):
        return bool(self.source_name or self.source_url)

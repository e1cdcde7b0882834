"""The news article page, its tags and its chosen related stories."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import content_blocks
from core.pages import public
from core.text import normalise_instance
from deadlines.kinds import Kind as DeadlineKind
from deadlines.kinds import field_errors as deadline_field_errors
from deadlines.panels import deadline_panels

from .category import NewsCategory

LEAD_MAX_LENGTH = 600
RELATED_LIMIT = 4
# The one rendition listings, related stories and feeds show of an article's image.
LISTING_RENDITION = "fill-480x270"


def for_listing(queryset):
    """``queryset`` of articles with what a card renders: category, image and its rendition."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=LISTING_RENDITION)
    )
    return queryset.select_related("category", "feed_image").prefetch_related(
        Prefetch("feed_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("từ khóa của bài viết")
        verbose_name_plural = _("từ khóa của bài viết")


class NewsArticleRelatedStory(Orderable):
    """A story the editor chose to show under an article, in the editor's order."""

    page = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="related_story_links"
    )
    story = models.ForeignKey(
        "news.NewsArticlePage",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin liên quan")
        verbose_name_plural = _("tin liên quan")


class NewsArticlePage(RoutablePageMixin, Page):
    """A news story.

    Material taken from elsewhere names its source (name, author, time, link) at
    the end of the article, as the province's draft portal regulation (2026,
    Điều 6 khoản 1 điểm c) requires; every article has a print view at ``in/``
    ("print and save on every article").
    """

    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead = models.TextField(
        _("sapo"),
        max_length=LEAD_MAX_LENGTH,
        help_text=_("Đoạn tóm tắt in đậm ở đầu bài, tối đa 600 ký tự."),
    )
    body = StreamField(content_blocks(), verbose_name=_("nội dung"))
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh hiện ở danh sách tin, tin liên quan và bản tin RSS."),
    )
    feed_image_alt = models.CharField(
        _("văn bản thay thế của ảnh đại diện"),
        max_length=255,
        blank=True,
        help_text=_(
            "Mô tả ảnh cho người không xem được ảnh; bỏ trống thì dùng mô tả "
            "hoặc tên của ảnh trong thư viện."
        ),
    )
    tags = ClusterTaggableManager(
        through=NewsArticleTag,
        blank=True,
        verbose_name=_("từ khóa"),
        help_text=_("Các từ khóa cách nhau bằng dấu phẩy."),
    )
    author = models.CharField(_("tác giả / bút danh"), max_length=120, blank=True)
    event_date = models.DateField(_("ngày diễn ra sự kiện"), null=True, blank=True)
    source_author = models.CharField(_("tác giả bài gốc"), max_length=120, blank=True)
    source_name = models.CharField(_("nguồn"), max_length=255, blank=True)
    source_published_at = models.DateTimeField(_("thời gian đăng bài gốc"), null=True, blank=True)
    source_url = models.URLField(_("liên kết bài gốc"), max_length=500, blank=True)
    deadline_kind = models.CharField(
        _("loại thông tin (tính hạn đăng)"),
        max_length=32,
        choices=DeadlineKind.choices,
        blank=True,
        help_text=_("Tin hoạt động, sự kiện: 8 giờ làm việc từ khi sự kiện kết thúc."),
    )
    deadline_starts_at = models.DateTimeField(
        _("thời điểm tính hạn"),
        null=True,
        blank=True,
        help_text=_("Kết thúc sự kiện, nhận hoặc ký văn bản (ngày/tháng/năm giờ:phút)."),
    )
    offer_to_parent = models.BooleanField(
        _("gửi lên cổng cấp trên"),
        default=True,
        help_text=_(
            "Khi xuất bản, bài được gửi tới Ban Biên tập của cổng cấp trên để xem "
            "xét đăng lại (ghi rõ nguồn). Bỏ chọn để không gửi bài này."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("feed_image"), FieldPanel("feed_image_alt")],
            heading=_("Ảnh đại diện"),
        ),
        FieldPanel("author"),
        InlinePanel("royalty_authors", label=_("Tác giả hưởng nhuận bút")),  # royalties app
        FieldPanel("event_date"),
        FieldPanel("tags"),
        deadline_panels(),
        MultiFieldPanel(
            [
                FieldPanel("source_name"),
                FieldPanel("source_author"),
                FieldPanel("source_published_at"),
                FieldPanel("source_url"),
            ],
            heading=_("Nguồn tin (ghi ở cuối bài)"),
        ),
        InlinePanel(
            "related_story_links",
            label=_("Tin liên quan"),
            max_num=RELATED_LIMIT,
            help_text=_("Bỏ trống để hiện các tin mới nhất cùng chuyên mục."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("category"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("offer_to_parent")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    preview_modes = [("", _("Bài viết")), ("print", _("Bản in"))]

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    @property
    def has_source(self):
        return bool(self.source_name or self.source_url)

    @property
    def feed_image_alt_text(self):
        """Alternative text of the listing image: the editor's, else the image library's."""
        if not self.feed_image:
            return ""
        return self.feed_image_alt or self.feed_image.default_alt_text

    def clean(self):
        super().clean()
        # NFC already in the form, not only on save (core.text does it on save)
        normalise_instance(self)
        errors = deadline_field_errors(self.deadline_kind, self.deadline_starts_at)
        if errors:
            raise ValidationError(errors)
        cites_material = self.source_url or self.source_author or self.source_published_at
        if cites_material and not self.source_name.strip():
            raise ValidationError(
                {
                    "source_name": _(
                        "Hãy ghi tên nguồn (báo, cổng thông tin, cơ quan…) của bài "
                        "gốc: quy chế yêu cầu ghi rõ nguồn ở cuối bài."
                    ),
                }
            )

    def get_context(self, request, *args, print_view=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        url = self.get_url(request)
        context["print_view"] = print_view
        context["page_url"] = request.build_absolute_uri(url) if url else ""
        if print_view or not url:
            return context
        from .index import NewsIndexPage

        # Wagtail derives URLs from url_path, so the index's URL is the article's
        # minus its slug; this spares a query for the parent page.
        index_url = url.rsplit("/", 2)[0] + "/"
        route = NewsIndexPage.get_resolver().reverse
        context["print_url"] = url + self.reverse_subpage("print")
        context["category_url"] = (
            index_url + route("category", slug=self.category.slug) if self.category else None
        )
        context["tag_links"] = [
            (tag.name, index_url + route("tag", slug=tag.slug)) for tag in self.tags.all()
        ]
        context["related_stories"] = self.get_related_stories(request)
        return context

    def get_template(self, request, *args, print_view=False, **kwargs):
        if print_view:
            return "news/news_article_print.html"
        return super().get_template(request, *args, **kwargs)

    @path("in/", name="print")
    def print_view(self, request):
        """The print-friendly page: the article alone, with its source and address."""
        return self.render(request, print_view=True)

    def serve_preview(self, request, mode_name):
        if mode_name == "print":
            return self.print_view(request)
        return super().serve_preview(request, mode_name)

    def get_related_stories(self, request=None):
        """Up to ``RELATED_LIMIT`` live, public stories in this article's language.

        The stories the editor chose, in their order (in a translation, their
        translations into its language); when none are chosen, the latest stories
        of the same category (or, without a category, of the same news index).
        One query for the stories, one for their images' renditions.
        """
        if getattr(request, "is_preview", False) or not self.pk:
            # A preview's chosen stories live in memory, not yet in the database.
            chosen_ids = [link.story_id for link in self.related_story_links.all() if link.story_id]
            chosen_order: Case | Subquery = Case(
                *[
                    When(
                        translation_key=Subquery(
                            Page.objects.filter(pk=pk).values("translation_key")[:1]
                        ),
                        then=Value(position),
                    )
                    for position, pk in enumerate(chosen_ids)
                ],
                default=None,
                output_field=IntegerField(),
            )
        else:
            chosen_order = Subquery(
                NewsArticleRelatedStory.objects.filter(
                    page_id=self.pk, story__translation_key=OuterRef("translation_key")
                ).values("sort_order")[:1]
            )
        if self.category_id:
            # by translation_key: a translated article may still point at the original's category
            fallback = Q(
                category__translation_key=Subquery(
                    NewsCategory.objects.filter(pk=self.category_id).values("translation_key")[:1]
                )
            )
        elif self.path:
            fallback = Q(path__startswith=self.path[: -self.steplen], depth=self.depth)
        else:
            fallback = Q(pk__in=[])
        stories = list(
            for_listing(public(NewsArticlePage.objects.live()))
            .filter(locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .annotate(chosen_order=chosen_order)
            .filter(Q(chosen_order__isnull=False) | fallback)
            .order_by(F("chosen_order").asc(nulls_last=True), "-first_published_at", "-pk")[
                :RELATED_LIMIT
            ]
        )
        if stories and stories[0].chosen_order is not None:
            stories = [story for story in stories if story.chosen_order is not None]
        return stories

"""StreamField blocks, one per module, collected here.

Block templates live under ``blocks/`` in the themes; the theme loader looks in
the site's theme first and then in the base theme, so a theme restyles a block
by shipping its own ``blocks/<name>.html``.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from syndication.blocks import ComponentNewsBlock

from .attachments import AttachmentsBlock
from .banners import BannersBlock
from .featured_story import FeaturedStoryBlock
from .figure import FigureBlock
from .gallery import GalleryBlock
from .latest_documents import LatestDocumentsBlock
from .latest_news import LatestNewsBlock
from .links import LinksBlock
from .paragraph import ParagraphBlock
from .quote import QuoteBlock
from .schedule import ScheduleBlock
from .video import VideoBlock

__all__ = [
    "AttachmentsBlock",
    "BannersBlock",
    "FeaturedStoryBlock",
    "FigureBlock",
    "GalleryBlock",
    "LatestDocumentsBlock",
    "LatestNewsBlock",
    "LinksBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "ScheduleBlock",
    "VideoBlock",
    "content_blocks",
    "home_blocks",
]


def content_blocks():
    """The blocks of an article or content page body, in the order editors see them.

    Each says how a story offered up to the parent portal carries it (``portable``);
    the names are the block types of the exchange too."""
    return [
        ("paragraph", ParagraphBlock(label=_("Đoạn văn"))),
        ("image", FigureBlock()),
        ("gallery", GalleryBlock()),
        ("video", VideoBlock()),
        ("quote", QuoteBlock()),
        ("attachments", AttachmentsBlock()),
    ]


def home_blocks():
    """The blocks a board arranges its home page from."""
    return [
        ("featured_story", FeaturedStoryBlock()),
        ("latest_news", LatestNewsBlock()),
        ("component_news", ComponentNewsBlock()),
        ("latest_documents", LatestDocumentsBlock()),
        ("schedule", ScheduleBlock()),
        ("links", LinksBlock()),
        ("banners", BannersBlock()),
        ("text", blocks.RichTextBlock(label=_("Đoạn văn"))),
    ]

"""How a block travels in a story offered up to the parent portal (docs/syndication.md).

A story's body crosses from the source's schema to the parent's as JSON in the
exchange. Each block of an article's body says, next to its definition, what it
becomes on the way (``to_portable``: links and files absolute on the source's
domain, images listed for the parent to copy, rich text sanitised, attachments
turned into links) and how the accepting site rebuilds it as its own block value
(``from_portable``: images remapped to the copies in its library, text sanitised
again, nothing it cannot trust). The exchange hands each block the tools for this
(an :class:`Export` at the source, an :class:`Import` at the parent), so the
blocks need nothing of the ``syndication`` app.

Values on both sides are the blocks' stored JSON (``get_prep_value``), never
Python values: the source's images and documents do not exist in the parent's
schema. A block without a portable form is left out of the story with a warning;
``tests/core/test_blocks.py`` fails when a body block has none.
"""

import copy
import logging
from typing import Any, Protocol

logger = logging.getLogger(__name__)


class Export(Protocol):
    """What the source's side of the exchange offers a block making itself portable."""

    def absolute_url(self, url: str) -> str:
        """``url`` absolute on the source's primary domain (an S3 URL is already)."""

    def rich_text(self, html: str) -> str:
        """Rich text as stored (internal links by id) as sanitised HTML with absolute
        links, which any site can show."""

    def sanitise(self, html: str) -> str:
        """``html`` with only what offered HTML may keep (ADR 0004)."""

    def list_image(self, image_id: int | None) -> None:
        """Put the source's image ``image_id`` in the story's manifest, for the parent to
        copy into its library."""


class Import(Protocol):
    """What the accepting site's side of the exchange offers a block rebuilding itself."""

    def image_id(self, source_id: int | None) -> int | None:
        """The id of the accepting site's copy of the source's image ``source_id``
        (None: it could not be copied)."""

    def sanitise(self, html: str) -> str:
        """``html`` with only what offered HTML may keep (ADR 0004)."""


class PortableBlock:
    """A block a syndicated story can carry: mixed into the block's class, before
    Wagtail's base class. Subclasses define both methods."""

    #: the block type the exchange carries this block as, when it is not carried as
    #: itself (its name in ``content_blocks()``)
    portable_as: str | None = None

    def to_portable(self, value: Any, export: Export) -> Any | None:
        """``value`` (this block's stored JSON at the source) as the exchange carries it.
        None leaves the block out of the story."""
        raise NotImplementedError(f"{type(self).__name__} has no portable form")

    def from_portable(self, value: Any, into: Import) -> Any | None:
        """The exchange's ``value`` as this block's stored JSON on the accepting site.
        None leaves the block out of the copy."""
        raise NotImplementedError(f"{type(self).__name__} cannot be rebuilt from the exchange")


def has_portable_form(block) -> bool:
    """Whether ``block`` says how it travels both ways."""
    cls = type(block)
    return (
        isinstance(block, PortableBlock)
        and cls.to_portable is not PortableBlock.to_portable
        and cls.from_portable is not PortableBlock.from_portable
    )


def stream_to_portable(stream_block, data: list[dict], export: Export) -> list[dict]:
    """The StreamField ``data`` (stored JSON of ``stream_block``) as the exchange
    carries it: ``[{"type", "value", "id"}]``, each block in its portable form."""
    items = []
    for item in data:
        block = stream_block.child_blocks.get(item["type"])
        if block is None or not has_portable_form(block):
            # a new block without a portable form: the test of the blocks catches it
            # before a release; in production the story goes without it, visibly
            logger.warning("Block %r has no portable form: left out of the story", item["type"])
            continue
        value = block.to_portable(copy.deepcopy(item["value"]), export)
        if value is not None:
            items.append(
                {"type": block.portable_as or item["type"], "value": value, "id": item.get("id")}
            )
    return items


def stream_from_portable(stream_block, items: list[dict], into: Import) -> list[dict]:
    """The exchange's ``items`` as StreamField data of ``stream_block`` on the
    accepting site. A type it does not know is left out, not trusted."""
    data = []
    for item in items:
        block = stream_block.child_blocks.get(item.get("type"))
        if block is None or not has_portable_form(block):
            continue
        value = block.from_portable(copy.deepcopy(item.get("value")), into)
        if value is not None:
            data.append({"type": item["type"], "value": value})
    return data

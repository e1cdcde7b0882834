"""Raw StreamField values for whatever blocks the page models declare today.

The page types and their blocks change while the platform grows, so the
benchmark's content does not hard-code block formats: ``raw_value`` builds the
stored JSON form of any block from its definition, taking values from an
override where the caller gives one (a dict for a StructBlock, a scalar for a
field block), and ``checked`` validates it the way saving a page would.
A block that cannot be filled (a required chooser with nothing to choose, an
embed that would fetch from the network) raises ``Unfillable`` and is left out.
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail import blocks


class Unfillable(Exception):
    """This block cannot be given a valid value here."""


class Fill:
    """What generic values are drawn from: images, documents, a counter for variety."""

    def __init__(self, images=(), documents=()):
        self.images = list(images)
        self.documents = list(documents)
        self.turn = 0

    def next_image(self):
        if not self.images:
            raise Unfillable("no image to choose")
        self.turn += 1
        return self.images[self.turn % len(self.images)]


TEXT_BY_NAME = {
    "heading": "Tin mới",
    "title": "Thông tin cần biết",
    "caption": "Ảnh minh họa (ảnh tư liệu)",
    "attribution": "Ban Biên tập",
    "alt_text": "Toàn cảnh buổi làm việc tại trụ sở Ủy ban nhân dân xã",
    "label": "Xem thêm",
    "text": "Thông tin do Ban Biên tập tổng hợp.",
}
GENERIC_TEXT = "Thông tin do Ban Biên tập trang thông tin điện tử tổng hợp và đăng tải."


def _text(block, name):
    default = block.get_default() if hasattr(block, "get_default") else None
    text = str(default) if default not in (None, "") else TEXT_BY_NAME.get(name, GENERIC_TEXT)
    max_length = getattr(getattr(block, "field", None), "max_length", None)
    return text[:max_length] if max_length else text


def _image_block_class():
    try:
        from wagtail.images.blocks import ImageBlock
    except ImportError:  # Wagtail < 6.3
        return None
    return ImageBlock


def _is_embed(block):
    try:
        from wagtail.embeds.blocks import EmbedBlock
    except ImportError:
        return False
    return isinstance(block, EmbedBlock)


def raw_value(block, override=None, *, fill: Fill, name: str = ""):
    """The stored (JSON) value of ``block``; ``override`` wins where it is given."""
    from wagtail.documents.blocks import DocumentChooserBlock
    from wagtail.images.blocks import ImageChooserBlock
    from wagtail.snippets.blocks import SnippetChooserBlock

    image_block = _image_block_class()
    if _is_embed(block):
        raise Unfillable("embeds fetch from the network")
    if image_block is not None and isinstance(block, image_block):
        image = fill.next_image()
        value = {"image": image.pk, "alt_text": TEXT_BY_NAME["alt_text"], "decorative": False}
        if isinstance(override, dict):
            value.update(override)
        return value
    if isinstance(block, blocks.StructBlock):
        given = override if isinstance(override, dict) else {}
        value = {}
        for child_name, child in block.child_blocks.items():
            if child_name in given:
                value[child_name] = given[child_name]
                continue
            try:
                value[child_name] = raw_value(child, fill=fill, name=child_name)
            except Unfillable:
                if getattr(child, "required", False):
                    raise
                value[child_name] = None
        return value
    if isinstance(override, dict):
        # A scalar block given a StructBlock-shaped override (e.g. a quote that is
        # a plain TextBlock today): use the first value.
        override = next(iter(override.values()), None)
    if override is not None:
        return override
    if isinstance(block, blocks.ListBlock):
        count = max(getattr(block.meta, "min_num", None) or 0, 2)
        return [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": raw_value(block.child_block, fill=fill, name=name),
            }
            for _ in range(count)
        ]
    if isinstance(block, blocks.StreamBlock):
        return []
    if isinstance(block, ImageChooserBlock):
        return fill.next_image().pk
    if isinstance(block, DocumentChooserBlock):
        if not fill.documents:
            raise Unfillable("no document to choose")
        return fill.documents[0].pk
    if isinstance(block, blocks.PageChooserBlock):
        for model in block.target_models:
            page = model.objects.live().order_by("-first_published_at", "-pk").first()
            if page is not None:
                return page.pk
        raise Unfillable(f"no live page of {block.target_models}")
    if isinstance(block, SnippetChooserBlock):
        instance = block.target_model.objects.order_by("pk").first()
        if instance is None:
            raise Unfillable(f"no {block.target_model.__name__}")
        return instance.pk
    if isinstance(block, blocks.RichTextBlock):
        return f"<p>{_text(block, name)}</p>"
    if isinstance(block, blocks.URLBlock):
        return "https://tuyenquang.gov.vn/"
    if isinstance(block, blocks.EmailBlock):
        return "banbientap@example.vn"
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return _text(block, name)
    if isinstance(block, (blocks.IntegerBlock, blocks.DecimalBlock, blocks.FloatBlock)):
        default = block.get_default()
        return default if default is not None else (block.field.min_value or 5)
    if isinstance(block, blocks.BooleanBlock):
        return bool(block.get_default())
    if isinstance(block, blocks.ChoiceBlock):
        default = block.get_default()
        if default:
            return default
        choices = [value for value, _label in block.field.choices if value not in ("", None)]
        if not choices:
            raise Unfillable("no choice")
        return choices[0]
    if isinstance(block, blocks.DateTimeBlock):
        return timezone.now().isoformat()
    if isinstance(block, blocks.DateBlock):
        return dt.date.today().isoformat()
    default = block.get_default()
    return block.get_prep_value(default)


def checked(block, raw):
    """``raw`` if the block accepts it (as saving the page would check), else Unfillable."""
    try:
        block.clean(block.to_python(raw))
    except ValidationError as exc:
        detail = exc.as_json_data() if hasattr(exc, "as_json_data") else exc.messages
        raise Unfillable(f"invalid: {detail}") from exc
    except (TypeError, ValueError, LookupError) as exc:
        raise Unfillable(str(exc)) from exc
    return raw


def stream_item(stream_block, name, override=None, *, fill: Fill):
    """One ``{"type", "value", "id"}`` item of a StreamField, validated."""
    child = stream_block.child_blocks[name]
    raw = checked(child, raw_value(child, override, fill=fill, name=name))
    return {"type": name, "value": raw, "id": str(uuid.uuid4())}


def find_child(stream_block, names, kinds=()):
    """The first of ``names`` the stream offers, else its first child of one of ``kinds``."""
    for name in names:
        if name in stream_block.child_blocks:
            return name
    for name, child in stream_block.child_blocks.items():
        if kinds and isinstance(child, tuple(kinds)):
            return name
    return None

"""Every block of a body that is offered up to the parent portal says how it travels
(``core.blocks.portable``): what the exchange carries and how the accepting site
rebuilds it. A new block without a portable form fails here, not silently in a
syndicated story."""

import pytest

from django.core.files.base import ContentFile

from wagtail import blocks

from core.blocks import AttachmentsBlock, content_blocks
from core.blocks.portable import (
    PortableBlock,
    has_portable_form,
    stream_from_portable,
    stream_to_portable,
)
from news.models import NewsArticlePage
from syndication import snapshot
from tests.conftest import in_site

#: the StreamFields whose blocks a syndicated story carries
SYNDICATED = {"NewsArticlePage.body": NewsArticlePage._meta.get_field("body").stream_block}


def _named(stream_block):
    return [(name, block) for name, block in stream_block.child_blocks.items()]


@pytest.mark.parametrize(("name", "block"), content_blocks(), ids=[n for n, _ in content_blocks()])
def test_every_content_block_has_a_portable_form(name, block):
    assert has_portable_form(block), (
        f"{type(block).__name__} ({name!r} in content_blocks) says nothing of how a syndicated "
        "story carries it: mix in core.blocks.portable.PortableBlock and define to_portable "
        "and from_portable"
    )


@pytest.mark.parametrize("field", SYNDICATED)
def test_every_block_of_a_syndicated_stream_has_a_portable_form(field):
    missing = [name for name, block in _named(SYNDICATED[field]) if not has_portable_form(block)]
    assert not missing, f"{field}: no portable form for {missing}"


def test_a_block_without_a_portable_form_is_caught():
    class HalfPortable(PortableBlock, blocks.CharBlock):
        def to_portable(self, value, export):
            return value

    assert not has_portable_form(blocks.CharBlock())
    assert not has_portable_form(HalfPortable())


def test_the_paragraph_block_is_stored_as_wagtails_rich_text():
    (name, paragraph), *_ = content_blocks()
    # the portable form adds no option: the StreamFields' migrations stay as they were
    assert name == "paragraph"
    assert paragraph.deconstruct() == blocks.RichTextBlock(label="Đoạn văn").deconstruct()


class FakeExport:
    base = "https://xa.example.vn"

    def __init__(self):
        self.image_ids = []

    def absolute_url(self, url):
        return snapshot.absolute_url(url, self.base)

    def rich_text(self, html):
        return snapshot.sanitise(html, self.base)

    def sanitise(self, html):
        return snapshot.sanitise(html, self.base)

    def list_image(self, image_id):
        self.image_ids.append(image_id)


class FakeImport:
    """The accepting site copied images 1 (as 101) and 3 (as 103), not 2."""

    copies = {1: 101, 3: 103}

    def image_id(self, source_id):
        return self.copies.get(source_id)

    def sanitise(self, html):
        return snapshot.sanitise(html)


def figure(image_id, caption=""):
    return {
        "image": {"image": image_id, "alt_text": "Ảnh", "decorative": False},
        "caption": caption,
    }


def test_a_body_travels_block_by_block():
    stream_block = SYNDICATED["NewsArticlePage.body"]
    body = [
        {"type": "paragraph", "value": '<p>Xem <a href="/tin-tuc/">tin</a></p>', "id": "p"},
        {"type": "image", "value": figure(1, "Lễ ra quân"), "id": "i"},
        {
            "type": "gallery",
            "value": {
                "title": "Bộ ảnh",
                "images": [
                    {"type": "item", "value": figure(2), "id": "g2"},
                    {"type": "item", "value": figure(3), "id": "g3"},
                ],
            },
            "id": "g",
        },
        {"type": "quote", "value": {"quote": "Lời hay", "attribution": "Ai"}, "id": "q"},
        {
            "type": "video",
            "value": {"video": "https://youtu.be/x", "title": "Phim", "caption": ""},
            "id": "v",
        },
        {"type": "removed_block", "value": "<p>cũ</p>", "id": "r"},
    ]
    export = FakeExport()
    items = stream_to_portable(stream_block, body, export)

    assert [item["type"] for item in items] == ["paragraph", "image", "gallery", "quote", "video"]
    assert items[0]["value"] == (
        '<p>Xem <a href="https://xa.example.vn/tin-tuc/" rel="noopener noreferrer">tin</a></p>'
    )
    assert export.image_ids == [1, 2, 3]  # the manifest, in the order they show

    copy = stream_from_portable(stream_block, items, FakeImport())
    by_type = {block["type"]: block["value"] for block in copy}
    assert by_type["image"]["image"]["image"] == 101
    # the gallery keeps the images that could be copied
    assert [item["value"]["image"]["image"] for item in by_type["gallery"]["images"]] == [103]
    assert by_type["video"]["video"] == "https://youtu.be/x"


def test_the_accepting_site_trusts_nothing_it_cannot_rebuild():
    stream_block = SYNDICATED["NewsArticlePage.body"]
    offered = [
        {"type": "paragraph", "value": '<p onclick="x()">Chữ</p><script>x()</script>'},
        {"type": "quote", "value": {"quote": "<script>x()</script>Lời hay", "attribution": "Ai"}},
        {"type": "video", "value": {"video": "javascript:alert(1)", "title": "Phim"}},
        {"type": "image", "value": figure(2)},  # its image could not be copied
        {"type": "gallery", "value": {"title": "", "images": [{"value": figure(2)}]}},
        {"type": "attachments", "value": {"title": "", "documents": [{"value": 1}]}},
        {"type": "unknown", "value": "<script>x()</script>"},
    ]
    copy = stream_from_portable(stream_block, offered, FakeImport())
    assert copy == [
        {"type": "paragraph", "value": "<p>Chữ</p>"},
        {"type": "quote", "value": {"quote": "Lời hay", "attribution": "Ai"}},
    ]


def test_a_quote_lands_as_plain_text_escaped_once():
    quote = SYNDICATED["NewsArticlePage.body"].child_blocks["quote"]
    landed = quote.from_portable(
        {"quote": "Đất & người <b>Tuyên Quang</b>", "attribution": "A < B"}, FakeImport()
    )
    assert landed == {"quote": "Đất & người Tuyên Quang", "attribution": "A < B"}
    html = quote.render(quote.to_python(landed))
    assert "Đất &amp; người Tuyên Quang" in html and "&amp;amp;" not in html


@pytest.mark.django_db
def test_attachments_travel_as_a_paragraph_of_links_to_the_source(sites):
    from wagtail.documents import get_document_model

    with in_site(sites.beta):
        document = get_document_model().objects.create(
            title="Kế hoạch <số 12>", file=ContentFile(b"%PDF-1.4", name="ke-hoach.pdf")
        )
        block = AttachmentsBlock()
        value = {"title": "Tài liệu", "documents": [{"type": "item", "value": document.pk}]}
        (item,) = stream_to_portable(
            blocks.StreamBlock([("attachments", block)]),
            [{"type": "attachments", "value": value, "id": "a"}],
            snapshot.Exporter("http://beta.test:8000"),
        )
    assert item["type"] == "paragraph" and item["id"] == "a"
    assert item["value"].startswith('<p><b>Tài liệu</b></p><ul><li><a href="http://beta.test:8000/')
    assert "Kế hoạch &lt;số 12&gt;" in item["value"]

"""A story as the exchange carries it: everything the parent needs to preview and
republish it without ever reading the source's schema.

Built inside the source's schema, in the publish's transaction: links and image
URLs are made absolute on the source's primary domain (media URLs carry the
site's key, so they work from any schema: core.storage), the HTML is sanitised,
and the hash says whether a later publish changed anything a reader sees.
"""

import hashlib
import json

import nh3

from wagtail.rich_text import expand_db_html

from core.blocks.portable import stream_to_portable

#: what offered HTML may keep; everything else (scripts, styles, event handlers,
#: iframes, forms, javascript: links) is stripped before the parent sees it
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "div",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}


def sanitise(html: str, base: str | None = None) -> str:
    """``html`` without anything dangerous: only the tags and attributes above, only
    http(s) and mailto links, which open no window on the reader's page. With
    ``base`` (``https://xa.example.vn``), root-relative links and image sources are
    made absolute on it (nh3 hands every relative URL to ``absolute_url``)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        url_relative=(lambda url: absolute_url(url, base)) if base else None,
    )


def absolute_url(url: str, base: str) -> str:
    """``url`` made absolute on ``base`` when it is root-relative (media on local
    storage); an S3 URL is absolute already, and a fragment or a relative path is
    left as it is."""
    return base + url if url.startswith("/") and not url.startswith("//") else url


def portable(html: str, base: str) -> str:
    """Rich text from the database (internal links by id) as HTML any site can show."""
    return sanitise(expand_db_html(html or ""), base)


class Exporter:
    """The tools the body's blocks make themselves portable with, on a source site at
    ``base`` (``core.blocks.portable.Export``); it collects the images they list."""

    def __init__(self, base: str):
        self.base = base
        #: the ids of the images the blocks show, in order (with repeats)
        self.image_ids: list[int] = []

    def absolute_url(self, url: str) -> str:
        return absolute_url(url, self.base)

    def rich_text(self, html: str) -> str:
        return portable(html, self.base)

    def sanitise(self, html: str) -> str:
        return sanitise(html, self.base)

    def list_image(self, image_id: int | None) -> None:
        if image_id:
            self.image_ids.append(image_id)


def take(page, base: str) -> dict:
    """The snapshot of the article ``page`` (specific, live) on a site at ``base``."""
    from wagtail.images import get_image_model

    export = Exporter(base)
    stream = stream_to_portable(page.body.stream_block, page.body.get_prep_value(), export)
    image_ids = export.image_ids
    if page.feed_image_id:
        image_ids.insert(0, page.feed_image_id)
    images = []
    seen = set()
    found = {image.pk: image for image in get_image_model().objects.filter(pk__in=image_ids)}
    for image_id in image_ids:
        image = found.get(image_id)
        if image is None or image_id in seen:
            continue
        seen.add(image_id)
        images.append(
            {
                "id": image.pk,
                "file": image.file.name,
                "title": image.title,
                "alt": getattr(image, "description", "") or image.title,
                "width": image.width,
                "height": image.height,
                "url": absolute_url(image.file.url, base),
            }
        )
    body = sanitise(str(page.body), base)
    data = {
        "page_id": page.pk,
        "revision_id": page.live_revision_id or page.latest_revision_id,
        "title": page.title,
        "lead": page.lead,
        "body": body,
        "stream": stream,
        "images": images,
        "feed_image": page.feed_image_id if page.feed_image_id in seen else None,
        "author": page.author,
        "credit": {
            "name": page.source_name,
            "author": page.source_author,
            "url": page.source_url,
            "published_at": page.source_published_at.isoformat()
            if page.source_published_at
            else "",
        }
        if page.source_name
        else {},
        "category": page.category.name if page.category_id else "",
        "url": absolute_url(page.get_url(), base) if page.get_url() else base,
        "published_at": page.first_published_at,
        "changed_at": page.last_published_at,
    }
    data["content_hash"] = content_hash(data)
    return data


def content_hash(data: dict) -> str:
    """What a reader sees of a snapshot, hashed: title, lead, body and image files."""
    payload = json.dumps(
        [data["title"], data["lead"], data["body"], [i["file"] for i in data["images"]]],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()

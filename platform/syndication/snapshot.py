"""A story as the exchange carries it: everything the parent needs to preview and
republish it without ever reading the source's schema.

Built inside the source's schema, in the publish's transaction: links and image
URLs are made absolute on the source's primary domain (media URLs carry the
site's key, so they work from any schema: core.storage), the HTML is sanitised,
and the hash says whether a later publish changed anything a reader sees.
"""

import copy
import hashlib
import json
import re

import nh3

from django.utils.html import escape

from wagtail.rich_text import expand_db_html

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
_RELATIVE_URL = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>/[^/"][^"]*|/)"')


def sanitise(html: str) -> str:
    """``html`` without anything dangerous: only the tags and attributes above, only
    http(s) and mailto links, which open no window on the reader's page."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def absolutise(html: str, base: str) -> str:
    """Root-relative ``href``/``src`` in ``html`` made absolute on ``base``
    (``https://xa.example.vn``)."""
    return _RELATIVE_URL.sub(lambda m: f'{m["attr"]}="{base}{m["url"]}"', html or "")


def absolute_url(url: str, base: str) -> str:
    """``url`` made absolute on ``base`` when it is root-relative (media on local
    storage); an S3 URL is absolute already."""
    return base + url if url.startswith("/") and not url.startswith("//") else url


def portable(html: str, base: str) -> str:
    """Rich text from the database (internal links by id) as HTML any site can show."""
    return sanitise(absolutise(expand_db_html(html or ""), base))


def take(page, base: str) -> dict:
    """The snapshot of the article ``page`` (specific, live) on a site at ``base``."""
    from wagtail.images import get_image_model

    stream, image_ids = _portable_stream(page.body.get_prep_value(), base)
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
    body = sanitise(absolutise(str(page.body), base))
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


def _portable_stream(raw: list, base: str) -> tuple[list, list[int]]:
    """The body's StreamField data made portable: rich text expanded and sanitised,
    attachments turned into links to the source's files; with the ids of the
    images it shows (remapped to the parent's copies on acceptance)."""
    from wagtail.documents import get_document_model

    stream, image_ids = [], []
    for block in copy.deepcopy(raw):
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            block["value"] = portable(value, base)
        elif kind == "image":
            image_ids.append(value["image"]["image"])
        elif kind == "gallery":
            image_ids += [item["value"]["image"]["image"] for item in value["images"]]
        elif kind == "attachments":
            ids = [item["value"] for item in value["documents"]]
            documents = get_document_model().objects.in_bulk(ids)
            links = "".join(
                f'<li><a href="{escape(absolute_url(d.url, base))}">{escape(d.title)}</a></li>'
                for d in (documents.get(i) for i in ids)
                if d is not None
            )
            title = (
                f"<p><b>{escape(value.get('title') or '')}</b></p>" if value.get("title") else ""
            )
            block = {
                "type": "paragraph",
                "value": sanitise(f"{title}<ul>{links}</ul>"),
                "id": block.get("id"),
            }
        stream.append(block)
    return stream, [i for i in image_ids if i]

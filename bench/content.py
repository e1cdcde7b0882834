"""The benchmark site's content, created the same way on the platform and the plain project.

``populate(home)`` is the one entry point: given a site's HomePage (in the active
schema or database) it creates categories, images, documents and articles and
lays out the home page, and returns the paths to measure. It adapts to the page
models as they are today (fields that do not exist are skipped, StreamField
blocks are filled by ``bench.blockfill``); what it had to leave out is returned
in ``skipped`` so the benchmark report shows it.

To benchmark a new page type or block, add it to ``ARTICLE_LAYOUT`` /
``HOME_LAYOUT`` or to ``populate``.
"""

import datetime as dt
import io
import logging
import random
import unicodedata
import uuid

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from wagtail import blocks

from bench import texts
from bench.blockfill import Fill, Unfillable, find_child, stream_item

logger = logging.getLogger("bench.content")

ARTICLE_COUNT = 50
IMAGE_COUNT = 6

#: sections the benchmark adds under the home page when the model exists and the
#: skeleton has none (blocks of the home page link to them)
EXTRA_SECTIONS = [
    {
        "model": "schedule.workscheduleindexpage",
        "title": "Lịch công tác",
        "slug": "lich-cong-tac",
        "show_in_menus": True,
    },
]

#: the home page's StreamField, top to bottom: (block name, override); a name the
#: model does not offer is skipped; "{category:N}" is the N-th category's id.
HOME_LAYOUT = [
    ("featured_story", {}),
    ("latest_news", {"heading": "{category_name:0}", "category": "{category:0}", "count": 5}),
    ("latest_news", {"heading": "{category_name:1}", "category": "{category:1}", "count": 5}),
    ("latest_news", {"heading": "{category_name:2}", "category": "{category:2}", "count": 5}),
    ("latest_documents", {"heading": "Văn bản mới", "count": 5}),
    ("schedule", {}),
    ("links", "links"),
    ("banners", {}),
    ("text", f"<p>{texts.HOME_INTRO}</p>"),
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def ascii_slug(text: str, max_length: int = 80) -> str:
    """A URL slug without diacritics (đ → d), as editors type them."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in stripped).split()
    return "-".join(words)[:max_length].strip("-")


def has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def set_fields(instance, values: dict) -> None:
    """Set the values whose field exists on the model (the models change under us)."""
    for name, value in values.items():
        if has_field(type(instance), name):
            setattr(instance, name, value)


def fill_image_fields(instance, image) -> None:
    """Give every image foreign key of the page type (a listing thumbnail...) an image."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    for field in type(instance)._meta.get_fields():
        if (
            isinstance(field, models.ForeignKey)
            and field.related_model is image_model
            and getattr(instance, field.attname) is None
        ):
            setattr(instance, field.attname, image.pk)


def article_specs(count: int = ARTICLE_COUNT) -> list[dict]:
    """``count`` distinct articles: topic × place, with numbers from a fixed seed."""
    rng = random.Random(2026)
    specs = []
    start = timezone.make_aware(dt.datetime(2026, 11, 20, 8, 0))
    for index in range(count):
        topic = texts.TOPICS[index % len(texts.TOPICS)]
        place = texts.PLACES[(index // len(texts.TOPICS) + index) % len(texts.PLACES)]
        numbers = {
            "n1": rng.randint(60, 98),
            "d1": rng.randint(1, 9),
            "n2": rng.randint(1200, 48000),
            "n3": rng.randint(12, 480),
            "n4": rng.randint(3, 14),
            "n5": rng.randint(3, 9),
        }
        fields = {"place": place, "Place": place[0].upper() + place[1:], **numbers}
        published = start - dt.timedelta(hours=9 * index)
        title = nfc(topic["title"].format(**fields))
        specs.append(
            {
                "title": title,
                "slug": ascii_slug(title),
                "category": topic["category"],
                "lead": nfc(topic["lead"].format(**fields)),
                "paragraphs": [nfc(p.format(**fields)) for p in topic["body"]],
                "author": texts.AUTHORS[index % len(texts.AUTHORS)],
                "published": published,
                "event_date": published.date(),
                "quote": index % 3 == 0,
                "source": texts.SOURCES[index % len(texts.SOURCES)] if index % 2 == 0 else None,
            }
        )
    return specs


def make_images(count: int = IMAGE_COUNT) -> list:
    """Photograph-sized JPEG images (1600×1067) in the image library."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    image_model = get_image_model()
    images = []
    rng = random.Random(7)
    for index in range(count):
        picture = PILImage.new("RGB", (1600, 1067), (30 + 30 * index, 90, 140))
        draw = ImageDraw.Draw(picture)
        for _ in range(60):
            x, y = rng.randint(0, 1500), rng.randint(0, 1000)
            colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
            draw.ellipse((x, y, x + rng.randint(40, 300), y + rng.randint(40, 200)), fill=colour)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        image = image_model(title=f"Ảnh tư liệu {index + 1}")
        image.file = ImageFile(buffer, name=f"bench-{index + 1}.jpg")
        image.save()
        images.append(image)
    return images


def describe_sections(home) -> list[dict]:
    """The home page's direct children, to build the same skeleton elsewhere."""
    return [
        {
            "model": child.specific_class._meta.label_lower,
            "title": child.title,
            "slug": child.slug,
            "show_in_menus": child.show_in_menus,
        }
        for child in home.get_children().live().order_by("path")
    ]


def ensure_sections(home, sections: list[dict]) -> list[str]:
    """Create the missing sections under ``home``; return those that could not be made."""
    from django.apps import apps

    failed = []
    existing = set(home.get_children().values_list("slug", flat=True))
    for section in sections:
        if section["slug"] in existing:
            continue
        try:
            model = apps.get_model(section["model"])
            page = model(
                title=section["title"],
                slug=section["slug"],
                locale=home.locale,
                show_in_menus=section["show_in_menus"],
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        except (LookupError, ValidationError, ValueError, TypeError) as exc:
            failed.append(f"section {section['model']} {section['slug']}: {exc}")
    return failed


def _model_exists(section: dict) -> bool:
    from django.apps import apps

    try:
        apps.get_model(section["model"])
    except LookupError:
        return False
    return True


def _article_body(stream_block, spec, fill: Fill, skipped: list) -> list[dict]:
    paragraph = find_child(stream_block, ["paragraph", "text"], [blocks.RichTextBlock])
    image = find_child(stream_block, ["image", "figure"])
    quote = find_child(stream_block, ["quote"])
    items = []

    def add(name, override):
        if name is None:
            return
        try:
            items.append(stream_item(stream_block, name, override, fill=fill))
        except Unfillable as exc:
            skipped.append(f"article block {name}: {exc}")

    paragraphs = spec["paragraphs"]
    add(paragraph, f"<p>{paragraphs[0]}</p>")
    add(image, {"caption": f"Quang cảnh tại {spec['title'][:60]}… (ảnh tư liệu)"})
    for index, text in enumerate(paragraphs[1:], start=1):
        add(paragraph, f"<p>{text}</p>")
        if index == 1 and spec["quote"]:
            add(quote, {"quote": texts.QUOTE, "attribution": texts.QUOTE_ATTRIBUTION})
    return items


def create_articles(news_index, categories, images, skipped: list) -> list:
    from news.models import NewsArticlePage

    stream_block = NewsArticlePage._meta.get_field("body").stream_block
    fill = Fill(images=images)
    articles = []
    for index, spec in enumerate(article_specs()):
        article = NewsArticlePage(title=spec["title"], slug=spec["slug"], locale=news_index.locale)
        source = spec["source"] or ("", "")
        sourced = spec["source"] is not None
        set_fields(
            article,
            {
                "category": categories.get(spec["category"]),
                "lead": spec["lead"],
                "author": spec["author"],
                "event_date": spec["event_date"],
                "source_author": texts.AUTHORS[(index + 1) % len(texts.AUTHORS)] if sourced else "",
                "source_name": source[0],
                "source_url": f"{source[1]}tin-{index + 1}.html" if sourced else "",
                "source_published_at": (
                    spec["published"] - dt.timedelta(hours=3) if sourced else None
                ),
                "first_published_at": spec["published"],
            },
        )
        article.body = _article_body(stream_block, spec, fill, skipped if index == 0 else [])
        if images:
            fill_image_fields(article, images[index % len(images)])
        news_index.add_child(instance=article)
        article.save_revision().publish()
        articles.append(article)
    return articles


def create_documents(documents_index, skipped: list) -> list:
    try:
        from documents.models import LegalDocumentPage
    except ImportError as exc:
        skipped.append(f"documents: {exc}")
        return []
    created = []
    for index, (number, doc_type, summary) in enumerate(texts.DOCUMENTS):
        issued = dt.date(2026, 11, 15) - dt.timedelta(days=6 * index)
        document = LegalDocumentPage(
            title=summary, slug=ascii_slug(f"{number} {summary}"), locale=documents_index.locale
        )
        set_fields(
            document,
            {
                "number": number,
                "doc_type": doc_type,
                "issuer": "Ủy ban nhân dân tỉnh Tuyên Quang",
                "signer": "Chủ tịch Nguyễn Văn An",
                "field": "Hành chính nhà nước",
                "issued_on": issued,
                "effective_on": issued + dt.timedelta(days=10),
                "status": "in_force",
                "legal_normative": "QĐ" in number or "NQ" in number,
                "summary": summary,
                "body": f"<p>{summary}.</p>",
            },
        )
        try:
            documents_index.add_child(instance=document)
            document.save_revision().publish()
        except (ValidationError, ValueError, TypeError) as exc:
            skipped.append(f"document {number}: {exc}")
            return created
        created.append(document)
    return created


def _resolve(value, categories: list):
    """Fill "{category:N}" / "{category_name:N}" placeholders of a layout override."""
    if isinstance(value, dict):
        return {key: _resolve(item, categories) for key, item in value.items()}
    if isinstance(value, str) and value.startswith("{category") and value.endswith("}"):
        kind, index = value[1:-1].split(":")
        category = categories[int(index) % len(categories)]
        return category.name if kind == "category_name" else category.pk
    return value


def layout_home(home, categories: list, images: list, documents: list, skipped: list) -> None:
    """The home page: its intro, and its StreamField body when it has one."""
    set_fields(home, {"intro": f"<p>{texts.HOME_INTRO}</p>"})
    body_field = next((f for f in ("body", "content", "blocks") if has_field(type(home), f)), None)
    if body_field is not None:
        stream_block = type(home)._meta.get_field(body_field).stream_block
        fill = Fill(images=images, documents=documents)
        items = []
        for name, override in HOME_LAYOUT:
            if name not in stream_block.child_blocks:
                continue
            if override == "links":
                override = {
                    "links": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid4()),
                            "value": {"title": title, "url": url},
                        }
                        for title, url in texts.LINKS
                    ]
                }
            try:
                items.append(
                    stream_item(stream_block, name, _resolve(override, categories), fill=fill)
                )
            except Unfillable as exc:
                skipped.append(f"home block {name}: {exc}")
        unlisted = set(stream_block.child_blocks) - {name for name, _ in HOME_LAYOUT}
        for name in sorted(unlisted):
            skipped.append(f"home block {name}: not in bench.content.HOME_LAYOUT")
        setattr(home, body_field, items)
    home.save_revision().publish()


def populate(home) -> dict:
    """Create the benchmark content under ``home``; return what to measure.

    Returns ``{"home_path", "article_path", "article_title", "counts", "skipped"}``.
    Expects the news and documents sections under ``home`` (the platform's
    provisioning makes them; ``ensure_sections`` makes them elsewhere).
    """
    from wagtail.models import Page

    from news.models import NewsCategory, NewsIndexPage

    skipped: list[str] = []
    existing = {section["model"] for section in describe_sections(home)}
    skipped += ensure_sections(
        home, [s for s in EXTRA_SECTIONS if s["model"] not in existing and _model_exists(s)]
    )
    try:
        images = make_images()
    except (ValidationError, OSError, ImportError) as exc:
        skipped.append(f"images: {exc}")
        images = []
    categories = {}
    for slug, name in texts.CATEGORIES:
        # The platform's skeleton made some of them already.
        category = NewsCategory.objects.filter(slug=slug).first() or NewsCategory(slug=slug)
        category.name = name
        set_fields(category, {"locale": home.locale})
        category.save()
        categories[slug] = category
    news_index = NewsIndexPage.objects.child_of(home).first()
    articles = create_articles(news_index, categories, images, skipped)

    documents = []
    documents_index = None
    try:
        from documents.models import DocumentIndexPage

        documents_index = DocumentIndexPage.objects.child_of(home).first()
    except ImportError:
        pass
    if documents_index is not None:
        documents = create_documents(documents_index, skipped)

    layout_home(home, list(categories.values()), images, documents, skipped)
    # The article measured: the newest with a quote and a source (the richest page).
    measured = next(
        (a for a in articles if getattr(a, "source_name", "") and len(a.body) > 4), articles[0]
    )
    measured = Page.objects.get(pk=measured.pk)
    home = Page.objects.get(pk=home.pk)
    return {
        "home_path": home.get_url_parts()[2],
        "home_title": home.title,
        "article_path": measured.get_url_parts()[2],
        "article_title": measured.title,
        "counts": {
            "articles": len(articles),
            "categories": len(categories),
            "images": len(images),
            "documents": len(documents),
        },
        "skipped": skipped,
    }

"""The demo province: sites from demo/sites.yaml, their news and documents from
demo/content.yaml, their branding, sections and home pages from demo/sections/.

Idempotent: a site that exists is left as it is -- except that its work schedule
gets this week's page when it has none, so a demo run weeks later still shows a
current schedule -- and ``manage.py demo`` can be run again on the same data folder.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django_tenants.utils import get_public_schema_name, schema_context

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.rich_text import RichText

from core.text import nfc
from provisioning import demo_editorial
from provisioning.board import Member
from provisioning.board import roles as board_roles
from provisioning.demo.pictures import SCENES, demo_image
from provisioning.services import SiteSpec, provision_site
from provisioning.skeleton.files import pdf_document
from provisioning.skeleton.publishing import publish, publish_changes
from provisioning.skeleton.sections import build_sections, refresh_schedule
from provisioning.skeleton.text import paragraphs as _paragraphs
from reports import demo as report_demo
from tenants.models import Tenant
from tenants.registry import primary_url
from workdays.models import DayKind, DeclaredDay

DEMO_DIR = Path(__file__).resolve().parent / "demo"


@dataclass
class DemoLogin:
    site: str
    url: str
    username: str
    password: str
    role: str


def load(name: str) -> dict:
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


def sections_of(slug: str) -> dict:
    path = DEMO_DIR / "sections" / f"{slug}.yaml"
    return load(f"sections/{slug}.yaml") if path.exists() else {}


def operator_credentials() -> tuple[str, str]:
    operator = load("sites.yaml")["operator"]
    return operator["username"], operator["password"]


#: the demo board of every site: login name → role (board.yaml)
DEMO_BOARD = {
    "quantri": "quan_tri",
    "truongban": "truong_ban",
    "photruongban": "pho_truong_ban",
    "thuky": "thu_ky",
    "bientap": "bien_tap_vien",
    "phongvien": "phong_vien",
}


def demo_board(slug: str) -> list[Member]:
    return [
        Member(
            email=f"{username}@{slug.replace('_', '-')}.example.vn", role=role, username=username
        )
        for username, role in DEMO_BOARD.items()
    ]


def site_passwords(slug: str) -> dict[str, str]:
    return {username: f"{slug}-{username}-2026" for username in DEMO_BOARD}


def load_demo(stdout=None) -> list[DemoLogin]:
    """Create the demo sites that do not exist yet; return every demo login."""
    sites = load("sites.yaml")["sites"]
    content = load("content.yaml")
    logins = []
    for entry in sites:
        slug = entry["slug"]
        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is None:
            if stdout:
                stdout.write(f"Khởi tạo {entry['name']}…")
            spec = SiteSpec(
                slug=slug,
                name=entry["name"],
                name_en=entry.get("name_en", ""),
                kind=entry["kind"],
                parent=entry.get("parent"),
                domains=entry["domains"],
                theme=entry.get("theme", ""),
                languages=entry.get("languages", ["vi"]),
                board=demo_board(slug),
            )
            # One transaction, so that a site whose content fails is not left half-built
            # (and skipped as existing on the next run); committed inside the new
            # site's schema, where the pages' on-commit hooks (redirects, page cache) act.
            with schema_context(Tenant.schema_name_for(slug)), transaction.atomic():
                with schema_context(get_public_schema_name()):
                    tenant = provision_site(spec, actor="demo", invite=False)
                _set_demo_passwords(slug)
                build_demo_site(slug, content)
        else:
            with schema_context(tenant.schema_name), transaction.atomic():
                refresh_schedule(sections_of(slug))
        url = primary_url(tenant, "/admin/")
        for username, password in site_passwords(slug).items():
            role = board_roles()[DEMO_BOARD[username]]["name"]
            logins.append(DemoLogin(tenant.name, url, username, password, role))
    _declare_demo_days()
    build_demo_inbox()
    # periodic reports: six months of figures and a finished province report (once)
    report_demo.seed(Tenant.objects.filter(slug__in=[entry["slug"] for entry in sites]))
    return logins


#: questions waiting in the demo boards' inboxes (codes fixed so the README can name
#: one for the lookup); ``working_days_ago`` past 10 makes an item overdue
DEMO_INBOX: dict[str, list[dict[str, Any]]] = {
    "tuyenquang": [
        {
            "code": "HD-TQ26-CHXA",
            "kind": "question",
            "name": "Hoàng Thị Mai",
            "email": "hoangmai.tq@example.vn",
            "phone": "0912345678",
            "address": "Tổ 7, phường Minh Xuân",
            "field": "Chính sách xã hội",
            "title": "Hỗ trợ sửa chữa nhà ở cho gia đình người có công",
            "body": "Bố tôi là thương binh hạng 2/4, nhà ở đã xuống cấp. Xin hỏi gia đình "
            "có thuộc diện được hỗ trợ sửa chữa nhà ở không, mức hỗ trợ bao nhiêu và "
            "nộp hồ sơ ở đâu?",
            "working_days_ago": 12,
        },
        {
            "code": "HD-TQ26-PKXB",
            "kind": "feedback",
            "name": "Nguyễn Đức Thành",
            "email": "thanhnd.kd@example.vn",
            "phone": "",
            "address": "Công ty TNHH Chè Tân Trào",
            "field": "Kinh tế, thuế, đăng ký kinh doanh",
            "title": "Kiến nghị rút ngắn thời gian cấp giấy chứng nhận cơ sở đủ điều kiện "
            "an toàn thực phẩm",
            "body": "Thủ tục hiện mất 20 ngày làm việc và phải nộp bản giấy dù đã nộp trực "
            "tuyến. Doanh nghiệp kiến nghị chỉ nộp một lần trên Cổng Dịch vụ công.",
            "working_days_ago": 3,
            "assign": "thu_ky",
            "unit": "Sở Nông nghiệp và Môi trường",
        },
    ],
    "minhxuan": [
        {
            "code": "HD-MX26-HTXC",
            "kind": "question",
            "name": "Lý Văn Sơn",
            "email": "",
            "phone": "0987222333",
            "address": "Tổ 12, phường Minh Xuân",
            "field": "Hộ tịch, chứng thực",
            "title": "Chứng thực bản sao sổ hộ khẩu cũ",
            "body": "Sổ hộ khẩu giấy đã thu hồi, nay tôi cần xác nhận nơi cư trú để làm hồ sơ "
            "cho con đi học thì xin ở đâu?",
            "working_days_ago": 1,
        },
    ],
}
#: asked on the portal, forwarded to the commune competent to answer it
DEMO_FORWARDED: dict[str, Any] = {
    "origin": "tuyenquang",
    "target": "minhxuan",
    "note": "Đề nghị UBND phường Minh Xuân trả lời trực tiếp công dân, báo cáo kết quả.",
    "assign": "thu_ky",
    "unit": "Bộ phận Một cửa phường Minh Xuân",
    "item": {
        "code": "HD-TQ26-CHYD",
        "kind": "question",
        "name": "Trần Văn Hùng",
        "email": "tranhung.mx@example.vn",
        "phone": "0915888999",
        "address": "Tổ 3, phường Minh Xuân",
        "field": "Môi trường",
        "title": "Thu gom rác thải ở tổ 3 phường Minh Xuân",
        "body": "Từ đầu tháng, xe thu gom rác không vào ngõ 45 tổ 3, rác tồn đọng hai "
        "tuần. Đề nghị phường cho biết lịch thu gom và đơn vị chịu trách nhiệm.",
        "working_days_ago": 4,
    },
}


def build_demo_inbox(sites: dict | None = None) -> None:
    """Questions and feedback waiting in the demo boards' inboxes, and one question asked
    on the portal forwarded to a commune (imported and assigned there); once: an item
    whose code exists is left alone. No e-mail goes out (the events are marked told).
    ``sites``: demo slug → site (default: the demo sites by slug; tests pass theirs)."""
    if sites is None:
        sites = {site.slug: site for site in Tenant.objects.filter(slug__in=DEMO_INBOX)}
    for slug, items in DEMO_INBOX.items():
        tenant = sites.get(slug)
        if tenant is None:
            continue
        with schema_context(tenant.schema_name), transaction.atomic():
            for item in items:
                _demo_item(item)
    origin, target = sites.get(DEMO_FORWARDED["origin"]), sites.get(DEMO_FORWARDED["target"])
    if origin is None or target is None:
        return
    from participation import forwarding, services
    from participation.models import State, Submission

    with schema_context(origin.schema_name), transaction.atomic():
        item = _demo_item(DEMO_FORWARDED["item"])
        if item is None or item.state == State.FORWARDED:
            return
        head = _member("truong_ban")
        forwarding.forward(item, target, note=DEMO_FORWARDED["note"], user=head)
        Submission.objects.filter(pk=item.pk).update(asker_told_state=State.FORWARDED)
    with schema_context(target.schema_name), transaction.atomic():
        forwarding.import_forwarded()
        received = Submission.objects.get(code=DEMO_FORWARDED["item"]["code"])
        Submission.objects.filter(pk=received.pk).update(board_notified=True)
        assignee = _member(DEMO_FORWARDED["assign"])
        services.assign(received, user=assignee, unit=DEMO_FORWARDED["unit"])
        Submission.objects.filter(pk=received.pk).update(assignee_told_id=assignee.pk)


def _member(role: str):
    """The active site's first board member with ``role`` (board.yaml code)."""
    name = board_roles()[role]["name"]
    return get_user_model().objects.filter(groups__name=name).order_by("pk").first()


def _demo_item(spec: dict):
    """One waiting item in the active site (None when its code is there already)."""
    from participation.models import QAPage, State, Submission
    from workdays.calendar import add_working_days, is_working_day

    if Submission.objects.filter(code=spec["code"]).exists():
        return None
    page = QAPage.objects.live().order_by("depth", "path").first()
    created = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0)
    todo = spec.get("working_days_ago", 1)
    while todo:
        created -= dt.timedelta(days=1)
        if is_working_day(timezone.localdate(created)):
            todo -= 1
    assignee = None
    if spec.get("assign"):
        assignee = _member(spec["assign"])
    fields = page.field_choices() if page else []
    return Submission.objects.create(
        code=spec["code"],
        page=page,
        kind=spec["kind"],
        name=nfc(spec["name"]),
        email=spec["email"],
        phone=spec["phone"],
        address=nfc(spec["address"]),
        consent_at=created,
        field=spec["field"] if spec["field"] in fields else "",
        title=nfc(spec["title"]),
        body=nfc(spec["body"]),
        created_at=created,
        due_at=add_working_days(created, 10),
        state=State.ASSIGNED if assignee else State.RECEIVED,
        assignee=assignee,
        unit=spec.get("unit", ""),
        # the demo sends no e-mail: every event so far counts as told
        board_notified=True,
        acknowledged=True,
        assignee_told_id=assignee.pk if assignee else None,
    )


def _declare_demo_days() -> None:
    """A make-up Saturday in the console's working-day calendar (once), three weeks
    ahead, so the demo's console shows one."""
    with schema_context(get_public_schema_name()):
        if DeclaredDay.objects.filter(created_by="demo").exists():
            return
        today = dt.date.today()
        saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 14)
        DeclaredDay.objects.get_or_create(
            date=saturday,
            defaults={
                "kind": DayKind.WORK,
                "note": "Làm bù (dữ liệu minh hoạ)",
                "created_by": "demo",
            },
        )


def build_demo_site(slug: str, content: dict | None = None) -> None:
    """Fill the active schema with the demo content of the demo site ``slug``: news,
    documents, branding, sections and home page.

    The schema must hold a freshly provisioned site (any site: the tests build a demo
    site's content into theirs); ``content`` is content.yaml, read when not given.
    """
    content = (load("content.yaml") if content is None else content).get(slug, {})
    _create_content(content)
    build_sections(sections_of(slug), intro=content.get("intro"))
    if slug == "tuyenquang":  # royalties: authors, a rate table, an approved statement
        from royalties.demo import build as build_royalties

        build_royalties()
    if slug == demo_editorial.PORTAL:
        demo_editorial.build_board_rules()
        demo_deadlines()


#: the demo's items with a publishing deadline: (slug, title, kind, working days ago)
DEMO_DEADLINES = [
    (
        "hoi-nghi-tong-ket-cong-tac-chuyen-doi-so",
        "Hội nghị tổng kết công tác chuyển đổi số năm 2026",
        "event_news",
        3,
    ),
    (
        "cong-van-huong-dan-phong-chong-ret-dam",
        "Công văn hướng dẫn phòng, chống rét đậm, rét hại cho cây trồng, vật nuôi",
        "administrative",
        0,
    ),
]


def demo_deadlines() -> int:
    """Drafts with a publishing deadline in the active schema (once): an event article
    whose 8 working hours have run out (the dashboard shows it overdue) and an
    administrative document received today (due in 2 working days). Returns how many
    were made."""
    from wagtail.models import Locale

    from documents.models import DocumentIndexPage, LegalDocumentPage
    from news.models import NewsArticlePage, NewsIndexPage
    from workdays.calendar import TIMEZONE, is_working_day

    vi = Locale.objects.get(language_code="vi")
    made = 0
    now = timezone.localtime(timezone.now(), TIMEZONE)
    for slug, title, kind, days_ago in DEMO_DEADLINES:
        if NewsArticlePage.objects.filter(slug=slug).exists():
            continue
        if LegalDocumentPage.objects.filter(slug=slug).exists():
            continue
        start = now.replace(hour=9, minute=0, second=0, microsecond=0)
        counted = 0
        while counted < days_ago:
            start -= dt.timedelta(days=1)
            counted += is_working_day(start.date())
        if kind == "event_news":
            page = NewsArticlePage(
                title=nfc(title),
                slug=slug,
                locale=vi,
                live=False,
                lead=nfc("Bản nháp minh hoạ: tin sự kiện chưa đăng, đã quá hạn 8 giờ làm việc."),
                deadline_kind=kind,
                deadline_starts_at=start.replace(hour=11),
            )
            NewsIndexPage.objects.get(locale=vi).add_child(instance=page)
        else:
            page = LegalDocumentPage(
                title=nfc(title),
                slug=slug,
                locale=vi,
                live=False,
                number="15/CV-UBND",
                doc_type="cong_van",
                issuer=nfc("Ủy ban nhân dân tỉnh"),
                issued_on=start.date(),
                summary=nfc(title),
                deadline_kind=kind,
                deadline_starts_at=start,
            )
            DocumentIndexPage.objects.get(locale=vi).add_child(instance=page)
        page.save_revision()
        made += 1
    return made


def _set_demo_passwords(slug: str) -> None:
    """The demo's board logs in with the passwords the demo prints (a real board sets
    its own through the e-mailed link)."""
    User = get_user_model()
    for username, password in site_passwords(slug).items():
        user = User.objects.get(username=username)
        user.set_password(password)
        user.save(update_fields=["password"])


def _aware(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time(8, 0)))


def _create_content(data: dict) -> None:
    from wagtail.models import Locale

    from documents.models import DocumentIndexPage, LegalDocumentFile, LegalDocumentPage
    from news.models import NewsArticlePage, NewsArticleRelatedStory, NewsCategory, NewsIndexPage

    vi = Locale.objects.get(language_code="vi")
    english = Locale.objects.filter(language_code="en").first()
    # The skeleton made some of them already.
    categories = {
        c["slug"]: NewsCategory.objects.update_or_create(
            slug=c["slug"], locale=vi, defaults={"name": nfc(c["name"])}
        )[0]
        for c in data.get("categories", [])
    }
    news_index = NewsIndexPage.objects.get(locale=vi)
    articles: dict[str, NewsArticlePage] = {}
    scenes = list(SCENES)
    for number, item in enumerate(data.get("news", [])):
        source = item.get("source") or {}
        # every story leads with a picture drawn for the demo; the first one has a gallery
        scene = item.get("picture") or scenes[number % len(scenes)]
        picture = demo_image(scene)
        article = NewsArticlePage(
            title=nfc(item["title"]),
            slug=item["slug"],
            locale=vi,
            category=categories.get(item.get("category")),
            lead=nfc(item.get("lead", "")),
            body=_body_with_pictures(item.get("body"), gallery=number == 0),
            feed_image=picture,
            feed_image_alt=SCENES[scene].alt,
            author=nfc(item.get("author", "")),
            event_date=item.get("date"),
            source_author=nfc(source.get("author", "")),
            source_name=nfc(source.get("name", "")),
            source_published_at=_aware(source["published"]) if source.get("published") else None,
            source_url=source.get("url", ""),
            first_published_at=_aware(item["date"]) if item.get("date") else None,
        )
        # Related stories name articles listed before this one.
        article.related_story_links = [
            NewsArticleRelatedStory(story=articles[slug]) for slug in item.get("related", [])
        ]
        article.tags.add(*(nfc(tag) for tag in item.get("tags", [])))
        publish(news_index, article)
        articles[item["slug"]] = article
        if item.get("title_en") and english is not None:
            _translate_article(article, item, english)
    documents_index = DocumentIndexPage.objects.get(locale=vi)
    for item in data.get("documents", []):
        document = LegalDocumentPage(
            title=nfc(item["summary"])[:255],
            slug=item["slug"],
            locale=vi,
            number=nfc(item["number"]),
            doc_type=item["doc_type"],
            issuer=nfc(item["issuer"]),
            signer=nfc(item.get("signer", "")),
            field=nfc(item.get("field", "")),
            issued_on=item["issued"],
            effective_on=item.get("effective"),
            status=item.get("status", "in_force"),
            legal_normative=bool(item.get("legal_normative")),
            summary=nfc(item["summary"]),
            body=_paragraphs(item.get("body")),
        )
        # The downloadable file national rules require, named by its number and symbol.
        text = [item["issuer"], item["number"], item["summary"], *item.get("body", [])]
        document.attachments = [
            LegalDocumentFile(document=pdf_document(item["number"], text, filename=item["slug"]))
        ]
        publish(documents_index, document)


#: the scenes of the first story's gallery
GALLERY = ["ruong-bac-thang", "dong-song", "nha-van-hoa"]


def _body_with_pictures(paragraphs, gallery: bool) -> list[dict]:
    """An article's body (raw StreamField data): its paragraphs, then, when ``gallery``,
    a gallery of the demo's pictures with their Vietnamese alternative text."""
    body: list[dict] = [{"type": "paragraph", "value": _paragraphs(paragraphs)}]
    if gallery:
        items = []
        for scene in GALLERY:
            image = demo_image(scene, seed=1)
            value = {
                "image": {"image": image.pk, "alt_text": SCENES[scene].alt, "decorative": False},
                "caption": SCENES[scene].title,
            }
            # ListBlock's own format (an id per item), which the exchange's export reads
            item_id = str(uuid.uuid5(uuid.NAMESPACE_URL, scene))
            items.append({"type": "item", "value": value, "id": item_id})
        body.append({"type": "gallery", "value": {"title": "Hình ảnh", "images": items}})
    return body


def _translate_article(article, item: dict, locale) -> None:
    """The English version of a demo article (what a translator makes with wagtail-localize)."""
    english = article.copy_for_translation(locale)
    english.title = nfc(item["title_en"])
    english.lead = nfc(item.get("lead_en", ""))
    english.body = [("paragraph", RichText(_paragraphs(item.get("body_en"))))]
    publish_changes(english)

"""What a visitor's tour walks through: one published page of every page type.

``build_tour(site)`` fills a site's schema with realistic Vietnamese content --
an article with images and alternative text, a legal document with its PDF,
the organisation with its leaders, contacts, procedures linked to the national
public service portal, this week's work schedule, an investment project -- and
arranges the home page from every home block. On a site with English it also
translates the organisation and contact pages and fills the English home.

The browser reaches the platform through a server whose threads have database
connections of their own, so the content is committed (the caller unblocks the
database); ``remove_tour(site)`` takes it away again so later test modules of the
session find the sites as provisioning left them. Both are idempotent.
"""

import datetime
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.core.files.images import ImageFile
from django.db.models import Q
from django.utils import timezone, translation

from provisioning.skeleton.files import pdf_document
from tests.conftest import in_site

ORGANISATION_SLUG = "gioi-thieu"
#: slugs of the section pages the tour fills in under the Vietnamese home (it
#: replaces the skeleton's empty sections of these slugs, and puts them back)
SECTION_SLUGS = [
    ORGANISATION_SLUG,
    "lien-he",
    "lay-y-kien-du-thao",
    "thu-tuc-hanh-chinh",
    "trang-thanh-phan",
    "lich-cong-tac",
    "du-an-dau-tu",
]
#: slug of the tour's article, whose presence says the tour is built
ARTICLE_SLUG = "hoi-nghi-trien-khai-chuyen-doi-so-nam-2026"
DOCUMENT_SLUG = "quyet-dinh-15-2026-qd-ubnd"
DOCUMENT_NUMBER = "15/2026/QĐ-UBND"
CATEGORY_SLUG = "thoi-su"
MEDIA_PREFIX = "tour-"
NATIONAL_PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"

# The home pages' bodies before the tour arranged them, to put back: (schema, page id) -> JSON.
_original_bodies: dict[tuple[str, int], str] = {}
# Schemas where the tour created the news category (the skeleton may already have it).
_created_category: set[str] = set()


@dataclass
class Tour:
    """Where the tour of one site goes: page paths by name (``"article"``, ``"print"``…)."""

    host: str
    pages: dict[str, str] = field(default_factory=dict)
    feed: str = ""
    article_title: str = ""
    #: the site has English: the tour has ``en_home``, ``en_organisation``, ``en_contact``
    english: bool = False


def build_tour(site, host: str) -> Tour:
    """Create (once) and return the tour of ``site`` as seen on ``host``."""
    from wagtail.models import Locale, Page

    from home.models import HomePage

    with in_site(site):
        vi = Locale.objects.get(language_code="vi")
        home = HomePage.objects.get(locale=vi)
        if not Page.objects.descendant_of(home).filter(slug=ARTICLE_SLUG).exists():
            _build(site, home, vi)
        return _locate(host, home)


def remove_tour(site) -> None:
    """Delete what ``build_tour`` created in ``site`` and put the home pages' bodies back."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page

    from home.models import HomePage
    from news.models import NewsCategory
    from provisioning import skeleton
    from provisioning.skeleton import pages
    from provisioning.skeleton.sections import order_children, translate_sections

    with in_site(site):
        for home in HomePage.objects.all():
            original = _original_bodies.pop((site.schema_name, home.pk), None)
            if original is not None:
                home.body = json.loads(original)
                home.save(update_fields=["body"])
        # One tree delete (with the descendants) instead of one per page: much faster.
        Page.objects.filter(
            Q(depth=3, slug__in=SECTION_SLUGS) | Q(depth=4, slug__in=[ARTICLE_SLUG, DOCUMENT_SLUG])
        ).delete()
        if site.schema_name in _created_category:
            NewsCategory.objects.filter(slug=CATEGORY_SLUG).delete()
            _created_category.discard(site.schema_name)
        # The skeleton's sections the tour replaced, back as provisioning made them.
        data = skeleton.for_site(site)
        vi = Locale.objects.get(language_code="vi")
        home = HomePage.objects.get(locale=vi)
        present = set(home.get_children().values_list("slug", flat=True))
        for spec in data["sections"]:
            if spec["slug"] in SECTION_SLUGS and spec["slug"] not in present:
                pages.BUILDERS[spec["type"]](home, spec, vi)
        order_children(home, [spec["slug"] for spec in data["sections"]])
        english = home.get_translations().filter(locale__language_code="en").first()
        if english is not None:
            translate_sections({"sections": data["sections"]}, home, english)
        get_image_model().objects.filter(title__startswith=MEDIA_PREFIX).delete()
        get_document_model().objects.filter(title__startswith=MEDIA_PREFIX).delete()


def _locate(host, home) -> Tour:
    """The paths of the tour's pages, read back from the tree."""
    from wagtail.models import Page

    from news.models import NewsArticlePage

    def url(page):
        with translation.override(page.locale.language_code):
            return page.get_url()

    sections = {page.slug: page for page in home.get_children().specific()}
    article = NewsArticlePage.objects.descendant_of(home).get(slug=ARTICLE_SLUG)
    document = Page.objects.descendant_of(home).get(slug=DOCUMENT_SLUG)
    schedule_index = sections["lich-cong-tac"]
    project_index = sections["du-an-dau-tu"]
    news, documents = url(sections["tin-tuc"]), url(sections["van-ban"])
    tour = Tour(host=host, feed=f"{news}rss/", article_title=article.title)
    tour.pages = {
        "home": url(home),
        "news_index": news,
        "news_category": f"{news}chuyen-muc/{CATEGORY_SLUG}/",
        "article": url(article),
        "print": f"{url(article)}in/",
        "document_index": documents,
        # part of the number and symbol, as visitors type it, and the year
        "document_filtered": f"{documents}?{urlencode({'q': DOCUMENT_NUMBER[:7], 'year': 2026})}",
        "document": url(document),
        "organisation": url(sections[ORGANISATION_SLUG]),
        "contact": url(sections["lien-he"]),
        "content": url(sections["lay-y-kien-du-thao"]),
        "procedures": url(sections["thu-tuc-hanh-chinh"]),
        "directory": url(sections["trang-thanh-phan"]),
        "schedule_index": url(schedule_index),
        "schedule_week": url(schedule_index.get_children().live().first()),
        "project_index": url(project_index),
        "project": url(project_index.get_children().live().first()),
        # no diacritics: visitors type "hoi nghi chuyen doi so" for "hội nghị chuyển đổi số"
        "search": "/tim-kiem/?q=hoi+nghi+chuyen+doi+so",
    }
    english_home = home.get_translations().filter(locale__language_code="en").first()
    if english_home is not None:
        tour.english = True
        tour.pages["en_home"] = url(english_home)
        for name in ("organisation", "contact"):
            original = sections[ORGANISATION_SLUG if name == "organisation" else "lien-he"]
            tour.pages[f"en_{name}"] = url(original.get_translation(english_home.locale))
    return tour


def _publish(parent, page):
    """Add ``page`` under ``parent`` as a published page.

    Saved live without a revision: visitors see the same page, and the build
    saves each page once instead of twice (every save updates the search index
    and the reference index, which is most of the build's time).
    """
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    return page


def _build(site, home, vi) -> None:
    from wagtail.models import Locale

    from provisioning.skeleton.sections import remove_section

    # The tour fills in these sections: the skeleton's empty ones make way.
    for slug in SECTION_SLUGS:
        remove_section(home, slug)
    media = {
        "photo": _image(
            "tour-hoi-nghi-chuyen-doi-so",
            (1200, 675),
            "#1f5f99",
            "Quang cảnh hội nghị triển khai chuyển đổi số năm 2026",
        ),
        "field_photo": _image(
            "tour-cong-trinh-giao-thong",
            (1200, 800),
            "#3f7d3a",
            "Công nhân thi công mặt đường tỉnh lộ 185",
        ),
        "banner": _image(
            "tour-bang-ron-dich-vu-cong",
            (1120, 240),
            "#a61b1b",
            "Băng rôn: Sử dụng dịch vụ công trực tuyến toàn trình",
        ),
        "portrait": _image("tour-chan-dung-lanh-dao", (320, 400), "#555555", "Ảnh chân dung"),
        "pdf": _pdf("tour-quyet-dinh-15-2026-qd-ubnd"),
    }
    article = _news(site, home, vi, media)
    _documents(home, vi, media)
    organisation, contact = _sections(site, home, vi, media)
    schedule_index = _schedule(home, vi)
    _projects(home, vi, media)
    _arrange_home(site, home, article, schedule_index, media["banner"])
    english = Locale.objects.filter(language_code="en").first()
    english_home = home.get_translations().filter(locale=english).first() if english else None
    if english_home is not None:
        _translate(site, english_home.specific, organisation, contact, english)


def _image_block(image, alt_text):
    """The stored value of an ImageBlock: the image and its alternative text here."""
    return {"image": image.pk, "alt_text": alt_text, "decorative": False}


def _news(site, home, vi, media):
    """A category and an article with a lead image, figure, gallery, quote and attachment."""
    from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

    photo, field_photo = media["photo"], media["field_photo"]
    category, created = NewsCategory.objects.get_or_create(
        slug=CATEGORY_SLUG, locale=vi, defaults={"name": "Thời sự"}
    )
    if created:
        _created_category.add(site.schema_name)
    body = [
        {
            "type": "paragraph",
            "value": (
                "<p>Phát biểu chỉ đạo hội nghị, đồng chí Chủ tịch Ủy ban nhân dân đề nghị các sở, "
                "ngành, địa phương đẩy mạnh <b>số hóa hồ sơ</b>, kết nối cơ sở dữ liệu dân cư và "
                "nâng cao chất lượng dịch vụ công trực tuyến.</p>"
                "<h2>Những nhiệm vụ trọng tâm</h2>"
                "<ul><li>Hoàn thiện hạ tầng số đến cấp xã.</li>"
                "<li>Đào tạo kỹ năng số cho cán bộ, công chức.</li></ul>"
            ),
        },
        {
            "type": "image",
            "value": {
                "image": _image_block(photo, "Đại biểu biểu quyết thông qua kế hoạch"),
                "caption": "Đại biểu biểu quyết thông qua kế hoạch chuyển đổi số năm 2026.",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "Một số hình ảnh tại hội nghị",
                "images": [
                    {
                        "image": _image_block(photo, "Toàn cảnh hội trường"),
                        "caption": "Toàn cảnh hội trường.",
                    },
                    {
                        "image": _image_block(field_photo, "Thi công tuyến cáp quang đến xã"),
                        "caption": "Kéo cáp quang đến trung tâm xã.",
                    },
                ],
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "Chuyển đổi số phải lấy người dân, doanh nghiệp làm trung tâm.",
                "attribution": "Chủ tịch Ủy ban nhân dân",
            },
        },
        {
            "type": "attachments",
            "value": {"title": "Tài liệu hội nghị", "documents": [media["pdf"].pk]},
        },
    ]
    return _publish(
        NewsIndexPage.objects.child_of(home).get(slug="tin-tuc"),
        NewsArticlePage(
            title="Hội nghị triển khai chuyển đổi số năm 2026",
            slug=ARTICLE_SLUG,
            locale=vi,
            category=category,
            lead=(
                f"Sáng nay, {site.name} tổ chức hội nghị triển khai kế hoạch chuyển đổi số năm "
                "2026, đặt mục tiêu 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến "
                "toàn trình."
            ),
            feed_image=photo,
            feed_image_alt="Đại biểu dự hội nghị chuyển đổi số tại hội trường",
            author="Minh Anh",
            event_date=datetime.date(2026, 3, 12),
            source_name="Báo Tuyên Quang",
            source_author="Thu Hà",
            source_url="https://baotuyenquang.com.vn/chuyen-doi-so.html",
            body=json.dumps(body),
        ),
    )


def _documents(home, vi, media) -> None:
    """A decision with its signed PDF."""
    from documents.models import (
        DocumentIndexPage,
        DocumentType,
        LegalDocumentFile,
        LegalDocumentPage,
    )

    document = LegalDocumentPage(
        title="Quyết định ban hành Kế hoạch chuyển đổi số năm 2026",
        slug=DOCUMENT_SLUG,
        locale=vi,
        number=DOCUMENT_NUMBER,
        doc_type=DocumentType.DECISION,
        issuer="Ủy ban nhân dân tỉnh",
        signer="Nguyễn Văn An",
        field="Khoa học, công nghệ",
        issued_on=datetime.date(2026, 3, 10),
        effective_on=datetime.date(2026, 3, 20),
        summary="Ban hành Kế hoạch chuyển đổi số, phát triển chính quyền số năm 2026",
        body="<p>Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026.</p>",
    )
    document.attachments = [LegalDocumentFile(document=media["pdf"], label="Bản ký số")]
    _publish(DocumentIndexPage.objects.child_of(home).get(slug="van-ban"), document)


def _sections(site, home, vi, media):
    """Organisation (leaders, units), contacts, a consultation page, procedures, directory."""
    from organisation.models import Leader, OrganisationPage, Unit
    from sitepages.models import (
        ContactPage,
        ContentPage,
        Procedure,
        ProceduresPage,
        SiteDirectoryPage,
    )

    organisation = OrganisationPage(
        title="Giới thiệu",
        slug=ORGANISATION_SLUG,
        locale=vi,
        show_in_menus=True,
        intro=f"<p>{site.name} là cơ quan thực hiện chức năng quản lý nhà nước trên địa bàn.</p>",
        functions="<p>Tham mưu, giúp việc và tổ chức thực hiện các nhiệm vụ được giao.</p>",
        tasks="<ul><li>Xây dựng kế hoạch phát triển kinh tế – xã hội.</li>"
        "<li>Quản lý đất đai, tài nguyên, môi trường.</li></ul>",
        structure=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Bộ máy gồm lãnh đạo, các phòng chuyên môn"
                        " và đơn vị sự nghiệp trực thuộc.</p>"
                    ),
                }
            ]
        ),
    )
    organisation.leaders = [
        Leader(
            full_name="Nguyễn Văn An",
            title="Chủ tịch",
            phone="0207 3822 123",
            email="nvan@tuyenquang.gov.vn",
            photo=media["portrait"],
            responsibilities="Lãnh đạo chung; phụ trách nội chính, quốc phòng.",
        ),
        Leader(
            full_name="Trần Thị Bình",
            title="Phó Chủ tịch",
            phone="0207 3822 456",
            email="ttbinh@tuyenquang.gov.vn",
            responsibilities="Phụ trách văn hóa – xã hội, giáo dục, y tế.",
        ),
    ]
    organisation.units = [
        Unit(
            name="Văn phòng",
            head="Lê Văn Cường – Chánh Văn phòng",
            phone="0207 3822 789",
            email="vanphong@tuyenquang.gov.vn",
            address="Số 1 đường Tân Trào",
        ),
    ]
    _publish(home, organisation)
    contact = _publish(
        home,
        ContactPage(
            title="Liên hệ",
            slug="lien-he",
            locale=vi,
            show_in_menus=True,
            agency_name=site.name,
            address="Số 160 đường Trần Hưng Đạo, phường Minh Xuân, tỉnh Tuyên Quang",
            phone="0207 3822 555",
            fax="0207 3822 556",
            email="banbientap@tuyenquang.gov.vn",
            working_hours="Sáng 7h30–11h30, chiều 13h30–17h00, từ thứ Hai đến thứ Sáu.",
            map_url="https://www.openstreetmap.org/#map=16/21.8233/105.2140",
            officer="Phạm Thu Hằng – Trưởng Ban biên tập",
        ),
    )
    _publish(
        home,
        ContentPage(
            title="Lấy ý kiến dự thảo Nghị quyết về phí, lệ phí",
            slug="lay-y-kien-du-thao",
            locale=vi,
            lead="Cơ quan soạn thảo đề nghị tổ chức, cá nhân góp ý dự thảo trước ngày 30/4/2026.",
            body=json.dumps(
                [
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Ý kiến góp ý gửi về Sở Tài chính, số 5 đường Tân Trào, "
                            "hoặc thư điện tử "
                            '<a href="mailto:stc@tuyenquang.gov.vn">stc@tuyenquang.gov.vn</a>.</p>'
                        ),
                    },
                    {"type": "attachments", "value": {"title": "", "documents": [media["pdf"].pk]}},
                ]
            ),
        ),
    )
    procedures = ProceduresPage(
        title="Thủ tục hành chính",
        slug="thu-tuc-hanh-chinh",
        locale=vi,
        intro="<p>Tra cứu và nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
    )
    procedures.procedures = [
        Procedure(
            name="Đăng ký khai sinh",
            field="Hộ tịch",
            processing_time="Ngay trong ngày",
            fee="Miễn phí",
            url=f"{NATIONAL_PORTAL}?ma_thu_tuc=1.001193",
        ),
        Procedure(
            name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
            field="Xây dựng",
            level="mot_phan",
            processing_time="15 ngày",
            fee="75.000 đồng",
            url=f"{NATIONAL_PORTAL}?ma_thu_tuc=1.009994",
        ),
    ]
    _publish(home, procedures)
    _publish(
        home,
        SiteDirectoryPage(
            title="Trang thành phần",
            slug="trang-thanh-phan",
            locale=vi,
            intro="<p>Trang thông tin điện tử của các đơn vị, địa phương trực thuộc.</p>",
        ),
    )
    return organisation, contact


def _schedule(home, vi):
    """The work schedule with this week's page (in Vietnam's time)."""
    from schedule import weeks
    from schedule.models import ScheduleEntry, WeeklySchedulePage, WorkScheduleIndexPage

    schedule_index = _publish(
        home,
        WorkScheduleIndexPage(
            title="Lịch công tác",
            slug="lich-cong-tac",
            locale=vi,
            show_in_menus=True,
        ),
    )
    monday = weeks.monday_of(weeks.today())
    week = WeeklySchedulePage(week_start=monday, slug=weeks.week_slug(monday), locale=vi)
    week.entries = [
        ScheduleEntry(
            date=monday,
            time=datetime.time(7, 30),
            leaders="Chủ tịch Nguyễn Văn An",
            content="Chào cờ đầu tuần; giao ban lãnh đạo.",
            location="Hội trường tầng 2",
            participants="Lãnh đạo các phòng, ban",
            preparing_unit="Văn phòng",
        ),
        ScheduleEntry(
            date=monday + datetime.timedelta(days=2),
            leaders="Phó Chủ tịch Trần Thị Bình",
            content="Kiểm tra tiến độ xây dựng trường học.",
            location="Xã Kim Bình",
        ),
    ]
    _publish(schedule_index, week)
    return schedule_index


def _projects(home, vi, media) -> None:
    from projects.models import (
        FundingSource,
        InvestmentProjectPage,
        ProjectIndexPage,
        ProjectStatus,
        ProjectType,
    )

    project_index = _publish(
        home,
        ProjectIndexPage(
            title="Dự án đầu tư",
            slug="du-an-dau-tu",
            locale=vi,
            intro="<p>Các dự án đầu tư công trên địa bàn.</p>",
        ),
    )
    _publish(
        project_index,
        InvestmentProjectPage(
            title="Nâng cấp, mở rộng tỉnh lộ 185",
            slug="nang-cap-tinh-lo-185",
            locale=vi,
            objective="Bảo đảm giao thông thông suốt, thúc đẩy phát triển kinh tế vùng.",
            field="Giao thông",
            project_type=ProjectType.GROUP_B,
            start_year=2025,
            end_year=2027,
            total_investment=Decimal("125000000000"),
            funding_source=FundingSource.LOCAL_BUDGET,
            status=ProjectStatus.IN_PROGRESS,
            location="Các xã Kim Bình, Vinh Quang",
            investor="Ban Quản lý dự án đầu tư xây dựng tỉnh",
            description=json.dumps(
                [
                    {
                        "type": "image",
                        "value": {
                            "image": _image_block(
                                media["field_photo"], "Thi công mặt đường tỉnh lộ 185"
                            ),
                            "caption": "Thi công mặt đường đoạn qua xã Kim Bình.",
                        },
                    }
                ]
            ),
        ),
    )


def _arrange_home(site, home, article, schedule_index, banner) -> None:
    """Every home block, once, on the Vietnamese home page."""
    _original_bodies.setdefault((site.schema_name, home.pk), json.dumps(home.body.get_prep_value()))
    home.body = [
        {"type": "featured_story", "value": {"page": article.pk}},
        {"type": "latest_news", "value": {"heading": "Tin mới", "category": None, "count": 5}},
        {"type": "latest_documents", "value": {"heading": "Văn bản mới", "count": 5}},
        {"type": "schedule", "value": {"heading": "Lịch công tác", "page": schedule_index.pk}},
        {
            "type": "links",
            "value": {
                "heading": "Liên kết website",
                "links": [
                    {"title": "Cổng Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn/"},
                    {"title": "Cổng Thông tin điện tử Chính phủ", "url": "https://chinhphu.vn/"},
                ],
            },
        },
        {
            "type": "banners",
            "value": {
                "banners": [
                    {
                        "image": _image_block(banner, "Sử dụng dịch vụ công trực tuyến toàn trình"),
                        "url": "https://dichvucong.gov.vn/",
                    }
                ]
            },
        },
        {
            "type": "text",
            "value": ("<p>Đường dây nóng tiếp nhận phản ánh, kiến nghị: <b>0207 3822 555</b>.</p>"),
        },
    ]
    home.save(update_fields=["body"])


def _translate(site, english_home, organisation, contact, english) -> None:
    """The English pages national rules require: organisation and contacts; and the home."""
    org_en = organisation.copy_for_translation(english)
    org_en.title = "About us"
    org_en.intro = "<p>The agency exercises state management in the province.</p>"
    org_en.functions = "<p>Advises on and carries out the tasks assigned by law.</p>"
    org_en.tasks = (
        "<ul><li>Socio-economic development plans.</li><li>Land and environment.</li></ul>"
    )
    org_en.structure = json.dumps(
        [
            {
                "type": "paragraph",
                "value": ("<p>The leadership, specialised divisions and affiliated units.</p>"),
            }
        ]
    )
    org_en.save_revision().publish()
    contact_en = contact.copy_for_translation(english)
    contact_en.title = "Contact"
    contact_en.agency_name = site.name_en or site.name
    contact_en.address = "160 Tran Hung Dao Street, Minh Xuan Ward, Tuyen Quang Province"
    contact_en.working_hours = "7:30–11:30 and 13:30–17:00, Monday to Friday."
    contact_en.save_revision().publish()
    _original_bodies.setdefault(
        (site.schema_name, english_home.pk), json.dumps(english_home.body.get_prep_value())
    )
    english_home.body = [
        {
            "type": "text",
            "value": ("<p>Welcome to the portal. Public services are available online.</p>"),
        },
        {
            "type": "links",
            "value": {
                "heading": "Links",
                "links": [
                    {
                        "title": "National Public Service Portal",
                        "url": "https://dichvucong.gov.vn/",
                    },
                ],
            },
        },
    ]
    english_home.save(update_fields=["body"])


def _image(title, size, colour, description):
    """A library image (a PNG drawn here) whose description is its alternative text."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    from wagtail.images import get_image_model

    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    width, height = size
    frame = [width // 8, height // 4, width * 7 // 8, height * 3 // 4]
    draw.rectangle(frame, outline="white", width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name=f"{title}.png")
    )


def _pdf(title):
    """A library document holding a small, valid one-page PDF."""
    return pdf_document(title, ["Quyet dinh 15/2026/QD-UBND"], filename=title)

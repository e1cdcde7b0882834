"""Builders of a site's section pages, one per type of section.

Each builder takes the Vietnamese home page, the section's mapping (from a
skeleton file ``provisioning/skeletons/<kind>.yaml`` or a demo site's
``demo/sections/<slug>.yaml``) and the Vietnamese locale, publishes the section
(and the pages under it) and returns it. They run inside the site's schema.
"""

import datetime as dt
import json
from decimal import Decimal

from core.text import nfc
from provisioning.skeleton.files import pdf_document
from provisioning.skeleton.publishing import publish
from provisioning.skeleton.text import numbered, paragraphs, rich_text

#: where a procedure's code (mã thủ tục) is looked up on the national public service portal
NATIONAL_PROCEDURE_URL = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
)


def _paragraph_blocks(items) -> str:
    """A content StreamField's JSON with one rich-text block (empty list: no block)."""
    html = rich_text(items)
    return json.dumps([{"type": "paragraph", "value": html}] if html else [])


def _section_fields(spec: dict, locale) -> dict:
    return {
        "title": nfc(spec["title"]),
        "slug": spec["slug"],
        "locale": locale,
        "show_in_menus": spec.get("menu", True),
        "seo_title": nfc(spec.get("seo_title", "")),
        "search_description": nfc(spec.get("description", "")),
    }


def organisation(home, spec: dict, locale):
    """Giới thiệu: functions, tasks, structure, leaders and units."""
    from organisation.models import Leader, OrganisationPage, Unit

    page = OrganisationPage(
        **_section_fields(spec, locale),
        intro=paragraphs(spec.get("intro")),
        functions=paragraphs(spec.get("functions")),
        tasks=numbered(spec.get("tasks", [])) if spec.get("tasks") else "",
        structure=_paragraph_blocks(spec.get("structure")),
    )
    page.leaders = [
        Leader(
            full_name=nfc(leader["name"]),
            title=nfc(leader["title"]),
            phone=leader.get("phone", ""),
            email=leader.get("email", ""),
            responsibilities=nfc(leader.get("responsibilities", "")),
        )
        for leader in spec.get("leaders", [])
    ]
    page.units = [
        Unit(
            name=nfc(unit["name"]),
            head=nfc(unit.get("head", "")),
            phone=unit.get("phone", ""),
            email=unit.get("email", ""),
            address=nfc(unit.get("address", "")),
        )
        for unit in spec.get("units", [])
    ]
    return publish(home, page)


def contact(home, spec: dict, locale):
    """Liên hệ: the agency's address, phones, e-mail, hours and the officer in charge."""
    from sitepages.models import ContactPage

    return publish(
        home,
        ContactPage(
            **_section_fields(spec, locale),
            intro=paragraphs(spec.get("intro")),
            agency_name=nfc(spec["agency_name"]),
            address=nfc(spec["address"]),
            phone=spec.get("phone", ""),
            fax=spec.get("fax", ""),
            email=spec.get("email", ""),
            working_hours=nfc(spec.get("working_hours", "")),
            map_url=spec.get("map_url", ""),
            officer=nfc(spec.get("officer", "")),
        ),
    )


def procedures(home, spec: dict, locale):
    """Thủ tục hành chính: procedures by field, each linked to the national portal."""
    from sitepages.models import Procedure, ProceduresPage

    page = ProceduresPage(**_section_fields(spec, locale), intro=paragraphs(spec.get("intro")))
    page.procedures = [
        Procedure(
            name=nfc(item["name"]),
            field=nfc(item["field"]),
            level=item.get("level", "toan_trinh"),
            processing_time=nfc(item.get("processing_time", "")),
            fee=nfc(item.get("fee", "")),
            url=item.get("url") or NATIONAL_PROCEDURE_URL.format(code=item["code"]),
        )
        for item in spec.get("procedures", [])
    ]
    return publish(home, page)


def schedule(home, spec: dict, locale):
    """Lịch công tác: the index, last week's and this week's schedules."""
    from schedule.models import WorkScheduleIndexPage

    index = publish(
        home,
        WorkScheduleIndexPage(
            **_section_fields(spec, locale),
            intro=paragraphs(spec.get("intro")),
        ),
    )
    add_missing_weeks(index, spec)
    return index


def add_missing_weeks(index, spec: dict) -> list:
    """Publish last week's and this week's schedules under ``index`` (weeks in Vietnam's
    time) from the section's ``last_week`` and ``this_week`` entries, unless the index
    already has a page for that week. Returns the pages it published."""
    from schedule import weeks
    from schedule.models import ScheduleEntry, WeeklySchedulePage

    this_monday = weeks.this_monday()
    wanted = [
        (this_monday - dt.timedelta(days=7), spec.get("last_week", [])),
        (this_monday, spec.get("this_week", [])),
    ]
    existing = set(WeeklySchedulePage.objects.child_of(index).values_list("week_start", flat=True))
    published = []
    for monday, entries in wanted:
        if monday in existing or not entries:
            continue
        week = WeeklySchedulePage(
            week_start=monday,
            slug=weeks.week_slug(monday),
            locale_id=index.locale_id,
        )
        week.entries = [
            ScheduleEntry(
                date=monday + dt.timedelta(days=entry["day"]),
                time=dt.time.fromisoformat(entry["time"]) if entry.get("time") else None,
                leaders=nfc(entry["leaders"]),
                content=nfc(entry["content"]),
                location=nfc(entry.get("location", "")),
                participants=nfc(entry.get("participants", "")),
                preparing_unit=nfc(entry.get("preparing_unit", "")),
            )
            for entry in entries
        ]
        published.append(publish(index, week))
    return published


def projects(home, spec: dict, locale):
    """Dự án đầu tư: the index and its projects with the fields national rules list."""
    from projects.models import InvestmentProjectPage, ProjectIndexPage

    index = publish(
        home,
        ProjectIndexPage(
            **_section_fields(spec, locale),
            intro=paragraphs(spec.get("intro")),
        ),
    )
    for item in spec.get("projects", []):
        amount = item.get("total_investment")
        publish(
            index,
            InvestmentProjectPage(
                title=nfc(item["title"]),
                slug=item["slug"],
                locale=locale,
                objective=nfc(item["objective"]),
                field=nfc(item["field"]),
                project_type=item["project_type"],
                start_year=item["start_year"],
                end_year=item.get("end_year"),
                total_investment=Decimal(str(amount)) if amount is not None else None,
                funding_source=item["funding_source"],
                donor=nfc(item.get("donor", "")),
                status=item["status"],
                location=nfc(item.get("location", "")),
                investor=nfc(item["investor"]),
                description=_paragraph_blocks(item.get("description")),
            ),
        )
    return index


def content(home, spec: dict, locale):
    """A content page: lead, body (a Q&A page's questions are headings in it) and
    files to download, such as a draft open for comments."""
    from sitepages.models import ContentPage

    blocks: list[dict] = []
    html = rich_text(spec.get("body"))
    if html:
        blocks.append({"type": "paragraph", "value": html})
    for attachment in spec.get("attachments", []):
        document = pdf_document(
            attachment["title"],
            [attachment["title"], *attachment.get("lines", [])],
            filename=attachment["file"],
        )
        blocks.append(
            {
                "type": "attachments",
                "value": {
                    "title": nfc(attachment.get("heading", "")),
                    "documents": [document.pk],
                },
            }
        )
    return publish(
        home,
        ContentPage(
            **_section_fields(spec, locale),
            lead=nfc(spec.get("lead", "")),
            body=json.dumps(blocks),
        ),
    )


def qa(home, spec: dict, locale):
    """Hỏi – đáp: visitors ask (and, on portals and departments, send feedback on
    administrative rules); published answers are its children (participation)."""
    import datetime

    from django.utils import timezone
    from django.utils.text import slugify

    from participation.models import QAAnswerPage, QAPage

    page = publish(
        home,
        QAPage(
            **_section_fields(spec, locale),
            lead=nfc(spec.get("lead", "")),
            accepts_feedback=bool(spec.get("accepts_feedback", False)),
        ),
    )
    # published answers (the demo's): no asker's details, as on any answer page
    today = timezone.localdate()
    for item in spec.get("answers", []):
        answered = today - datetime.timedelta(days=int(item.get("days_ago", 7)))
        publish(
            page,
            QAAnswerPage(
                title=nfc(item["title"]),
                slug=slugify(nfc(item["title"]))[:80] or "cau-hoi",
                field=nfc(item.get("field", "Khác")),
                question=nfc(item.get("question", item["title"])),
                asked_on=answered - datetime.timedelta(days=5),
                answer=nfc(item["answer"]),
                answering_body=nfc(item.get("answering_body", "")),
                answered_on=answered,
            ),
        )
    return page


def news(home, spec: dict, locale):
    """Tin tức: the news index (its categories are the site's snippets)."""
    from news.models import NewsIndexPage

    return publish(
        home,
        NewsIndexPage(
            **_section_fields(spec, locale),
            intro=paragraphs(spec.get("intro")),
        ),
    )


def documents(home, spec: dict, locale):
    """Văn bản: the document database."""
    from documents.models import DocumentIndexPage

    return publish(
        home,
        DocumentIndexPage(
            **_section_fields(spec, locale),
            intro=paragraphs(spec.get("intro")),
        ),
    )


def directory(home, spec: dict, locale):
    """Trang thành phần: the directory of the site's component sites (from the registry)."""
    from sitepages.models import SiteDirectoryPage

    return publish(
        home,
        SiteDirectoryPage(
            **_section_fields(spec, locale),
            intro=paragraphs(spec.get("intro")),
        ),
    )


def consultations(home, spec: dict, locale):
    """Lấy ý kiến dự thảo: the index of drafts open for comment and, on a demo site,
    its drafts (``drafts``: dates in days from now, files as small PDFs, comments)."""
    from django.utils import timezone

    from consultation.models import (
        CommentStatus,
        ConsultationIndexPage,
        DraftArticle,
        DraftComment,
        DraftConsultationPage,
        DraftFile,
    )

    index = publish(
        home,
        ConsultationIndexPage(
            **_section_fields(spec, locale),
            lead=nfc(spec.get("lead", "")),
            intro=rich_text(spec.get("body")),
        ),
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for item in spec.get("drafts", []):
        report = item.get("report")
        page = DraftConsultationPage(
            title=nfc(item["title"]),
            slug=item["slug"],
            locale=locale,
            drafting_body=nfc(item["drafting_body"]),
            summary=nfc(item["summary"]),
            opens_at=now + dt.timedelta(days=item["opens_in_days"]),
            closes_at=now + dt.timedelta(days=item["closes_in_days"]),
            send_address=nfc(item.get("send_address", "")),
            send_email=item.get("send_email", ""),
            summary_report=(
                pdf_document(
                    report["title"],
                    [report["title"], *report.get("lines", [])],
                    filename=report["file"],
                )
                if report
                else None
            ),
        )
        page.draft_files = [
            DraftFile(
                document=pdf_document(
                    f["title"], [f["title"], *f.get("lines", [])], filename=f["file"]
                )
            )
            for f in item.get("files", [])
        ]
        page.articles = [DraftArticle(label=nfc(label)) for label in item.get("articles", [])]
        page = publish(index, page)
        for number, comment in enumerate(item.get("comments", [])):
            DraftComment.objects.create(
                page=page,
                name=nfc(comment["name"]),
                email=comment.get("email", ""),
                phone=comment.get("phone", ""),
                organisation=nfc(comment.get("organisation", "")),
                article=nfc(comment.get("article", "")),
                text=nfc(comment["text"]),
                status=CommentStatus.PUBLISHED
                if comment.get("published")
                else CommentStatus.PENDING,
                created_at=page.opens_at + dt.timedelta(days=1 + number, hours=3 * number),
                consented_at=page.opens_at + dt.timedelta(days=1 + number, hours=3 * number),
            )
    return index


BUILDERS = {
    "news": news,
    "documents": documents,
    "organisation": organisation,
    "contact": contact,
    "procedures": procedures,
    "schedule": schedule,
    "projects": projects,
    "content": content,
    "qa": qa,
    "directory": directory,
    "consultations": consultations,
}

"""Periodic reports: each site's daily figures written by its own rollup, the province
report as the sum of the sites read from public alone, a job that makes the XLSX and
the PDF, a board that sees only its own site's reports, bad periods refused."""

import datetime
import io

import pytest

from django.core.files.storage import default_storage
from django.utils import timezone

from operations.models import VisitDay
from participation.models import QAPage, Submission
from reports import collectors, months, periods
from reports.models import JobState, ReportJob, SiteDayFigure
from reports.services import build_report
from reports.tasks import rollup_figures
from tests.conftest import in_site
from tests.documents.factories import LegalDocumentPageFactory
from tests.news.factories import BASE_TIME, NewsArticlePageFactory, NewsCategoryFactory

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}
DAY = timezone.localtime(BASE_TIME).date()  # 03/04/2026
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _question(**extra) -> Submission:
    return Submission.objects.create(
        page=QAPage.objects.get(slug="hoi-dap"),
        name="Trần Thị Bình",
        email="binh@example.vn",
        consent_at=timezone.now(),
        title="Hỏi về hộ tịch",
        body="Đăng ký khai sinh cho con cần giấy tờ gì?",
        **extra,
    )


def test_the_dispatcher_writes_each_sites_figures_in_public(sites, settings):
    assert settings.CELERY_BEAT_SCHEDULE["report-figures"]["task"] == rollup_figures.name
    noon = BASE_TIME.replace(hour=12)
    with in_site(sites.alpha):
        category = NewsCategoryFactory(name="Báo cáo thử nghiệm")
        NewsArticlePageFactory(category=category, hours=1)
        NewsArticlePageFactory(category=category, hours=2)
        LegalDocumentPageFactory(doc_type="ke_hoach", first_published_at=noon)
        _question(created_at=noon)  # received
        _question(created_at=noon - datetime.timedelta(days=9), answered_at=noon)  # answered
        _question(  # due that day, still open: overdue
            created_at=noon - datetime.timedelta(days=20), due_at=noon
        )
        _question(  # due that day, answered in time: not overdue
            created_at=noon - datetime.timedelta(days=20),
            due_at=noon + datetime.timedelta(hours=2),
            answered_at=noon - datetime.timedelta(days=1),
            state="closed",
        )
    # a row of that day left by an earlier run is replaced
    SiteDayFigure.objects.create(tenant=sites.alpha, day=DAY, metric="articles", key="Cũ", value=9)

    rollup_figures.apply(kwargs={"days": [DAY.isoformat()]})  # as beat runs it

    rows = {
        (f.metric, f.key): f.value
        for f in SiteDayFigure.objects.filter(tenant=sites.alpha, day=DAY)
    }
    assert rows[("articles", "Báo cáo thử nghiệm")] == 2
    assert rows[("documents", "ke_hoach")] == 1
    assert rows[("questions", "received")] == 1
    assert rows[("questions", "answered")] == 1
    assert rows[("questions", "overdue")] == 1
    assert ("articles", "Cũ") not in rows
    # each site wrote only its own figures; twice gives the same rows
    assert not SiteDayFigure.objects.filter(tenant=sites.beta, key="Báo cáo thử nghiệm").exists()
    rollup_figures.apply(kwargs={"days": [DAY.isoformat()]})
    assert SiteDayFigure.objects.filter(tenant=sites.alpha, day=DAY).count() == len(rows)


def test_a_registered_collector_and_the_on_time_rate(sites):
    collector = collectors.register(fake_deadlines)
    try:
        with in_site(sites.beta):
            collectors.rollup_site([DAY])
    finally:
        collectors._collectors.remove(collector)
    report = build_report(DAY, DAY, tenant=sites.beta)
    assert report["has_deadlines"] and report["totals"]["deadlines_missed"] == 1
    assert report["on_time_rate"] == 75.0
    # without deadline rows, the report has no on-time rate column
    assert not build_report(DAY, DAY, tenant=sites.gamma)["has_deadlines"]


def fake_deadlines(day):
    return [("deadlines", "due", 4), ("deadlines", "met", 3), ("deadlines", "missed", 1)]


def _seed(sites):
    """Figures of three sites over two months, written as the rollups write them."""
    figures = []
    for n, site in enumerate((sites.alpha, sites.beta, sites.gamma), start=1):
        for offset in range(0, 50, 5):
            day = DAY - datetime.timedelta(days=offset)
            figures += [
                SiteDayFigure(tenant=site, day=day, metric="articles", key="Thời sự", value=n),
                SiteDayFigure(tenant=site, day=day, metric="articles", key="", value=1),
                SiteDayFigure(tenant=site, day=day, metric="documents", key="quyet_dinh", value=n),
                SiteDayFigure(tenant=site, day=day, metric="questions", key="received", value=2),
                SiteDayFigure(tenant=site, day=day, metric="questions", key="answered", value=1),
            ]
            VisitDay.objects.create(tenant=site, day=day, visits=100 * n)
    # outside the period: not counted
    figures.append(
        SiteDayFigure(
            tenant=sites.alpha, day=DAY + datetime.timedelta(days=1), metric="articles", value=50
        )
    )
    SiteDayFigure.objects.bulk_create(figures)
    months.refresh([figure.day for figure in figures])  # as the rollups do


def test_the_province_report_is_the_sum_of_the_sites(sites, django_assert_max_num_queries):
    _seed(sites)
    start, end = DAY - datetime.timedelta(days=60), DAY
    with django_assert_max_num_queries(6):  # whatever the number of sites
        province = build_report(start, end, kind="custom")
    by_site = {
        s.slug: build_report(start, end, tenant=s) for s in (sites.alpha, sites.beta, sites.gamma)
    }
    for key, total in province["totals"].items():
        assert total == sum(report["totals"][key] for report in by_site.values()), key
    assert province["totals"]["articles"] == 10 * (1 + 1) + 10 * (2 + 1) + 10 * (3 + 1)
    assert province["totals"]["visits"] == 10 * 600
    assert dict(province["articles_by_category"]) == {"Thời sự": 60, "Chưa phân chuyên mục": 30}
    assert dict(province["documents_by_type"]) == {"Quyết định": 60}
    assert sum(row[1] for row in province["by_month"]) == 90
    assert by_site["beta"]["sites"][0]["name"] == sites.beta.name
    assert len(by_site["beta"]["sites"]) == 1


def test_a_console_job_makes_the_report_its_xlsx_and_pdf(
    operator_client, sites, django_capture_on_commit_callbacks
):
    _seed(sites)
    with django_capture_on_commit_callbacks(execute=True):  # the task runs (eagerly)
        response = operator_client.post(
            "/reports/reportjob/add/",
            {"site": "", "kind": "quarter", "year": "2026", "number": "2"},
            **CONSOLE,
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert (job.state, job.progress, job.tenant) == (JobState.DONE, 100, None), job.error
    assert (job.start, job.end) == (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))

    from openpyxl import load_workbook

    with default_storage.open(job.xlsx) as f:
        book = load_workbook(io.BytesIO(f.read()))
    summary = book["Tổng hợp"]
    assert summary["A1"].value == "Báo cáo hoạt động: Toàn tỉnh"
    assert summary["B2"].value == "Quý II năm 2026"
    assert summary["B3"].value.date() == datetime.date(2026, 4, 1)
    assert summary["A6"].value == "Số bài viết" and summary["B6"].value == 9 + 50  # 03/04 and 04/04
    per_site = {row[0]: row for row in book["Theo trang"].iter_rows(values_only=True)}
    assert per_site[sites.gamma.name][2] == 3 + 1
    assert per_site["Tổng cộng"][2] == 59
    assert per_site[sites.alpha.name][-1] == 100  # visits
    assert dict(book["Loại văn bản"].iter_rows(min_row=2, values_only=True)) == {"Quyết định": 6}

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        assert "Pango" in job.pdf_error
    else:
        with default_storage.open(job.pdf) as f:
            assert f.read(5) == b"%PDF-"

    page = operator_client.get(f"/reports/reportjob/{job.pk}/change/", **CONSOLE)
    html = page.content.decode()
    assert page.status_code == 200 and 'http-equiv="refresh"' not in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img"' in html
    assert "<title id=" in html and "Thời sự: 6" in html
    download = operator_client.get(f"/reports/reportjob/{job.pk}/tai-ve/xlsx/", **CONSOLE)
    assert download.status_code == 200 and download["Content-Type"] == XLSX


def test_a_queued_job_page_refreshes_itself(operator_client, sites):
    job = ReportJob.objects.create(
        period_kind="month",
        start=DAY,
        end=DAY,
        requested_by="vanhanh",
        progress=40,
        state=JobState.RUNNING,
    )
    html = operator_client.get(f"/reports/reportjob/{job.pk}/change/", **CONSOLE).content.decode()
    assert 'http-equiv="refresh"' in html and "40%" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "custom", "start": "2026-05-10", "end": "2026-05-01"}, "Ngày kết thúc phải sau"),
        ({"kind": "year", "year": "2099"}, "Kỳ báo cáo chưa bắt đầu"),
        ({"kind": "month", "year": "2026", "number": "13"}, "Kỳ số 13 không có trong một năm"),
        ({"kind": "quarter", "year": "2026"}, "Hãy nhập kỳ số"),
    ],
)
def test_a_bad_period_is_refused(operator_client, sites, data, message):
    response = operator_client.post("/reports/reportjob/add/", data, **CONSOLE)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_board_sees_only_its_own_sites_reports(
    editor_client, sites, django_capture_on_commit_callbacks
):
    _seed(sites)
    other = ReportJob.objects.create(
        tenant=sites.alpha,
        period_kind="month",
        start=DAY,
        end=DAY,
        requested_by="x",
        state=JobState.DONE,
        result=build_report(DAY, DAY, tenant=sites.alpha),
        xlsx="x.xlsx",
    )
    client = editor_client(sites.beta, role="truong_ban")
    host = {"HTTP_HOST": "beta.test"}
    index = client.get("/admin/bao-cao-dinh-ky/", **host)
    assert index.status_code == 200 and "Báo cáo định kỳ" in index.content.decode()
    refused = client.post(
        "/admin/bao-cao-dinh-ky/",
        {"kind": "custom", "start": "2026-05-10", "end": "2026-05-01"},
        **host,
    )
    assert "Ngày kết thúc phải sau" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            "/admin/bao-cao-dinh-ky/", {"kind": "month", "year": "2026", "number": "4"}, **host
        )
    job = ReportJob.objects.exclude(pk=other.pk).get()
    assert made.status_code == 302 and job.tenant == sites.beta and job.state == JobState.DONE
    assert [site["slug"] for site in job.result["sites"]] == ["beta"]
    page = client.get(f"/admin/bao-cao-dinh-ky/{job.pk}/", **host).content.decode()
    assert sites.beta.name in page and sites.alpha.name not in page
    assert client.get(f"/admin/bao-cao-dinh-ky/{job.pk}/tai-ve/xlsx/", **host).status_code == 200
    # another site's report: not found, nor its file
    assert client.get(f"/admin/bao-cao-dinh-ky/{other.pk}/", **host).status_code == 404
    assert client.get(f"/admin/bao-cao-dinh-ky/{other.pk}/tai-ve/xlsx/", **host).status_code == 404
    assert f"/admin/bao-cao-dinh-ky/{other.pk}/" not in index.content.decode()


def test_a_period_reads_whole_months_from_the_monthly_sums_and_its_edges_by_day():
    assert months.split(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)) == (
        (datetime.date(2026, 1, 1), datetime.date(2026, 6, 1)),
        [],
    )
    assert months.split(datetime.date(2026, 1, 15), datetime.date(2026, 3, 10)) == (
        (datetime.date(2026, 2, 1), datetime.date(2026, 2, 1)),
        [
            (datetime.date(2026, 1, 15), datetime.date(2026, 1, 31)),
            (datetime.date(2026, 3, 1), datetime.date(2026, 3, 10)),
        ],
    )
    assert months.split(datetime.date(2026, 2, 3), datetime.date(2026, 2, 20)) == (
        None,
        [(datetime.date(2026, 2, 3), datetime.date(2026, 2, 20))],
    )


def test_period_labels():
    assert periods.bounds("half", 2026, 2) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 12, 31),
    )
    assert periods.label("half", datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)) == (
        "6 tháng cuối năm 2026"
    )
    assert periods.bounds("month", 2024, 2)[1] == datetime.date(2024, 2, 29)


def test_the_demo_seeds_six_months_and_a_finished_province_report(sites):
    from reports import demo

    demo.seed([sites.beta])
    job = ReportJob.objects.get(requested_by="demo")
    assert job.state == JobState.DONE and job.tenant is None, job.error
    assert (job.end - job.start).days >= 180 and len(job.result["by_month"]) == 6
    beta = next(site for site in job.result["sites"] if site["slug"] == "beta")
    assert beta["articles"] > 0 and beta["visits"] > 0
    assert SiteDayFigure.objects.filter(tenant=sites.beta).count() > 100
    demo.seed([sites.beta])  # once
    assert ReportJob.objects.filter(requested_by="demo").count() == 1

"""A computed report (``services.build_report``) as an XLSX workbook and a PDF."""

from __future__ import annotations

import datetime
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from reports.charts import report_charts
from reports.services import column_headings


class PdfUnavailable(Exception):
    """WeasyPrint cannot be used here (its Pango library is missing)."""


def xlsx(report: dict) -> bytes:
    """Sheets: the summary, one row per site, articles by category, documents by type,
    figures by month."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tổng hợp")
    sheet.append([_("Báo cáo hoạt động: %(scope)s") % {"scope": report["scope"]}])
    sheet["A1"].font = bold
    sheet.append([_("Kỳ báo cáo"), report["period"]])
    sheet.append(
        [
            _("Từ ngày"),
            datetime.date.fromisoformat(report["start"]),
            _("Đến ngày"),
            datetime.date.fromisoformat(report["end"]),
        ]
    )
    for cell in (sheet["B3"], sheet["D3"]):
        cell.number_format = "DD/MM/YYYY"
    sheet.append([_("Lập lúc"), report["generated_at"]])
    sheet.append([])
    headings = column_headings(report["has_deadlines"])
    for key, label in headings:
        sheet.append([label, report["totals"][key]])
    if report["has_deadlines"]:
        sheet.append([_("Tỉ lệ đúng hạn (%)"), report["on_time_rate"]])

    sites = book.create_sheet(_("Theo trang"))
    sites.append(
        [
            _("Trang"),
            _("Mã trang"),
            *(label for _key, label in headings),
            *([_("Tỉ lệ đúng hạn (%)")] if report["has_deadlines"] else []),
        ]
    )
    for site in report["sites"]:
        sites.append(
            [
                site["name"],
                site["slug"],
                *(site[key] for key, _label in headings),
                *([site["on_time_rate"]] if report["has_deadlines"] else []),
            ]
        )
    sites.append(
        [
            _("Tổng cộng"),
            "",
            *(report["totals"][key] for key, _label in headings),
            *([report["on_time_rate"]] if report["has_deadlines"] else []),
        ]
    )
    for name, heading, rows in (
        (_("Chuyên mục"), _("Chuyên mục"), report["articles_by_category"]),
        (_("Loại văn bản"), _("Loại văn bản"), report["documents_by_type"]),
    ):
        table = book.create_sheet(name)
        table.append([heading, _("Số lượng")])
        for row in rows:
            table.append(list(row))
    months = book.create_sheet(_("Theo tháng"))
    months.append([_("Tháng"), _("Số bài viết"), _("Số văn bản"), _("Lượt truy cập")])
    for row in report["by_month"]:
        months.append(list(row))
    for table in book.worksheets:
        for cell in table[1]:
            cell.font = bold
        table.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf(report: dict) -> bytes:
    """The report's page (tables and charts) as a PDF; ``PdfUnavailable`` with a
    Vietnamese reason when WeasyPrint cannot be imported (Pango missing)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: máy chủ thiếu thư viện Pango mà WeasyPrint cần "
                "(cài gói libpango-1.0-0 và libpangoft2-1.0-0). Tệp XLSX vẫn dùng được. "
                "Chi tiết: %(error)s"
            )
            % {"error": exc}
        ) from exc
    html = render_to_string("reports/report_pdf.html", page_context(report))
    return HTML(string=html).write_pdf()


def page_context(report: dict) -> dict:
    """What ``reports/_report.html`` shows: the report, its charts, the table's columns."""
    headings = column_headings(report["has_deadlines"])
    return {
        "report": report,
        "start": datetime.date.fromisoformat(report["start"]),
        "end": datetime.date.fromisoformat(report["end"]),
        "charts": report_charts(report),
        "headings": headings,
        "totals": [(key, label, report["totals"][key]) for key, label in headings],
        "rows": table_rows(report),
    }


def table_rows(report: dict) -> list[dict]:
    """Each site with its figures in column order (for the templates)."""
    headings = column_headings(report["has_deadlines"])
    return [
        {
            "name": site["name"],
            "figures": [site[key] for key, _label in headings],
            "on_time_rate": site["on_time_rate"],
        }
        for site in report["sites"]
    ]

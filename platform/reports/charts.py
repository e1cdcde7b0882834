"""Bar charts as SVG drawn on the server: no script, no CDN, no chart library.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (every label with its value, which is what a screen reader reads); each bar
has its own ``<title>`` (its full label and value) for a pointer's tooltip.
"""

from __future__ import annotations

import itertools

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 210
ROW = 26
BAR = 18
TOP = 8
FILL = "#1f5fa6"
TEXT = "#1a1a1a"
MAX_LABEL = 30

_ids = itertools.count(1)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def number(value) -> str:
    """1234567 → "1.234.567" (the Vietnamese thousands separator)."""
    return f"{int(value):,}".replace(",", ".")


def bar_chart(title: str, items, unit: str = "") -> SafeString:
    """A horizontal bar chart of ``items`` [(label, value), …] titled ``title``."""
    items = [(str(label), int(value or 0)) for label, value in items]
    n = next(_ids)
    title_id, desc_id = f"bieu-do-{n}-ten", f"bieu-do-{n}-mo-ta"
    if not items:
        desc = _("Không có số liệu trong kỳ.")
    else:
        desc = "; ".join(f"{label}: {number(value)} {unit}".strip() for label, value in items)
    height = TOP * 2 + ROW * max(len(items), 1)
    top = max((value for _label, value in items), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 70
    bars = format_html_join(
        "",
        "<g><title>{}: {}</title>"
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="12" fill="{}">{}</text></g>',
        (
            (
                label,
                number(value),
                LABEL_WIDTH - 6,
                TOP + i * ROW + BAR - 4,
                TEXT,
                _short(label),
                LABEL_WIDTH,
                TOP + i * ROW,
                max(round(room * value / top), 1 if value else 0),
                BAR,
                FILL,
                LABEL_WIDTH + max(round(room * value / top), 1 if value else 0) + 4,
                TOP + i * ROW + BAR - 4,
                TEXT,
                number(value),
            )
            for i, (label, value) in enumerate(items)
        ),
    )
    if not items:
        bars = format_html(
            '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>', 8, TOP + BAR - 4, TEXT, desc
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        'aria-labelledby="{} {}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'font-family="DejaVu Sans, Arial, sans-serif">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        title_id,
        desc_id,
        WIDTH,
        height,
        WIDTH,
        height,
        title_id,
        title,
        desc_id,
        desc,
        bars,
    )


def report_charts(report: dict) -> list[tuple[str, SafeString]]:
    """The charts of a report (``services.build_report``): [(title, svg), …]."""
    totals = report["totals"]
    charts = [
        (_("Bài viết theo chuyên mục"), report["articles_by_category"], _("bài")),
        (_("Văn bản theo loại"), report["documents_by_type"], _("văn bản")),
        (
            _("Bài viết theo tháng"),
            [(month, articles) for month, articles, _docs, _visits in report["by_month"]],
            _("bài"),
        ),
        (
            _("Lượt truy cập theo tháng"),
            [(month, visits) for month, _articles, _docs, visits in report["by_month"]],
            _("lượt"),
        ),
        (
            _("Tin gửi lên trang cấp trên"),
            [
                (_("Đã gửi"), totals["offers_sent"]),
                (_("Được nhận"), totals["offers_accepted"]),
                (_("Bị từ chối"), totals["offers_rejected"]),
            ],
            _("tin"),
        ),
        (
            _("Câu hỏi, phản ánh của người dân"),
            [
                (_("Đã tiếp nhận"), totals["questions_received"]),
                (_("Đã trả lời"), totals["questions_answered"]),
                (_("Quá hạn"), totals["questions_overdue"]),
            ],
            _("câu"),
        ),
    ]
    if report["has_deadlines"]:
        charts.append(
            (
                _("Việc có thời hạn"),
                [
                    (_("Đến hạn"), totals["deadlines_due"]),
                    (_("Đúng hạn"), totals["deadlines_met"]),
                    (_("Trễ hạn"), totals["deadlines_missed"]),
                ],
                _("việc"),
            )
        )
    if report["tenant_id"] is None:
        busiest = sorted(report["sites"], key=lambda site: (-site["articles"], site["name"]))[:10]
        charts.append(
            (
                _("10 trang đăng nhiều bài nhất"),
                [(site["name"], site["articles"]) for site in busiest],
                _("bài"),
            )
        )
    return [(title, bar_chart(title, items, unit)) for title, items, unit in charts]

"""The kinds of content with a publishing deadline (DOMAIN.md's table), their units
and what their period runs from, and each kind's default rule.

A leaf module (no models): the page models import its choices.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    EVENT_NEWS = "event_news", _("Tin hoạt động, sự kiện")
    EVENT_REPORT = "event_report", _("Tường thuật hội nghị, sự kiện lớn")
    LEGAL_NORMATIVE = "legal_normative", _("Văn bản quy phạm pháp luật")
    ADMINISTRATIVE = "administrative", _("Văn bản hành chính")
    EMERGENCY = "emergency", _("Thông tin khẩn cấp")
    PLANNING = "planning", _("Quy hoạch")
    PROJECTS = "projects", _("Dự án, đấu thầu, mua sắm công, giá đất, vốn vay, viện trợ")
    SCIENCE = "science", _("Chương trình, đề tài khoa học")
    PARTY_COMMITTEE = "party_committee", _("Văn bản của Tỉnh ủy")
    PARTY_ADVISORY = "party_advisory", _("Văn bản của các cơ quan tham mưu, giúp việc Tỉnh ủy")
    OTHER = "other", _("Thông tin khác")


class Unit(models.TextChoices):
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày theo lịch")
    SAME_DAY = "same_day", _("trong ngày")


class RunsFrom(models.TextChoices):
    EVENT_END = "event_end", _("kết thúc sự kiện")
    RECEIVED = "received", _("nhận văn bản")
    SIGNED = "signed", _("ký, phê duyệt")


#: the workflow preset (provisioning/board.yaml) of the Quảng Trị Party portal, whose
#: Party committee documents have 5 working days (001 Đ14) instead of 2 (000 Đ12)
QUANG_TRI_PRESET = "party_quang_tri"

#: kind → (period, unit, runs from, source): DOMAIN.md's "Deadlines" table
DEFAULTS: dict[str, tuple[int, str, str, str]] = {
    Kind.EVENT_NEWS: (8, Unit.WORKING_HOURS, RunsFrom.EVENT_END, "000 Đ12, 001 Đ14"),
    Kind.EVENT_REPORT: (1, Unit.CALENDAR_DAYS, RunsFrom.EVENT_END, "001 Đ14"),
    Kind.LEGAL_NORMATIVE: (7, Unit.WORKING_DAYS, RunsFrom.RECEIVED, "003 Đ7.2"),
    Kind.ADMINISTRATIVE: (2, Unit.WORKING_DAYS, RunsFrom.RECEIVED, "003 Đ7.2"),
    Kind.EMERGENCY: (0, Unit.SAME_DAY, RunsFrom.RECEIVED, "003 Đ7.2"),
    Kind.PLANNING: (15, Unit.CALENDAR_DAYS, RunsFrom.SIGNED, "003 Đ7.3"),
    Kind.PROJECTS: (2, Unit.WORKING_DAYS, RunsFrom.SIGNED, "003 Đ7.4"),
    Kind.SCIENCE: (10, Unit.WORKING_DAYS, RunsFrom.SIGNED, "003 Đ7.5"),
    Kind.PARTY_COMMITTEE: (2, Unit.WORKING_DAYS, RunsFrom.SIGNED, "000 Đ12"),
    Kind.PARTY_ADVISORY: (3, Unit.WORKING_DAYS, RunsFrom.SIGNED, "000 Đ12.1c"),
    Kind.OTHER: (5, Unit.WORKING_DAYS, RunsFrom.SIGNED, "003 Đ7.6"),
}


def defaults_for(preset: str | None) -> dict[str, tuple[int, str, str]]:
    """The default rule of every kind for a site whose workflow preset is ``preset``."""
    rules = {
        str(kind): (amount, str(unit), str(runs))
        for kind, (amount, unit, runs, _src) in DEFAULTS.items()
    }
    if preset == QUANG_TRI_PRESET:
        rules[Kind.PARTY_COMMITTEE.value] = (5, Unit.WORKING_DAYS.value, RunsFrom.SIGNED.value)
    return rules


def field_errors(kind: str, start) -> dict:
    """The editor's messages when a page names only half of its deadline."""
    if kind and start is None:
        return {
            "deadline_starts_at": _(
                "Hãy nhập thời điểm tính hạn (kết thúc sự kiện, nhận hoặc ký văn bản)."
            )
        }
    if start is not None and not kind:
        return {"deadline_kind": _("Hãy chọn loại thông tin để tính hạn đăng.")}
    return {}

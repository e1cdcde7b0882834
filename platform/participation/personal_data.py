"""One person's data on this site (Nghị định 13/2023/NĐ-CP, Đ14 and Đ16: the data
subject may obtain and have erased their data): what a site administrator finds by
e-mail or phone, exports (JSON or XLSX) and erases.

It covers what visitors send on the site: questions and feedback
(``participation.Submission``) and comments on drafts (``consultation.DraftComment``).
An export and an erasure are written to the platform audit trail (with the items'
codes and counts, never the contact itself). The search, the export and the erasure
are for the roles in ``ROLES`` only (``can_manage``).
"""

import datetime
import io
import json

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participation import services
from participation.models import Submission

#: board roles (provisioning/board.yaml) who may export and erase a person's data
ROLES = ("quan_tri", "truong_ban")


def can_manage(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from provisioning.board import has_role

    return has_role(user, *ROLES)


def normalise(contact: str) -> str:
    """The contact as searched: an e-mail in lower case, or a phone's digits;
    ``ValidationError`` with a Vietnamese message when it is neither."""
    contact = (contact or "").strip()
    if not contact:
        raise ValidationError(_("Nhập thư điện tử hoặc số điện thoại của người cần tra cứu."))
    if "@" in contact:
        try:
            validate_email(contact)
        except ValidationError:
            raise ValidationError(_("Thư điện tử không hợp lệ.")) from None
        return contact.lower()
    digits = "".join(ch for ch in contact if ch.isdigit())
    if len(digits) < 8 or len(digits) > 15 or any(ch.isalpha() for ch in contact):
        raise ValidationError(_("Số điện thoại không hợp lệ (8 đến 15 chữ số)."))
    return digits


def find(contact: str) -> dict:
    """Everything the site holds about the person with ``contact`` (normalised)."""
    from consultation.services import person_comments

    return {
        "submissions": list(
            services.person_items(contact).select_related("assignee").order_by("created_at")
        ),
        "comments": list(person_comments(contact).order_by("created_at")),
    }


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def rows(found: dict) -> dict[str, list[dict]]:
    """The person's items as plain values (the export's content), keyed by sheet."""
    submissions = [
        {
            _("mã tra cứu"): item.code,
            _("loại"): item.get_kind_display(),
            _("trạng thái"): item.get_state_display(),
            _("họ và tên"): item.name,
            _("thư điện tử"): item.email,
            _("điện thoại"): item.phone,
            _("địa chỉ, cơ quan, tổ chức"): item.address,
            _("đồng ý xử lý dữ liệu cá nhân lúc"): _when(item.consent_at),
            _("lĩnh vực"): item.field,
            _("tiêu đề"): item.title,
            _("nội dung"): item.body,
            _("tệp đính kèm"): item.attachment.name.rsplit("/", 1)[-1] if item.attachment else "",
            _("ngày nhận"): _when(item.created_at),
            _("nội dung trả lời"): item.answer,
            _("cơ quan trả lời"): item.answering_body,
            _("lý do không tiếp nhận"): item.decline_reason,
            _("chuyển tới"): item.forwarded_to,
            _("chuyển từ"): item.forwarded_from,
        }
        for item in found["submissions"]
    ]
    comments = [
        {
            _("mã tiếp nhận"): comment.code,
            _("dự thảo"): comment.page.title,
            _("trạng thái"): comment.get_status_display(),
            _("họ và tên"): comment.name,
            _("thư điện tử"): comment.email,
            _("điện thoại"): comment.phone,
            _("cơ quan, tổ chức"): comment.organisation,
            _("đồng ý xử lý dữ liệu cá nhân lúc"): _when(comment.consented_at),
            _("điều được góp ý"): comment.article,
            _("nội dung góp ý"): comment.text,
            _("thời điểm gửi"): _when(comment.created_at),
        }
        for comment in found["comments"]
    ]
    return {_("Câu hỏi, phản ánh"): submissions, _("Góp ý dự thảo"): comments}


def export_json(found: dict, site_name: str) -> bytes:
    data = {
        _("trang"): site_name,
        _("thời điểm trích xuất"): _when(timezone.now()),
        **rows(found),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def export_xlsx(found: dict, site_name: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, items in rows(found).items():
        sheet = book.create_sheet(title[:31])
        if not items:
            sheet.append([_("Không có mục nào.")])
            continue
        sheet.append(list(items[0]))
        for item in items:
            sheet.append([str(value) for value in item.values()])
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"  # what a visitor typed is text, never a formula
    book.properties.title = _("Dữ liệu cá nhân – %(site)s") % {"site": site_name}
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def audit(user, action: str, found: dict, **details) -> None:
    """To the platform audit trail: who, which site, which items (never the contact)."""
    from participation.forwarding import current_tenant
    from tenants.models import record

    record(
        user,
        action,
        site=current_tenant(),
        submissions=[item.code for item in found["submissions"]],
        comments=[comment.code for comment in found["comments"]],
        **details,
    )


def erase_person(contact: str, user) -> dict[str, int]:
    """Erase the person's details from every item found (questions: name, contact,
    address, attachment; comments: name, e-mail, phone), in one transaction, audited.
    Returns the counts."""
    from consultation.services import erase_comment

    with transaction.atomic():
        found = find(contact)
        locked = Submission.objects.select_for_update().filter(
            pk__in=[item.pk for item in found["submissions"]]
        )
        for item in locked:
            services.erase(item)
        for comment in found["comments"]:
            erase_comment(comment)
        audit(user, "participation.personal_data_erased", found)
    return {"submissions": len(found["submissions"]), "comments": len(found["comments"])}


def filename(site_slug: str, extension: str) -> str:
    return f"du-lieu-ca-nhan-{site_slug}-{datetime.date.today():%Y%m%d}.{extension}"

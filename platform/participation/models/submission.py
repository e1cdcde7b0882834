"""A question or a feedback a visitor sent, and what the board did with it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: the tracking code's alphabet: no 0/O, 1/I/L to misread
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    """A tracking code like ``HD-7K3M-Q9TX`` (40 bits of randomness)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"HD-{raw[:4]}-{raw[4:]}"


class Kind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi")
    FEEDBACK = "feedback", _("Phản ánh, kiến nghị")


class State(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời, chờ duyệt đăng")
    PUBLISHED = "published", _("Đã trả lời và công khai")
    CLOSED = "closed", _("Đã trả lời")
    DECLINED = "declined", _("Không tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    DUPLICATE = "duplicate", _("Trùng câu hỏi đã có")


#: states after which nothing more is done (contact details are erased after retention)
CLOSED_STATES = (State.PUBLISHED, State.CLOSED, State.DECLINED, State.FORWARDED, State.DUPLICATE)
OPEN_STATES = (State.RECEIVED, State.ASSIGNED, State.ANSWERED)


def attachment_path(instance, filename: str) -> str:
    """Outside every publicly served folder (only images and documents are served)."""
    from tenants.db import connection

    return f"participation/{connection.schema_name}/{secrets.token_hex(8)}/{filename[-80:]}"


class Submission(models.Model):
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.QUESTION)
    code = models.CharField(_("mã tra cứu"), max_length=20, unique=True, default=new_code)
    page = models.ForeignKey(
        "participation.QAPage",
        verbose_name=_("trang hỏi – đáp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    # the asker (erased after the retention period: erased_at)
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ, cơ quan, tổ chức"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu cá nhân lúc"))
    # what was asked
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    attachment = models.FileField(
        _("tệp đính kèm"), upload_to=attachment_path, blank=True, max_length=255
    )
    created_at = models.DateTimeField(_("ngày nhận"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("hạn trả lời"), null=True, blank=True)
    # what the board does
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State, default=State.RECEIVED, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.CharField(_("đơn vị xử lý"), max_length=255, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answering_body = models.CharField(_("cơ quan trả lời"), max_length=255, blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    answer_page = models.ForeignKey(
        "participation.QAAnswerPage",
        verbose_name=_("trang trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    forwarded_to = models.CharField(_("chuyển tới"), max_length=255, blank=True)
    #: the item was forwarded from another site (its name); else forwarded out, if forward_id
    forwarded_from = models.CharField(_("chuyển từ"), max_length=255, blank=True)
    #: the id of its row in ``public`` (forwarding.Forward), either way
    forward_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    erased_at = models.DateTimeField(_("đã xoá thông tin cá nhân lúc"), null=True, blank=True)
    # e-mails: the events already told (never twice; the sweep sends what is missing)
    board_notified = models.BooleanField(default=False)
    acknowledged = models.BooleanField(default=False)
    asker_told_state = models.CharField(max_length=20, blank=True)
    assignee_told_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("câu hỏi, phản ánh")
        verbose_name_plural = _("câu hỏi, phản ánh")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.code} – {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def forward_row(self):
        """The public row of an item this site forwarded: the target's progress."""
        from participation.forwarding import progress

        return progress(self)

    @property
    def overdue(self) -> bool:
        return bool(self.is_open and self.due_at and self.due_at < timezone.now())

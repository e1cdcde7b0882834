"""The forwarding exchange: visitors' questions a site sends on to the competent site.

It lives in ``public`` (a shared app), like the syndication exchange: the origin's
board writes a row in the same transaction as marking its item *forwarded*; the
target site imports the row into its own schema (its inbox); the target's actions
on the item update the row in their own transactions; the origin reads the progress
and the answer from the row. No site ever reads another site's schema.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Forward(models.Model):
    # the site that received the question
    origin = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("trang chuyển"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="questions_forwarded",
    )
    origin_name = models.CharField(_("trang chuyển"), max_length=255)
    #: the item's id in the origin's schema
    origin_item = models.PositiveIntegerField(_("mã mục ở trang chuyển"))
    # the competent site
    target = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("chuyển tới"),
        on_delete=models.CASCADE,
        related_name="questions_received",
    )
    target_name = models.CharField(_("chuyển tới"), max_length=255)
    #: the item's id in the target's schema, once imported
    target_item = models.PositiveIntegerField(_("mã mục ở trang nhận"), null=True, blank=True)
    imported_at = models.DateTimeField(_("trang nhận đã nhận lúc"), null=True, blank=True)
    # the question (non-personal)
    code = models.CharField(_("mã tra cứu"), max_length=20)
    kind = models.CharField(_("loại"), max_length=20)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    asked_at = models.DateTimeField(_("ngày gửi"))
    note = models.TextField(_("ghi chú của trang chuyển"), blank=True)
    # the asker's contact, needed to answer: blanked once the target has imported it
    name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ, cơ quan, tổ chức"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu cá nhân lúc"))
    forwarded_by = models.CharField(_("người chuyển"), max_length=150, blank=True)
    forwarded_at = models.DateTimeField(_("chuyển lúc"), auto_now_add=True, db_index=True)
    # the target's progress (participation.models.State values), written by the target
    state = models.CharField(_("trạng thái ở trang nhận"), max_length=20, default="received")
    unit = models.CharField(_("đơn vị xử lý"), max_length=255, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answering_body = models.CharField(_("cơ quan trả lời"), max_length=255, blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    answer_url = models.URLField(_("trang trả lời"), max_length=500, blank=True)
    decline_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("câu hỏi được chuyển")
        verbose_name_plural = _("câu hỏi được chuyển")
        ordering = ["-forwarded_at"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "origin_item"], name="forward_once")
        ]
        indexes = [models.Index(fields=["target", "target_item"])]

    def __str__(self):
        return f"{self.code} → {self.target_name}"

    def get_state_label(self) -> str:
        """The target's progress in words (the participation states' labels)."""
        from participation.models.submission import State

        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state

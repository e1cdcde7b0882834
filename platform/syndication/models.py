"""The exchange: stories component sites offer up to their parent portal.

It lives in ``public`` (a shared app): a site's publish writes its offer here in
the publish's own transaction (schemas share one database), and the parent's
admin reads its inbox from here, never from a child's schema. Each row is a
snapshot of the story as the source last published it, the parent's decision,
and what became of the parent's copy.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferStatus(models.TextChoices):
    OFFERED = "offered", _("Mới gửi")
    SEEN = "seen", _("Đã xem")
    UPDATED = "updated", _("Nguồn đã cập nhật")
    ACCEPTED = "accepted", _("Đã nhận")
    REJECTED = "rejected", _("Đã từ chối")
    WITHDRAWN = "withdrawn", _("Nguồn đã gỡ")


#: statuses in which the parent has not decided yet
OPEN_STATUSES = (OfferStatus.OFFERED, OfferStatus.SEEN)


class Offer(models.Model):
    # The source site: kept by key and name when the site itself is deleted.
    source = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("trang nguồn"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="offers_made",
    )
    source_key = models.CharField(_("mã trang nguồn"), max_length=41)
    source_name = models.CharField(_("trang nguồn"), max_length=255)
    source_kind = models.CharField(_("loại trang nguồn"), max_length=32)
    target = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("gửi tới"),
        on_delete=models.CASCADE,
        related_name="offers_received",
    )
    # The story at the source (ids in the source's schema).
    page_id = models.PositiveIntegerField(_("mã trang ở nguồn"))
    revision_id = models.PositiveIntegerField(_("phiên bản ở nguồn"))
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64)
    title = models.CharField(_("tiêu đề"), max_length=255)
    lead = models.TextField(_("sapo"), blank=True)
    body = models.TextField(_("nội dung (HTML đã làm sạch)"), blank=True)
    #: the raw StreamField of the body, to rebuild it on the parent
    stream = models.JSONField(default=list, blank=True)
    #: [{"id", "file", "title", "alt", "width", "height", "url"}]: the story's images
    images = models.JSONField(default=list, blank=True)
    feed_image = models.PositiveIntegerField(null=True, blank=True)
    author = models.CharField(_("tác giả"), max_length=120, blank=True)
    #: the story's own source when the offering site republished it from elsewhere
    #: ({"name", "author", "published_at", "url"}): it stays named further up
    credit = models.JSONField(default=dict, blank=True)
    category = models.CharField(_("chuyên mục"), max_length=120, blank=True)
    url = models.URLField(_("liên kết bài gốc"), max_length=500)
    published_at = models.DateTimeField(_("đăng lần đầu ở nguồn"))
    offered_at = models.DateTimeField(_("gửi lên lúc"), auto_now_add=True, db_index=True)
    changed_at = models.DateTimeField(_("nguồn cập nhật lúc"))
    # The parent's side.
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=OfferStatus.choices, default=OfferStatus.OFFERED
    )
    decided_by = models.CharField(_("người xử lý"), max_length=150, blank=True)
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    reason = models.TextField(_("lý do từ chối"), blank=True)
    accepted_page_id = models.PositiveIntegerField(_("bài ở trang nhận"), null=True, blank=True)
    #: what the parent took (title, lead, body, hash): the comparison with an update
    accepted = models.JSONField(null=True, blank=True)
    parent_url = models.URLField(_("bài đăng ở trang nhận"), max_length=500, blank=True)
    parent_published_at = models.DateTimeField(null=True, blank=True)
    #: slow work still to do: e-mail the parent's board about a withdrawal
    alert_pending = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("tin gửi lên")
        verbose_name_plural = _("tin gửi lên")
        ordering = ["-changed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key", "page_id", "target"], name="offer_once_per_story_and_target"
            ),
        ]
        indexes = [
            models.Index(fields=["target", "-changed_at"], name="offer_inbox"),
            models.Index(fields=["source_key", "-changed_at"], name="offer_outbox"),
            # each site's latest headlines on its parent's directory
            models.Index(fields=["target", "source_key", "-published_at"], name="offer_headlines"),
            models.Index(
                fields=["target", "-parent_published_at"],
                name="offer_republished",
                condition=models.Q(parent_published_at__isnull=False),
            ),
            models.Index(
                fields=["alert_pending"],
                name="offer_alert_pending",
                condition=models.Q(alert_pending=True),
            ),
        ]

    def __str__(self):
        return f"{self.source_name}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

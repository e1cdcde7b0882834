"""Drafts open for public comment (dự thảo lấy ý kiến): the index, the draft page,
the comments visitors send and the record that a draft's close was announced.

A draft's state comes from its dates only (``opens_at``, ``closes_at``), so it is
right at any instant without a task having run; the periodic task
(``consultation.tasks``) only purges the page cache and tells the board once.
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, FloatField, IntegerField, Value, When
from django.db.models.functions import Extract
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pages import public
from core.text import StrippedTextMixin


class DraftState(models.TextChoices):
    UPCOMING = "sap_mo", _("Sắp mở")
    OPEN = "dang_lay_y_kien", _("Đang lấy ý kiến")
    CLOSED = "da_ket_thuc", _("Đã hết hạn lấy ý kiến")


def _next_local_midnight(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def cache_seconds_until(moment: dt.datetime | None, now: dt.datetime) -> int | None:
    """Seconds a cached copy may live so that it does not outlive ``moment`` (None: no
    limit); at least 1, since a page served at the very instant is right for it."""
    if moment is None:
        return None
    return max(1, int((moment - now).total_seconds()))


class ConsultationIndexPage(StrippedTextMixin, Page):
    """Lấy ý kiến dự thảo: the site's drafts, open ones first with the days left."""

    lead = models.TextField(_("lời dẫn"), blank=True)
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("lead")]
    parent_page_types = ["home.HomePage", "sitepages.ContentPage"]
    subpage_types = ["consultation.DraftConsultationPage"]

    class Meta:
        verbose_name = _("danh sách dự thảo lấy ý kiến")
        verbose_name_plural = _("danh sách dự thảo lấy ý kiến")

    def drafts(self, now: dt.datetime | None = None):
        """The live, public drafts under this index: open ones first, soonest deadline
        first; then those not yet open; then closed ones, latest closed first."""
        now = now or timezone.now()
        rank = Case(
            When(opens_at__gt=now, then=Value(1)),
            When(closes_at__gt=now, then=Value(0)),
            default=Value(2),
            output_field=IntegerField(),
        )
        order = Case(
            When(opens_at__gt=now, then=Extract("opens_at", "epoch")),
            When(closes_at__gt=now, then=Extract("closes_at", "epoch")),
            default=-Extract("closes_at", "epoch"),
            output_field=FloatField(),
        )
        return (
            public(DraftConsultationPage.objects.child_of(self).live())
            .annotate(state_rank=rank, state_order=order)
            .order_by("state_rank", "state_order", F("id"))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        drafts = list(self.drafts(now)[:200])
        for draft in drafts:
            draft.state_now = draft.state(now)
            draft.days_left_now = draft.days_left(now)
        context.update(drafts=drafts, now=now)
        return context

    def cache_until(self, now: dt.datetime) -> dt.datetime:
        """The list changes when a draft opens or closes, and its days left at midnight."""
        moments = [_next_local_midnight(now)]
        for opens_at, closes_at in (
            DraftConsultationPage.objects.child_of(self)
            .live()
            .filter(closes_at__gt=now)
            .values_list("opens_at", "closes_at")[:200]
        ):
            moments.append(opens_at if opens_at > now else closes_at)
        return min(moments)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        now = timezone.now()
        response.page_cache_timeout = cache_seconds_until(self.cache_until(now), now)
        return response


class DraftConsultationPage(StrippedTextMixin, Page):
    """Dự thảo lấy ý kiến: one draft document, its files, period and comments."""

    drafting_body = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=255)
    summary = models.TextField(_("tóm tắt nội dung dự thảo"))
    opens_at = models.DateTimeField(_("bắt đầu lấy ý kiến"))
    closes_at = models.DateTimeField(
        _("hết hạn lấy ý kiến"),
        help_text=_("Sau thời điểm này trang tự chuyển sang “Đã hết hạn lấy ý kiến”."),
    )
    send_address = models.TextField(
        _("địa chỉ nhận ý kiến góp ý"),
        blank=True,
        help_text=_("Nơi gửi văn bản góp ý bằng đường bưu chính, ngoài biểu mẫu trên trang."),
    )
    send_email = models.EmailField(_("thư điện tử nhận ý kiến góp ý"), blank=True)
    summary_report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("báo cáo tổng hợp, tiếp thu, giải trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Đăng sau khi hết hạn lấy ý kiến."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("drafting_body"),
        FieldPanel("summary"),
        InlinePanel("draft_files", heading=_("Tệp dự thảo"), label=_("tệp dự thảo"), min_num=1),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Thời hạn lấy ý kiến"),
        ),
        MultiFieldPanel(
            [FieldPanel("send_address"), FieldPanel("send_email")],
            heading=_("Nơi nhận ý kiến góp ý khác"),
        ),
        InlinePanel(
            "articles",
            heading=_("Các điều của dự thảo để chọn khi góp ý"),
            label=_("điều"),
        ),
        FieldPanel("summary_report"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("drafting_body"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Thời điểm hết hạn phải sau thời điểm bắt đầu lấy ý kiến.")}
            )

    def state(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return DraftState.UPCOMING
        if now < self.closes_at:
            return DraftState.OPEN
        return DraftState.CLOSED

    def state_label(self, now: dt.datetime | None = None) -> str:
        return str(DraftState(self.state(now)).label)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.state(now) == DraftState.OPEN

    def days_left(self, now: dt.datetime | None = None) -> int | None:
        """Calendar days from today to the closing day (0: closes today), while open."""
        now = now or timezone.now()
        if not self.is_open(now):
            return None
        return (timezone.localdate(self.closes_at) - timezone.localdate(now)).days

    def article_choices(self) -> list[str]:
        return [article.label for article in self.articles.all()]

    def published_comments(self):
        return self.comments.filter(status=CommentStatus.PUBLISHED).order_by("created_at", "id")

    def cache_until(self, now: dt.datetime) -> dt.datetime | None:
        """The page changes when the draft opens and when it closes (and, while open,
        its days left at midnight)."""
        state = self.state(now)
        if state == DraftState.UPCOMING:
            return self.opens_at
        if state == DraftState.OPEN:
            return min(self.closes_at, _next_local_midnight(now))
        return None

    def get_context(self, request, *args, **kwargs):
        from consultation.forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            now=now,
            state=self.state(now),
            days_left=self.days_left(now),
            files=[f.document for f in self.draft_files.select_related("document")],
        )
        if self.is_open(now) and "form" not in context:
            context["form"] = CommentForm(page=self)
        if self.state(now) == DraftState.CLOSED:
            context["comments"] = list(self.published_comments())
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        now = timezone.now()
        response.page_cache_timeout = cache_seconds_until(self.cache_until(now), now)
        return response


class DraftFile(Orderable):
    page = ParentalKey(DraftConsultationPage, on_delete=models.CASCADE, related_name="draft_files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp dự thảo")


class DraftArticle(Orderable):
    page = ParentalKey(DraftConsultationPage, on_delete=models.CASCADE, related_name="articles")
    label = models.CharField(_("điều"), max_length=255, help_text=_("Ví dụ: Điều 3. Mức hỗ trợ"))
    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("điều của dự thảo")

    def __str__(self):
        return self.label


class CommentStatus(models.TextChoices):
    PENDING = "cho_xu_ly", _("Chờ xem xét")
    PUBLISHED = "cong_khai", _("Công khai")
    HIDDEN = "khong_cong_khai", _("Không công khai")


def new_code() -> str:
    """A comment's acknowledgement code: GY- and 8 characters without look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "GY-" + "".join(secrets.choice(alphabet) for _ in range(8))


class DraftComment(models.Model):
    """A visitor's comment on a draft. Never shown before the board publishes it, and
    then only after the draft closes; name and organisation are shown, the e-mail
    and phone never."""

    page = models.ForeignKey(
        DraftConsultationPage,
        verbose_name=_("dự thảo"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    code = models.CharField(_("mã tiếp nhận"), max_length=16, unique=True, default=new_code)
    name = models.CharField(_("họ và tên"), max_length=150)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    article = models.CharField(_("điều được góp ý"), max_length=255, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, db_index=True)
    consented_at = models.DateTimeField(_("đồng ý thông báo xử lý dữ liệu cá nhân lúc"))

    class Meta:
        verbose_name = _("ý kiến góp ý dự thảo")
        verbose_name_plural = _("ý kiến góp ý dự thảo")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        from core.page_cache import purge_site

        creating = self._state.adding
        super().save(*args, **kwargs)
        # a new comment waits unseen; a change of status may change the closed page
        if not creating or self.status == CommentStatus.PUBLISHED:
            purge_site()

    def due(self):
        """The board's due date for a comment: the draft's closing date."""
        return timezone.localtime(self.page.closes_at).strftime("%d/%m/%Y")

    due.short_description = _("hạn tổng hợp")  # type: ignore[attr-defined]


class ClosureNotice(models.Model):
    """That the board was told a draft closed at ``closes_at`` (once per deadline)."""

    page = models.ForeignKey(DraftConsultationPage, on_delete=models.CASCADE, related_name="+")
    closes_at = models.DateTimeField()
    notified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "closes_at"], name="consultation_closure_once")
        ]

    def __str__(self):
        return f"{self.page_id} @ {self.closes_at:%Y-%m-%d %H:%M}"

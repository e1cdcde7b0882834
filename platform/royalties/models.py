"""Royalties (nhuận bút, 000 Đ15–16, 003 Đ19.4): authors, the site's rate table, statements."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel


class Contributor(models.Model):
    """An author of the site: a board member (linked to the account) or an outside
    contributor. ``pen_name`` is what readers see; bank details and the tax code are
    shown only to the site administrator and the head (``permissions.can_see_private``).
    """

    class Kind(models.TextChoices):
        BOARD = "board", _("thành viên Ban Biên tập")
        OUTSIDE = "outside", _("cộng tác viên")

    full_name = models.CharField(_("họ và tên"), max_length=120)
    pen_name = models.CharField(_("bút danh"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.OUTSIDE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="royalty_contributor",
    )
    source_site = models.CharField(
        _("trang gốc"),
        max_length=255,
        blank=True,
        help_text=_("Với tác giả của bài nhận đăng lại từ trang khác: tên trang gốc."),
    )
    bank_account = models.CharField(_("số tài khoản"), max_length=40, blank=True)
    bank_name = models.CharField(_("ngân hàng"), max_length=120, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)

    PRIVATE_FIELDS = ("bank_account", "bank_name", "tax_code")

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.pen_name})" if self.pen_name else self.full_name


class WorkKind(models.TextChoices):
    NEWS = "news", _("tin")
    ARTICLE = "article", _("bài viết")
    COMMENTARY = "commentary", _("bình luận, chuyên luận")
    PHOTO = "photo", _("ảnh")
    TRANSLATION = "translation", _("bài dịch")


class ArticleAuthor(models.Model):
    """An author of a news article and the kind of work it is, for the royalty.

    Edited inline in the article editor (a ParentalKey: the authors go into the page's
    revisions with the rest of the article and reach the table when it is published).
    """

    page = ParentalKey(
        "news.NewsArticlePage",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="royalty_authors",
    )
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="works"
    )
    kind = models.CharField(_("thể loại"), max_length=16, choices=WorkKind.choices)
    share = models.DecimalField(
        _("tỷ lệ hưởng (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0))],
    )

    panels = [FieldPanel("contributor"), FieldPanel("kind"), FieldPanel("share")]

    class Meta:
        verbose_name = _("tác giả bài viết")
        verbose_name_plural = _("tác giả bài viết")
        constraints = [
            models.UniqueConstraint(fields=["page", "contributor"], name="royalty_author_once")
        ]

    def __str__(self):
        return f"{self.contributor} – {self.page}"


class Rate(models.Model):
    """A line of the site's rate table: a kind of work paid an amount (VND), or points
    times a point value, from ``valid_from`` to ``valid_to`` (open when empty)."""

    kind = models.CharField(_("thể loại"), max_length=16, choices=WorkKind.choices)
    amount = models.PositiveIntegerField(_("mức tiền (đồng)"), null=True, blank=True)
    points = models.DecimalField(
        _("số điểm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    point_value = models.PositiveIntegerField(_("giá trị một điểm (đồng)"), null=True, blank=True)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mức nhuận bút")
        verbose_name_plural = _("bảng nhuận bút")
        ordering = ["kind", "valid_from"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value():,} đ"

    def value(self) -> int:
        if self.amount is not None:
            return self.amount
        return int((self.points or 0) * (self.point_value or 0))

    def clean(self):
        errors: dict[str, object] = {}
        if self.amount is None and (self.points is None or self.point_value is None):
            errors["amount"] = _("Nhập mức tiền, hoặc số điểm và giá trị một điểm.")
        if self.points is not None and self.points < 0:
            errors["points"] = _("Số điểm không được âm.")
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if not errors and self.valid_from:
            from royalties.services import rate_table_problem

            problem = rate_table_problem(self)
            if problem:
                errors["valid_from"] = problem
        if errors:
            raise ValidationError(errors)


class Statement(models.Model):
    """The royalties of one author for one period (a month or a quarter)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("dự thảo")
        APPROVED = "approved", _("đã duyệt")

    contributor = models.ForeignKey(
        Contributor, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="statements"
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    period_label = models.CharField(_("kỳ"), max_length=40)
    lines = models.JSONField(_("các tác phẩm"), default=list)
    total = models.PositiveBigIntegerField(_("tổng cộng (đồng)"), default=0)
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default="draft")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bảng kê nhuận bút")
        verbose_name_plural = _("bảng kê nhuận bút")
        ordering = ["-period_start", "contributor__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contributor", "period_start", "period_end"], name="royalty_statement_once"
            )
        ]

    def __str__(self):
        return f"{self.contributor.full_name} – {self.period_label}"

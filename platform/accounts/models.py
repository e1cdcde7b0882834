"""Accounts of the active schema (a site's board, or the console's operators in
public): the history of their passwords, for the password policy."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class PasswordHistory(models.Model):
    """One password a user has had (its hash, never the password), newest last.

    Written by ``accounts.validators.PasswordHistoryValidator.password_changed``
    whenever a password is set; read to refuse a recent password again and to
    date the last change (``PASSWORD_MAX_AGE_DAYS``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_history",
        verbose_name=_("người dùng"),
    )
    password_hash = models.CharField(_("mã băm mật khẩu"), max_length=255)
    created_at = models.DateTimeField(_("thời điểm đặt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mật khẩu đã dùng")
        verbose_name_plural = _("mật khẩu đã dùng")
        ordering = ["-created_at", "-id"]
        permissions = [("unlock_accounts", _("Có thể mở khóa tài khoản bị khóa đăng nhập"))]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"


def last_password_change(user):
    """When ``user`` last set a password (None: not since the history began)."""
    return (
        PasswordHistory.objects.filter(user=user)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )


def validate_networks(value: str) -> None:
    from accounts.networks import parse_networks

    parse_networks((value or "").splitlines())


@register_setting(icon="lock", order=620)
class NetworkAccess(BaseGenericSetting):
    """Settings → Mạng nội bộ: the site's internal networks and whether its restricted
    pages (a view restriction on the page or an ancestor) and their documents are
    served only to requests from them, in addition to the login the restriction asks
    for (``accounts.wagtail_hooks``, ``core.private_files``)."""

    internal_networks = models.TextField(
        _("Mạng nội bộ (CIDR, mỗi dòng một dải)"),
        blank=True,
        validators=[validate_networks],
        help_text=_("Ví dụ: 10.10.0.0/16. Có thể ghi chú sau dấu #."),
    )
    restricted_pages_internal_only = models.BooleanField(
        _("Trang hạn chế chỉ xem được từ mạng nội bộ"),
        default=False,
        help_text=_(
            "Khi bật, trang có giới hạn người xem (và các trang con, tệp đính kèm của "
            "chúng) chỉ được phục vụ cho truy cập từ các dải mạng nội bộ ở trên, kể cả "
            "khi người xem đã đăng nhập."
        ),
    )

    panels = [FieldPanel("internal_networks"), FieldPanel("restricted_pages_internal_only")]

    class Meta:
        verbose_name = _("Mạng nội bộ")
        verbose_name_plural = _("Mạng nội bộ")

    def clean(self):
        super().clean()
        if self.restricted_pages_internal_only and not self.networks():
            raise ValidationError(
                {
                    "internal_networks": _(
                        "Cần ít nhất một dải mạng nội bộ để giới hạn các trang hạn chế."
                    )
                }
            )

    def networks(self):
        from accounts.networks import parse_networks

        try:
            return parse_networks(self.internal_networks.splitlines())
        except ValidationError:
            return []


@register_setting(icon="doc-full", order=630)
class UploadPolicy(BaseGenericSetting):
    """Settings → Tệp tải lên: what the document library accepts beyond the types a
    portal publishes (``documents.uploads``). Archives are off by default: a site
    administrator turns them on when the site must publish them (e.g. a dossier of
    scanned forms); their content is still checked (``validate_archive``)."""

    allow_archives = models.BooleanField(
        _("Cho phép tải lên tệp nén ZIP"),
        default=False,
        help_text=_(
            "Tệp nén vẫn được kiểm tra nội dung: phải là tệp ZIP hợp lệ, không chứa tệp "
            "chạy được (EXE, BAT, JS…) và không quá lớn khi giải nén."
        ),
    )

    panels = [FieldPanel("allow_archives")]

    class Meta:
        verbose_name = _("Tệp tải lên")
        verbose_name_plural = _("Tệp tải lên")


class OperatorAccount(models.Model):
    """Marks a site's service account of one operator of the operations centre
    (``vanhanh.<operator>``): it has no usable password and is signed in only by a
    one-time link from the console (``accounts.operator``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="operator_account",
        verbose_name=_("tài khoản"),
    )
    operator = models.CharField(_("người vận hành"), max_length=150)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản của Trung tâm vận hành")
        verbose_name_plural = _("tài khoản của Trung tâm vận hành")

    def __str__(self) -> str:
        return self.operator

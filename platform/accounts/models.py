"""Accounts of the active schema (a site's board, or the console's operators in
public): the history of their passwords, for the password policy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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

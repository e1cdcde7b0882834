"""The password policy's own validator: no reuse of the last N passwords."""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class PasswordHistoryValidator:
    """Refuses any of the user's last ``count`` passwords (the current one included)
    and, through Django's ``password_changed`` hook, records each new password's hash."""

    def __init__(self, count: int = 5):
        self.count = max(0, int(count))

    def _recent_hashes(self, user) -> list[str]:
        from accounts.models import PasswordHistory

        if user is None or user.pk is None or self.count == 0:
            return []
        hashes = list(
            PasswordHistory.objects.filter(user=user)
            .order_by("-created_at", "-id")
            .values_list("password_hash", flat=True)[: self.count]
        )
        # the current password counts even when it was set before the history began
        if user.has_usable_password() and user.password not in hashes:
            hashes = [user.password, *hashes][: self.count]
        return hashes

    def validate(self, password, user=None):
        for encoded in self._recent_hashes(user):
            if check_password(password, encoded):
                raise ValidationError(
                    ngettext(
                        "Mật khẩu này trùng với mật khẩu gần đây nhất của anh/chị. "
                        "Vui lòng chọn mật khẩu khác.",
                        "Mật khẩu này trùng với một trong %(count)d mật khẩu gần đây nhất "
                        "của anh/chị. Vui lòng chọn mật khẩu khác.",
                        self.count,
                    )
                    % {"count": self.count},
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        from accounts.models import PasswordHistory

        if user is None or user.pk is None or not user.has_usable_password():
            return
        PasswordHistory.objects.create(user=user, password_hash=user.password)
        # keep what the policy needs, and a little more for the dates
        keep = max(self.count, 1)
        stale = PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id")[keep:]
        PasswordHistory.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()

    def get_help_text(self):
        return ngettext(
            "Mật khẩu không được trùng với mật khẩu gần đây nhất.",
            "Mật khẩu không được trùng với %(count)d mật khẩu gần đây nhất.",
            self.count,
        ) % {"count": self.count}

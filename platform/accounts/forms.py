"""The admin's password-reset form, throttled: each request sends an e-mail, so an
unthrottled form lets anyone flood a board member's mailbox (or the platform's mail
quota) from a script.

Past the limits the form answers exactly as when it sends (the "check your mailbox"
page): nothing tells a script whether an address exists or was throttled. Counters are
kept in the cache, whose keys are per site (``core.cache_keys``).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from wagtail.admin.forms.auth import PasswordResetForm

from accounts.lockout import client_ip

logger = logging.getLogger(__name__)


def _count(key: str, window: int) -> int:
    """Add one to the counter ``key`` (expiring after ``window`` seconds); its value."""
    try:
        cache.add(key, 0, window)
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def reset_allowed(request, email: str) -> bool:
    """Count one reset request for ``email`` from ``request``'s address; False past
    ``PASSWORD_RESET_LIMIT_PER_EMAIL`` for the address asked about or
    ``PASSWORD_RESET_LIMIT_PER_ADDRESS`` from one client within
    ``PASSWORD_RESET_WINDOW`` seconds. A cache that cannot count lets the request
    through (a reset must still work when Redis is down)."""
    window = settings.PASSWORD_RESET_WINDOW
    digest = hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]
    try:
        per_email = _count(f"accounts:reset:email:{digest}", window)
        per_address = _count(f"accounts:reset:addr:{client_ip(request) or 'unknown'}", window)
    except Exception:
        logger.warning("Không đếm được yêu cầu đặt lại mật khẩu (bộ nhớ đệm)", exc_info=True)
        return True
    return (
        per_email <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
        and per_address <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    )


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        if request is not None and not reset_allowed(request, email):
            logger.warning(
                "Yêu cầu đặt lại mật khẩu vượt giới hạn, không gửi thư",
                extra={"address": client_ip(request)},
            )
            return
        return super().save(*args, request=request, **kwargs)

"""What stands between a visitor's form and the site's tables (docs/participation.md).

Every form a visitor sends without signing in (a question, a comment on a draft,
feedback) goes through four checks, none of which calls an outside service:

* **proof of work** (ALTCHA, the ``altcha`` package's v1 scheme): the page's script
  (``themes/base/js/altcha.js``) fetches a challenge from ``/tham-gia/thu-thach/``,
  finds the number whose SHA-256 with the salt gives it, and puts the solution in the
  form's ``altcha`` field. The challenge is signed with a key of this site (a proof
  made for one site is worthless on another), expires after
  ``PARTICIPATION_CHALLENGE_TTL`` seconds and is **single-use**: its signature is
  remembered in the cache until it expires, so a replayed proof is refused.
* **honeypot**: a field (``website``) hidden from people; a robot that fills it is refused.
* **rate limit** per client address (``accounts.lockout.client_ip``) and site:
  ``PARTICIPATION_RATE_LIMIT`` submissions per ``PARTICIPATION_RATE_WINDOW`` seconds,
  counted in the cache (Redis in production; keys carry the site); beyond it an HTTP
  429 with a Vietnamese notice, other addresses unaffected.
* **same origin**: the submission endpoints are CSRF-exempt (a page served from the
  anonymous page cache carries no visitor's CSRF token), so the browser's ``Origin``
  (or else ``Referer``) must name this host; a cross-site form is refused (403).
  Nothing a visitor sends here changes a session or an account, which is what a CSRF
  token protects; the proof, honeypot and limit guard the tables instead.

``ProtectedForm`` applies the proof and the honeypot and cleans text (NFC, markup
stripped); ``visitor_submission`` wraps a view with the origin check and the rate
limit; ``clean_attachment`` checks an attached PDF or image by size and content.
"""

import datetime
import functools
import hashlib
import hmac
import logging
import os
import re
import time
from typing import Literal

import altcha
from accounts.lockout import client_ip

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from core.text import nfc
from documents.validators import validate_file_size, validate_upload_content
from tenants.db import connection

logger = logging.getLogger(__name__)

ALGORITHM: Literal["SHA-256"] = "SHA-256"
#: the name of the form field holding the solution (the widget fills it)
PROOF_FIELD = "altcha"
#: the honeypot's name: a field a person never sees
HONEYPOT_FIELD = "website"
#: what a visitor may attach: extension → checked by content (documents.validators)
ATTACHMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "webp", "gif")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _setting(name: str, default):
    return getattr(settings, name, default)


def _hmac_key() -> str:
    """This site's signing key: derived from SECRET_KEY and the site's schema."""
    return hmac.new(
        settings.SECRET_KEY.encode(),
        f"participation.altcha:{connection.schema_name}".encode(),
        hashlib.sha256,
    ).hexdigest()


def new_challenge() -> dict:
    """A signed challenge for the widget, as the JSON the ALTCHA widgets read."""
    ttl = _setting("PARTICIPATION_CHALLENGE_TTL", 1200)
    challenge = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(
            algorithm=ALGORITHM,
            max_number=_setting("PARTICIPATION_CHALLENGE_MAX_NUMBER", 50_000),
            hmac_key=_hmac_key(),
            expires=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=ttl),
        )
    )
    return challenge.to_dict()


def _used_key(signature: str) -> str:
    return f"participation:proof:{signature}"


def check_proof(payload: str, *, consume: bool = True) -> None:
    """Accept a solved challenge of this site, or raise ``ValidationError``.

    Missing, malformed, forged (bad signature or wrong number), expired or — when
    ``consume`` — already used proofs are refused. ``consume=True`` remembers the
    proof until its expiry, so it cannot be sent again.
    """
    if not payload:
        raise ValidationError(
            _(
                "Chưa có xác minh chống thư rác. Hãy bật JavaScript, chờ dòng "
                "“Đã xác minh” rồi gửi lại."
            ),
            code="proof_missing",
        )
    forged = ValidationError(
        _("Xác minh chống thư rác không hợp lệ hoặc đã hết hạn. Hãy tải lại trang rồi gửi lại."),
        code="proof_invalid",
    )
    if len(payload) > 2000:
        raise forged
    try:
        parsed = altcha.PayloadV1.from_base64(payload)
        params = altcha.extract_params_v1(parsed.to_dict())
        ok, _error = altcha.verify_solution_v1(payload, _hmac_key(), check_expires=True)
    except Exception:  # noqa: BLE001  -- any malformed payload is simply not a proof
        raise forged from None
    expires = params.get("expires")
    if not ok or parsed.algorithm != ALGORITHM or not expires:
        raise forged
    if not consume:
        return
    timeout = max(1, int(expires[0]) - int(time.time()))
    if not cache.add(_used_key(str(parsed.signature)), 1, timeout):
        raise ValidationError(
            _("Xác minh này đã được dùng. Hãy tải lại trang rồi gửi lại."),
            code="proof_replayed",
        )


def clean_text(value) -> str:
    """What a visitor typed, as stored: NFC, markup and control characters removed,
    ends stripped (line breaks kept)."""
    text = nfc(value)
    text = strip_tags(text)
    text = _CONTROL.sub("", text).replace("\r\n", "\n")
    return text.strip()


def clean_attachment(file, max_size: int | None = None):
    """Refuse an attachment that is not a PDF or an image, by its content, or too large.

    Returns the file (left at its start); ``None`` when there is none.
    """
    if not file:
        return None
    max_size = max_size or _setting("PARTICIPATION_ATTACHMENT_MAX_SIZE", 10 * 1024 * 1024)
    validate_file_size(file, max_size)
    extension = os.path.splitext(file.name or "")[1].lower().lstrip(".")
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Chỉ nhận tệp PDF hoặc ảnh (JPG, PNG, WEBP, GIF)."), code="attachment_type"
        )
    validate_upload_content(file, extension)
    return file


class HoneypotInput(forms.TextInput):
    template_name = "participation/includes/honeypot.html"


class ProtectedForm(forms.Form):
    """Base form for what visitors send: the proof of work, the honeypot, clean text.

    Subclasses declare their fields as usual (``forms.ModelForm`` subclasses may
    inherit from both). Every ``CharField`` is cleaned with ``clean_text`` before its
    own validators run; the proof is checked in ``clean()`` and used up only when the
    form is otherwise valid (a visitor fixing a field gets a new challenge anyway).
    """

    altcha = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=HoneypotInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    #: set by ``is_spam()``: the honeypot was filled
    spam = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name not in (PROOF_FIELD, HONEYPOT_FIELD):
                field.to_python = functools.partial(  # type: ignore[method-assign]
                    self._clean_char, field.to_python
                )

    @staticmethod
    def _clean_char(original, value):
        value = original(value)
        return clean_text(value) if isinstance(value, str) else value

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get(HONEYPOT_FIELD):
            self.spam = True
            raise ValidationError(_("Không gửi được nội dung này."), code="honeypot")
        try:
            check_proof(cleaned.get(PROOF_FIELD, ""), consume=not self.errors)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


def same_origin(request) -> bool:
    """The browser says the form came from this host (``Origin``, else ``Referer``)."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source or source == "null":
        return False
    return url_has_allowed_host_and_scheme(
        source, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def over_rate_limit(request, scope: str = "submit") -> bool:
    """Count one submission of ``request``'s address on this site; True past the limit."""
    limit = _setting("PARTICIPATION_RATE_LIMIT", 10)
    window = _setting("PARTICIPATION_RATE_WINDOW", 600)
    address = client_ip(request) or "unknown"
    key = f"participation:rate:{scope}:{address}"
    try:
        cache.add(key, 0, window)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    except Exception:
        logger.warning("Không đếm được lượt gửi (bộ nhớ đệm)", exc_info=True)
        return False
    return count > limit


def too_many_response(request):
    window = _setting("PARTICIPATION_RATE_WINDOW", 600)
    response = render(
        request,
        "participation/too_many.html",
        {"minutes": max(1, window // 60)},
        status=429,
    )
    response["Retry-After"] = str(window)
    response["Cache-Control"] = "private, no-store"
    return response


def forbidden_origin_response(request):
    response = render(request, "participation/bad_origin.html", status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def visitor_submission(scope: str = "submit"):
    """Decorator for a view receiving visitors' forms: CSRF-exempt (see the module's
    docstring), POST from this host only (403), rate limited per address (429),
    never cached."""

    def decorator(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                if not same_origin(request):
                    return forbidden_origin_response(request)
                if over_rate_limit(request, scope):
                    return too_many_response(request)
            response = view(request, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response

        return wrapped

    return decorator

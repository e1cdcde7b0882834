"""Validators shared by the section page types (organisation, contacts, procedures)."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: Hosts of the national public service portal (Cổng Dịch vụ công quốc gia).
NATIONAL_PORTAL_HOST = "dichvucong.gov.vn"
#: A host under .gov.vn with at least one label of its own (a province's portal).
GOV_HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+gov\.vn$")

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 .()\-]{5,30}$",
    _(
        "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang, ngoặc và có thể bắt đầu "
        "bằng dấu + (ví dụ: 0207 3822 123)."
    ),
)


def tel_href(number: str) -> str:
    """The ``tel:`` form of a phone number as printed (digits and a leading +)."""
    number = (number or "").strip()
    digits = re.sub(r"[^0-9]", "", number)
    return f"+{digits}" if number.startswith("+") else digits


def is_public_service_host(host: str) -> bool:
    """Whether ``host`` is the national public service portal or a province's .gov.vn portal.

    Accepted: ``dichvucong.gov.vn`` and its subdomains, and any host under ``.gov.vn``
    with at least one label of its own (``dichvucong.tuyenquang.gov.vn``); not
    ``gov.vn`` itself, nor look-alikes such as ``dichvucong.gov.vn.example.com``.
    """
    host = (host or "").lower().rstrip(".")
    if host == NATIONAL_PORTAL_HOST or host.endswith("." + NATIONAL_PORTAL_HOST):
        return True
    return bool(GOV_HOST_RE.match(host))


def validate_public_service_url(value: str) -> None:
    """Reject a procedure link that does not point to a public service portal."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host, parts = None, None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not is_public_service_host(host or "")
    ):
        raise ValidationError(
            _(
                "Đường dẫn thủ tục phải trỏ tới Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) "
                "hoặc cổng dịch vụ công của tỉnh (tên miền .gov.vn), ví dụ: "
                "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234."
            ),
            code="not_public_service_portal",
        )

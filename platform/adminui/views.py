"""Admin views of the platform: the Vietnamese guide per role, and avatars as initials."""

import hashlib
import re

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

#: the guide's topics: slug -> (title, who it is for), in reading order
GUIDES = {
    "viet-bai": (_("Viết và gửi duyệt một bài"), _("Phóng viên, cộng tác viên, biên tập viên")),
    "duyet-bai": (
        _("Duyệt bài hoặc trả lại"),
        _("Thư ký tòa soạn, Trưởng/Phó Trưởng Ban Biên tập"),
    ),
    "dang-khan": (_("Đăng khẩn"), _("Trưởng/Phó Trưởng Ban Biên tập")),
    "nhan-tin": (
        _("Nhận tin từ trang thành phần"),
        _("Ban Biên tập cổng cấp trên"),
    ),
    "ban-bien-tap": (_("Quản lý Ban Biên tập"), _("Quản trị trang")),
}


def help_index(request):
    return TemplateResponse(
        request,
        "adminui/help/index.html",
        {"guides": [(slug, title, who) for slug, (title, who) in GUIDES.items()]},
    )


def help_topic(request, slug: str):
    if slug not in GUIDES:
        raise Http404
    title, who = GUIDES[slug]
    return TemplateResponse(
        request,
        f"adminui/help/{slug}.html",
        {"title": title, "who": who, "slug": slug, "guides": GUIDES},
    )


#: one or two letters of any script (Vietnamese initials: "NV", "Đ", "TQ")
INITIALS = re.compile(r"^\w{1,2}$")
#: background colours dark enough for white text (WCAG AA)
AVATAR_COLOURS = ["#8b1a1a", "#005a8c", "#1b5e20", "#5d4037", "#4a148c", "#37474f", "#00695c"]


@require_safe
@cache_control(max_age=7 * 24 * 3600, private=True)
def avatar(request, initials: str):
    """A member's initials on a coloured disc (SVG): the avatar of whoever uploaded no
    picture, drawn here instead of asking Gravatar (a foreign service)."""
    if not INITIALS.match(initials) or "_" in initials:
        raise Http404
    colour = AVATAR_COLOURS[hashlib.sha256(initials.encode()).digest()[0] % len(AVATAR_COLOURS)]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
        f'<rect width="100" height="100" fill="{colour}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="42" font-weight="600">'
        f"{escape(initials.upper())}</text></svg>"
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def initials_of(user) -> str:
    """Up to two initials of a member: of the family name and the given name ("Nguyễn
    Văn An" → "NA"; provisioning stores the family name first), else of the username."""
    words = [w for w in user.get_full_name().split() if w[:1].isalnum()]
    if not words:
        words = [w for w in re.split(r"[^\w]+", user.get_username()) if w]
    if not words:
        return "TV"  # "thành viên"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()

"""Accessible embeds: an embedded player's iframe is named by the editor's title.

Used by the shared ``blocks/video.html``; it lives here until core grows a
template library of its own.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_IFRAME = re.compile(r"<iframe\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"\stitle\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


@register.filter
def titled_iframes(html, title):
    """``html`` (trusted embed HTML) with every iframe's ``title`` set to ``title``.

    Providers name their players generically ("YouTube video player"); WCAG 4.1.2
    wants the frame's name to say what it holds.
    """
    attribute = f' title="{escape(title)}"'

    def retitle(match):
        tag = _TITLE.sub("", match.group(0))
        return tag[: len("<iframe")] + attribute + tag[len("<iframe"):]

    return mark_safe(_IFRAME.sub(retitle, str(html or "")))  # noqa: S308 - the provider's embed HTML

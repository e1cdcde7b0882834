"""Turning the demo's YAML text into what the models store: NFC text and rich text HTML."""

import unicodedata

from django.utils.html import escape

from core.text import nfc


def paragraphs(lines) -> str:
    """One ``<p>`` per line of ``lines`` (a string is one line)."""
    if isinstance(lines, str):
        lines = [lines]
    return "".join(f"<p>{escape(nfc(line))}</p>" for line in lines or [])


def rich_text(items) -> str:
    """Rich text HTML from a list whose items are paragraphs (strings),
    ``{"h2": text}`` headings and ``{"list": [items]}`` bulleted lists."""
    if isinstance(items, str):
        items = [items]
    html = []
    for item in items or []:
        if isinstance(item, str):
            html.append(paragraphs([item]))
        elif "h2" in item:
            html.append(f"<h2>{escape(nfc(item['h2']))}</h2>")
        elif "list" in item:
            html.append(bulleted(item["list"]))
        else:
            raise ValueError(f"Unknown rich text item: {item!r}")
    return "".join(html)


def bulleted(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(nfc(item))}</li>" for item in items) + "</ul>"


def numbered(items) -> str:
    return "<ol>" + "".join(f"<li>{escape(nfc(item))}</li>" for item in items) + "</ol>"


def ascii_fold(text) -> str:
    """``text`` without Vietnamese diacritics (for the built-in fonts of a PDF)."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)

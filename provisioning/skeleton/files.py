"""Files of the demo: small, valid PDFs standing in for signed documents and drafts."""

import textwrap

from django.core.files.base import ContentFile

from core.text import nfc
from provisioning.skeleton.text import ascii_fold


def pdf_document(title: str, lines: list[str], *, filename: str):
    """A document in the site's library holding a one-page PDF of ``lines``.

    The PDF uses a built-in font, which has no Vietnamese letters, so the lines
    are printed without diacritics; the document's title keeps them.
    """
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(
        title=nfc(title), file=ContentFile(pdf_bytes(lines), name=f"{filename}.pdf")
    )


def _pdf_string(text: str) -> bytes:
    escaped = ascii_fold(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("ascii")


#: what fits on the page in 11-point Helvetica
LINE_WIDTH, MAX_LINES = 88, 48


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page A4 PDF 1.4 with ``lines`` in Helvetica, wrapped; what does not fit
    on the page is left out."""
    wrapped = [row for line in lines for row in textwrap.wrap(ascii_fold(line), LINE_WIDTH) or [""]]
    text = [b"BT /F1 11 Tf 15 TL 56 790 Td"]
    for row in wrapped[:MAX_LINES]:
        text.append(b"(" + _pdf_string(row) + b") Tj T*")
    text.append(b"ET")
    stream = b"\n".join(text)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)

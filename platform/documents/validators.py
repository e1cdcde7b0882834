"""Normalising and checking what editors type into a legal document's fields."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import nfc

#: File types a legal document may be attached as. Narrower than
#: ``WAGTAILDOCS_EXTENSIONS``, which also lets presentations, text and images into
#: the library.
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods")

# "Ð" (U+00D0, Icelandic eth) looks exactly like "Đ" (U+0110) and comes in from
# some keyboards and PDFs; left alone, "QÐ-UBND" would never match "QĐ-UBND".
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110"})
_SPACES = re.compile(r"\s+")
# "Số: 12/2025/QĐ-UBND", pasted as printed on the document.
_NUMBER_PREFIX = re.compile(r"^s[ốo]\s*:?\s*", re.IGNORECASE)
_SPACE_AROUND_SEPARATORS = re.compile(r"\s*([/\-.])\s*")
# Letters (any script, so Đ and accented letters), digits, then / - . and
# spaces between them; it starts and ends with a letter or digit.
_NUMBER = re.compile(r"^[^\W_](?:[^\W_]|[/\-. ])*(?<=[^\W_])$")


def normalise_text(value: str) -> str:
    """NFC, look-alike letters fixed, runs of whitespace collapsed, ends stripped."""
    value = nfc(value or "").translate(_LOOKALIKES)
    return _SPACES.sub(" ", value).strip()


def normalise_number(value: str) -> str:
    """The canonical spelling of a number and symbol (số ký hiệu).

    ``" Số: 12 / 2025 / QÐ - UBND "`` becomes ``"12/2025/QĐ-UBND"``: text
    normalised as in :func:`normalise_text`, a leading "Số:" dropped, no spaces
    around ``/``, ``-`` or ``.``. Letters keep their case.
    """
    value = _NUMBER_PREFIX.sub("", normalise_text(value))
    return _SPACE_AROUND_SEPARATORS.sub(r"\1", value)


def validate_number(value: str) -> None:
    """Reject a number and symbol that cannot be one (expects a normalised value)."""
    if not _NUMBER.match(value) or not any(char.isdigit() for char in value):
        raise ValidationError(
            _(
                "Số ký hiệu chỉ gồm chữ, số và các dấu / - . (ví dụ: 12/2025/QĐ-UBND), "
                "bắt đầu và kết thúc bằng chữ hoặc số, có ít nhất một chữ số."
            ),
            code="invalid_number",
        )


def validate_attachment(document) -> None:
    """Reject a Wagtail document whose file type is not one a legal document is published in."""
    extension = (document.file_extension or "").lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _(
                "Tệp “%(title)s” có định dạng “%(extension)s” không được phép; "
                "chỉ nhận %(allowed)s."
            ),
            code="invalid_extension",
            params={
                "title": document.title,
                "extension": extension or "?",
                "allowed": ", ".join(ext.upper() for ext in ATTACHMENT_EXTENSIONS),
            },
        )


# --- Uploaded files: the extension and the content must agree ----------------------

#: the first bytes of an OLE2 compound file (.doc, .xls, .ppt of Office 97–2003)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: the part an Office Open XML package must hold besides ``[Content_Types].xml``
_OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
#: the ``mimetype`` entry an OpenDocument file starts with
_ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_IMAGES = {"jpg": "jpg", "jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp"}
#: bytes read to recognise a file by its content
_HEAD = 64 * 1024


def _wrong_content(extension: str) -> ValidationError:
    return ValidationError(
        _(
            "Nội dung tệp không phải là tệp %(extension)s: tệp có thể đã bị đổi tên "
            "hoặc bị hỏng. Hãy tải lên đúng tệp gốc."
        ),
        code="invalid_content",
        params={"extension": extension.upper()},
    )


def validate_file_size(file, max_size: int) -> None:
    """Refuse a file larger than ``max_size`` bytes, from its ``size`` alone (nothing read)."""
    size = getattr(file, "size", None)
    if size is not None and size > max_size:
        from django.template.defaultfilters import filesizeformat

        raise ValidationError(
            _("Tệp quá lớn (%(size)s); dung lượng tối đa là %(max)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(max_size)},
        )


def _zip_names(file) -> set[str] | None:
    import zipfile

    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _zip_member_head(file, name: str, size: int) -> bytes:
    import zipfile

    file.seek(0)
    with zipfile.ZipFile(file) as archive, archive.open(name) as member:
        return member.read(size)


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        return True
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a character cut at the end of the head is fine
        if error.start < len(head) - 4:
            # Windows-1258 (Vietnamese) text from older tools
            try:
                head.decode("cp1258")
            except UnicodeDecodeError:
                return False
    return True


def validate_upload_content(file, extension: str) -> None:
    """Refuse ``file`` unless its content is a file of type ``extension``.

    Magic bytes (``filetype``) for PDF and images; an OLE2 compound file for .doc,
    .xls, .ppt; for Office Open XML a zip holding ``[Content_Types].xml`` and the
    format's own folder (``word/``, ``xl/``, ``ppt/``); for OpenDocument a zip whose
    ``mimetype`` entry names the format; ``{\\rtf`` for RTF; text without NUL bytes
    for TXT and CSV (and nothing ``filetype`` recognises as a binary format).
    ``file`` is read from the start (only its head, except the zip directory) and
    left at the start.
    """
    import filetype

    extension = extension.lower()
    file.seek(0)
    head = file.read(_HEAD)
    file.seek(0)
    kind = filetype.guess(head)
    ok: bool
    if extension == "pdf":
        ok = head.startswith(b"%PDF-")
    elif extension in _IMAGES:
        ok = kind is not None and kind.extension == _IMAGES[extension]
    elif extension in ("doc", "xls", "ppt"):
        ok = head.startswith(_OLE2)
    elif extension in _OOXML_PARTS:
        names = _zip_names(file) if head.startswith(b"PK\x03\x04") else None
        ok = bool(
            names
            and "[Content_Types].xml" in names
            and any(name.startswith(_OOXML_PARTS[extension]) for name in names)
        )
    elif extension in _ODF_TYPES:
        names = _zip_names(file) if head.startswith(b"PK\x03\x04") else None
        ok = (
            bool(names and "mimetype" in names)
            and _zip_member_head(file, "mimetype", 100).strip() == _ODF_TYPES[extension]
        )
    elif extension == "rtf":
        ok = head.startswith(b"{\\rtf")
    elif extension == "zip":
        validate_archive(file)
        ok = True
    elif extension in ("txt", "csv"):
        ok = kind is None and _is_text(head)
    else:
        ok = False
    file.seek(0)
    if not ok:
        raise _wrong_content(extension)


#: what an archive may not hold: programs and scripts a reader's computer would run
_EXECUTABLE = [
    ".exe",
    ".dll",
    ".com",
    ".bat",
    ".cmd",
    ".msi",
    ".msp",
    ".scr",
    ".pif",
    ".cpl",
    ".ps1",
    ".psm1",
    ".vbs",
    ".vbe",
    ".js",
    ".jse",
    ".wsf",
    ".wsh",
    ".hta",
    ".jar",
    ".lnk",
    ".reg",
    ".sh",
    ".apk",
    ".app",
    ".dmg",
    ".iso",
    ".elf",
    ".so",
    ".py",
    ".pl",
]
#: an archive larger than this once unpacked, or with more entries, is refused (zip bombs)
ARCHIVE_MAX_UNPACKED = 500 * 1024 * 1024
ARCHIVE_MAX_ENTRIES = 2000


def validate_archive(file) -> None:
    """Refuse a ZIP that is not one, is too big unpacked, holds too many entries,
    nests another archive, or holds a program or script (by name and by magic bytes).
    Reads the directory and the first bytes of each member; leaves ``file`` at the start."""
    import zipfile

    import filetype

    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > ARCHIVE_MAX_ENTRIES or (
                sum(member.file_size for member in members) > ARCHIVE_MAX_UNPACKED
            ):
                raise ValidationError(
                    _("Tệp nén quá lớn khi giải nén hoặc có quá nhiều tệp."),
                    code="archive_too_large",
                )
            for member in members:
                name = member.filename.lower()
                if member.is_dir():
                    continue
                kind = None
                if not member.flag_bits & 0x1:  # encrypted members cannot be looked into
                    with archive.open(member) as opened:
                        kind = filetype.guess(opened.read(_HEAD))
                if name.endswith(tuple(_EXECUTABLE)) or (
                    kind is not None
                    and kind.extension in {"exe", "elf", "dll", "zip", "rar", "7z", "gz", "tar"}
                ):
                    raise ValidationError(
                        _(
                            "Tệp nén chứa tệp không được phép (%(name)s): chương trình, "
                            "tập lệnh hoặc tệp nén lồng nhau."
                        ),
                        code="archive_forbidden_member",
                        params={"name": member.filename[:100]},
                    )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _wrong_content("zip") from None
    finally:
        file.seek(0)

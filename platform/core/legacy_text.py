"""Vietnamese text in the pre-Unicode encodings, detected and converted to NFC.

Three encodings are still pasted into the admin from old documents:

- **TCVN3** (ABC, TCVN 5712:1993 VN3): one byte per letter, the fonts ``.VnTime`` etc.
  Pasted from Windows, each byte arrives as the character code page 1252 gives it
  (``0xB5`` → ``µ``), so "Hà Nội" arrives as ``Hµ Néi``. The table has no toned
  capitals (the ``.VnTimeH`` fonts draw the small letters' codes as capitals): in a
  word written in capitals they come back capitals ("QUYẾT ĐỊNH"), elsewhere small
  ("Ủy" comes back "ủy"); the capitals Ă Â Ê Ô Ơ Ư Đ exist.
- **VNI Windows**: a base letter followed by a mark character, also read through
  cp1252: "Hà Nội" is ``Haø Noäi``; some letters are one character (``ñ`` đ,
  ``ô`` ơ, ``ö`` ư, ``í ì æ ó ò`` for i, ``î`` ỵ).
- **VIQR** (RFC 1456): ASCII mnemonics, ``a( a^ e^ o^ o+ u+ dd`` and the tones
  ``' ` ? ~ .`` after the vowel: "Ha` No^.i".

Detection is per segment (a line, or a text node of rich text) and conservative:
a segment holding any letter only Unicode has (ơ, ư, ă, đ, ĩ, ũ, the toned letters
of Latin Extended Additional, a combining mark) is Unicode and never touched; a
segment is converted only when the words the conversion changes become valid
Vietnamese syllables and were not valid before ("Tôi là ông" stays; "naïve café"
stays; "© 2024" stays). Text is returned in NFC.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

TCVN3 = "tcvn3"
VNI = "vni"
VIQR = "viqr"

#: the encodings' names as the editor reads them
ENCODING_LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI Windows", VIQR: "VIQR"}

# --- TCVN3: the VN3 code table (byte → letter) -----------------------------------------
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
#: pasted character (the byte through cp1252) → Unicode letter
TCVN3_DECODE = {bytes([b]).decode("cp1252"): letter for b, letter in _TCVN3_BYTES.items()}
_TCVN3_ENCODE = {letter: char for char, letter in TCVN3_DECODE.items()}

# --- VNI Windows: base letter + mark ---------------------------------------------------
# marks after a base vowel: (modifier, tone) → mark character (small; capitals below)
_VNI_MARKS = {
    ("", "sac"): "ù", ("", "huyen"): "ø", ("", "hoi"): "û", ("", "nga"): "õ", ("", "nang"): "ï",
    ("circ", ""): "â", ("circ", "sac"): "á", ("circ", "huyen"): "à", ("circ", "hoi"): "å",
    ("circ", "nga"): "ã", ("circ", "nang"): "ä",
    ("breve", ""): "ê", ("breve", "sac"): "é", ("breve", "huyen"): "è", ("breve", "hoi"): "ú",
    ("breve", "nga"): "ü", ("breve", "nang"): "ë",
}  # fmt: skip
#: letters that are one character in VNI (small; capitals are their upper case)
_VNI_SINGLE = {
    "đ": "ñ",
    "ơ": "ô",
    "ư": "ö",
    "í": "í",
    "ì": "ì",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    "ỵ": "î",
}

_TONES = {
    "": "",
    "sac": "\u0301",
    "huyen": "\u0300",
    "hoi": "\u0309",
    "nga": "\u0303",
    "nang": "\u0323",
}
_MODS = {"": "", "circ": "\u0302", "breve": "\u0306", "horn": "\u031b"}
_TONE_MARKS = frozenset(_TONES.values()) - {""}


def _compose(base: str, mod: str = "", tone: str = "") -> str:
    return unicodedata.normalize("NFC", base + _MODS[mod] + _TONES[tone])


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    for small, seq in _VNI_SINGLE.items():
        decode[seq] = small
        decode[seq.upper()] = small.upper()
    # ơ and ư take the tone marks after their one-character base
    for base_seq, base in (("ô", "ơ"), ("ö", "ư")):
        for tone in ("sac", "huyen", "hoi", "nga", "nang"):
            mark = _VNI_MARKS[("", tone)]
            letter = unicodedata.normalize("NFC", base + _TONES[tone])
            decode[base_seq + mark] = letter
            decode[base_seq.upper() + mark.upper()] = letter.upper()
    for base in "aeouy":
        mods = {"a": ("", "circ", "breve"), "e": ("", "circ"), "o": ("", "circ")}.get(base, ("",))
        for mod in mods:
            for tone in _TONES:
                if not mod and not tone:
                    continue
                letter = _compose(base, mod, tone)
                if letter in _VNI_SINGLE:  # ỵ is one character
                    continue
                mark = _VNI_MARKS[(mod, tone)]
                decode[base + mark] = letter
                decode[base.upper() + mark.upper()] = letter.upper()
    encode = {letter: seq for seq, letter in decode.items()}
    return decode, encode


VNI_DECODE, _VNI_ENCODE = _build_vni()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI_DECODE), key=len, reverse=True)))
_TCVN3_RE = re.compile("[" + "".join(map(re.escape, TCVN3_DECODE)) + "]")

# --- VIQR ------------------------------------------------------------------------------
_VIQR_TONE = {"'": "sac", "`": "huyen", "?": "hoi", "~": "nga", ".": "nang"}
_VIQR_TONE_OUT = {tone: mark for mark, tone in _VIQR_TONE.items()}
_VIQR_MOD = {("a", "("): "breve", ("a", "^"): "circ", ("e", "^"): "circ", ("o", "^"): "circ",
             ("o", "+"): "horn", ("u", "+"): "horn"}  # fmt: skip
_VIQR_MOD_OUT = {(base, mod): sign for (base, sign), mod in _VIQR_MOD.items()}
# a vowel, its modifier, its tone; "." and "?" are tones before a letter ("Vie^.t"),
# before a space and a small letter (the sentence goes on), before "," ";" ":" (no
# sentence ends there) and before one more "." or "?" ("ho.." is "họ." at the end of a
# sentence, "dda^u??" "đâu?"; "..." stays an ellipsis); "." also before "!" ("me.!").
# Before a capital, at the end of a line, a quote or a bracket (and "?" before "!")
# they are punctuation: a sentence's full stop
# or question mark is never a tone ("Hello?" stays). That is RFC 1456's ambiguity: a
# nặng or hỏi on the last vowel before a capital ("Bo^. Y te^'": "Bô. Y tế") is read as
# punctuation and lost; "\\." "\\?" always stay punctuation (docs/legacy-text.md)
_VIQR_RE = re.compile(
    r"(?P<dd>(?<![a-z])(?:dd|DD|Dd))|(?P<esc>\\(?P<lit>[\^(+'`?~.]))|"
    r"(?P<v>[aeiouyAEIOUY])(?P<m>[\^(+])?"
    r"(?P<t>['`~]|[.?](?=[A-Za-z]|[ \t]+[a-z]|[,;:]|[.?](?![.?]))|\.(?=!))?"
)


def _viqr_sub(match: re.Match) -> str:
    if match["dd"]:
        return "Đ" if match["dd"][0] == "D" else "đ"
    if match["esc"]:
        return match["lit"]
    vowel, sign, tone_sign = match["v"], match["m"] or "", match["t"] or ""
    mod = _VIQR_MOD.get((vowel.lower(), sign), "") if sign else ""
    rest = sign if sign and not mod else ""  # a sign this vowel does not take stays
    if rest:
        return vowel + rest + tone_sign
    return _compose(vowel, mod, _VIQR_TONE.get(tone_sign, ""))


def _tcvn3_capitals(match: re.Match) -> str:
    """A word in capitals stays in capitals: TCVN3 has no codes for toned capitals (nor
    the .VnTimeH fonts, which draw the small codes as capitals), so "QUYÕT" is "QUYẾT",
    "ñY" is "ỦY". A word whose only capital is its first letter ("Hµ", "§µ", "ñy") is
    read as written small: "Hà", "Đà", "ủy" (whether "ủy" was "Ủy" cannot be known)."""
    word = match[0]
    if any(c.isascii() and c.islower() for c in word):
        return word
    if not any(c.isupper() for c in word[1:]):
        return word
    return word.upper()


def decode_tcvn3(text: str) -> str:
    """``text`` pasted from TCVN3 (ABC) fonts, in NFC Unicode (no detection)."""
    decoded = _TCVN3_RE.sub(lambda m: TCVN3_DECODE[m[0]], text)
    return unicodedata.normalize("NFC", re.sub(r"\w+", _tcvn3_capitals, decoded))


def decode_vni(text: str) -> str:
    """``text`` pasted from VNI Windows fonts, in NFC Unicode (no detection)."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: VNI_DECODE[m[0]], text))


def decode_viqr(text: str) -> str:
    """``text`` in VIQR mnemonics, in NFC Unicode (no detection)."""
    return unicodedata.normalize("NFC", _VIQR_RE.sub(_viqr_sub, text))


DECODERS = {TCVN3: decode_tcvn3, VNI: decode_vni, VIQR: decode_viqr}


def _split_letter(letter: str) -> tuple[str, str, str]:
    """A Vietnamese letter as (base, modifier, tone) names."""
    parts = unicodedata.normalize("NFD", letter)
    base, mod, tone = parts[0], "", ""
    for mark in parts[1:]:
        for name, char in _MODS.items():
            if char == mark and name:
                mod = name
        for name, char in _TONES.items():
            if char == mark and name:
                tone = name
    return base, mod, tone


def encode(text: str, encoding: str) -> str:
    """``text`` (Unicode) as it would be pasted from ``encoding`` (for tests and demos).

    TCVN3 has no toned capitals: they are written with the small letters' codes.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if encoding == TCVN3:
            out.append(_TCVN3_ENCODE.get(char) or _TCVN3_ENCODE.get(char.lower(), char))
        elif encoding == VNI:
            out.append(_VNI_ENCODE.get(char, char))
        elif char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
        else:
            base, mod, tone = _split_letter(char)
            if not (mod or tone) or base.lower() not in "aeiouy":
                out.append(char)
                continue
            sign = _VIQR_MOD_OUT[(base.lower(), mod)] if mod else ""
            out.append(base + sign + (_VIQR_TONE_OUT[tone] if tone else ""))
    return "".join(out)


# --- detection -------------------------------------------------------------------------
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]"
)
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# the vowel groups of Vietnamese syllables (tones removed), longest first
_NUCLEI = [
    "iêu",
    "oai",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "ươi",
    "ươu",
    "uyê",
    "uya",
    "uyu",
    "yêu",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "ưa",
    "ưi",
    "ưu",
    "ươ",
    "uy",
    "yê",
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
]
_NUCLEUS = "(?:" + "|".join(_NUCLEI) + ")"
_CODA = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
_PUNCTUATION = ".,;:!?\"'()[]{}«»…"
_WORD = re.compile(r"[^\s\d.,;:!?\"()\[\]{}<>/\\|@#%&*=+_-]+")


def is_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (at most one tone)."""
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in parts if c in _TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
    return bool(_SYLLABLE.match(bare))


def _score(segment: str, decoded: str, encoding: str) -> tuple[int, int, int]:
    """(words changed, of which valid syllables after, of which valid before)."""
    if encoding == VIQR:  # its marks are punctuation characters: words are what spaces part
        before_words = segment.split()
        after_words = [word.strip(_PUNCTUATION) for word in decoded.split()]
    else:
        before_words = _WORD.findall(segment)
        after_words = _WORD.findall(decoded)
    if len(before_words) != len(after_words):
        return 0, 0, 0
    changed = valid_after = valid_before = 0
    for before, after in zip(before_words, after_words, strict=True):
        if before == after or not re.search("[A-Za-z]", before):
            continue
        changed += 1
        valid_after += is_syllable(after)
        valid_before += is_syllable(before)
    return changed, valid_after, valid_before


def detect(segment: str) -> str | None:
    """The legacy encoding ``segment`` is in, or None (Unicode, plain ASCII, unsure)."""
    if not segment or _UNICODE_ONLY.search(segment):
        return None
    best, best_valid = None, 0
    candidates: tuple[str, ...] = () if segment.isascii() else (TCVN3, VNI)
    if not any(not char.isascii() and char.isalpha() for char in segment):
        candidates += (VIQR,)  # ASCII letters (dashes and quotes may be typographic)
    for encoding in candidates:
        decoded = DECODERS[encoding](segment)
        if decoded == segment:
            continue
        changed, valid_after, valid_before = _score(segment, decoded, encoding)
        if encoding == VIQR:
            # ASCII text: only when most words carrying marks become Vietnamese, and
            # there are several of them ("a(b)" or "Hello?" is no evidence)
            if changed < 2 or valid_after < 0.8 * changed:
                continue
        elif not changed or valid_after < 0.8 * changed or valid_after <= valid_before:
            continue
        if valid_after > best_valid:
            best, best_valid = encoding, valid_after
    return best


def is_unicode_vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter (or combining mark) only Unicode Vietnamese has."""
    return bool(_UNICODE_ONLY.search(text or ""))


@dataclass(frozen=True)
class Conversion:
    """The result of :func:`convert`: the new text and the encodings found in it."""

    text: str
    encodings: frozenset[str]

    @property
    def changed(self) -> bool:
        return bool(self.encodings)


_LINE = re.compile(r"([^\n]*)(\n|$)")
_TAG = re.compile(r"(<[^>]*>)")


def _convert_segment(segment: str, found: set[str]) -> str:
    encoding = detect(segment)
    if encoding is None:
        return segment
    found.add(encoding)
    return DECODERS[encoding](segment)


def convert(text: str, *, is_html: bool = False) -> Conversion:
    """``text`` with every legacy-encoded line (or, in HTML, text node) converted to NFC.

    Text already in Unicode is returned unchanged (only NFC-normalised).
    """
    if not text:
        return Conversion(text, frozenset())
    found: set[str] = set()
    if is_html:
        out = []
        for part in _TAG.split(text):
            if part.startswith("<") or not part.strip():
                out.append(part)
                continue
            # entities (&amp;, &nbsp;) are read as their characters for detection
            plain = html.unescape(part)
            fixed = _convert_segment(plain, found)
            out.append(html.escape(fixed, quote=False) if fixed != plain else part)
        result = "".join(out)
    else:
        result = "".join(_convert_segment(line, found) + end for line, end in _LINE.findall(text))
    return Conversion(unicodedata.normalize("NFC", result), frozenset(found))

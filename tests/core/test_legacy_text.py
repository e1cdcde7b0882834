"""Legacy Vietnamese encodings (TCVN3, VNI Windows, VIQR): every letter, every tone."""

import unicodedata

import pytest

from core.legacy_text import DECODERS, TCVN3, VIQR, VNI, convert, decode_tcvn3, detect, encode

BASES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, sắc, huyền, hỏi, ngã, nặng


def letters():
    """Every Vietnamese letter, small and capital, with every tone, and đ Đ."""
    out = []
    for base in BASES:
        for tone in TONES:
            small = unicodedata.normalize("NFC", base + tone)
            out += [small, small.upper()]
    return [*out, "đ", "Đ"]


ALL = letters()


def word(letter):
    """A syllable holding ``letter``."""
    return f"{letter}i" if letter in "đĐ" else f"t{letter}n"


def test_the_alphabet_is_complete():
    assert len(ALL) == 12 * 6 * 2 + 2
    assert len(set(ALL)) == len(ALL)


@pytest.mark.parametrize("encoding", [VNI, VIQR])
def test_every_letter_round_trips(encoding):
    for letter in ALL:
        encoded = encode(letter, encoding)
        assert DECODERS[encoding](encode(word(letter), encoding)) == word(letter), (letter, encoded)
        # found by detection inside a sentence; the same sentence in Unicode untouched
        sentence = f"Hà Nội có {word(letter)}"
        assert convert(sentence).text == sentence and not convert(sentence).changed
        result = convert(encode(sentence, encoding))
        assert result.text == sentence, (letter, encode(sentence, encoding), result.text)
        assert result.encodings == {encoding}


def test_every_letter_round_trips_tcvn3():
    """TCVN3 has no toned capitals (the .VnTimeH fonts draw small codes as capitals)."""
    for letter in ALL:
        encoded = encode(letter, TCVN3)
        expected = (
            letter
            if letter in "ĂÂÊÔƠƯĐ" or letter.islower() or letter in "AEIOUY"
            else letter.lower()
        )
        assert decode_tcvn3(encoded) == expected, (letter, encoded)
        assert len(encoded) == 1
        result = convert(encode(f"Hà Nội có {word(letter)}", TCVN3))
        assert result.text == f"Hà Nội có {word(expected)}"
        assert result.encodings == {TCVN3}


def test_the_tables_cover_each_letter_once():
    for encoding in (TCVN3, VNI):
        small = [letter for letter in ALL if letter.islower()]
        codes = [encode(letter, encoding) for letter in small]
        assert len(set(codes)) == len(codes), encoding


SENTENCES = [
    "Ủy ban nhân dân tỉnh Tuyên Quang ban hành Quyết định số 15/2024/QĐ-UBND.",
    "Hội nghị lần thứ mười hai của Ban Chấp hành Đảng bộ tỉnh, nhiệm kỳ 2020 – 2025.",
    "Người dân được hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
    "Phòng, chống dịch bệnh; khắc phục hậu quả bão lũ ở vùng sâu, vùng xa.",
]


@pytest.mark.parametrize("encoding", [TCVN3, VNI, VIQR])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_real_sentences(encoding, sentence):
    pasted = encode(sentence, encoding)
    assert pasted != sentence
    assert detect(pasted) == encoding
    expected = sentence if encoding != TCVN3 else encode(sentence, TCVN3)
    if encoding == TCVN3:  # toned capitals come back small; every small letter exact
        expected = "".join(
            c
            if c.islower() or not c.isalpha() or decode_tcvn3(encode(c, TCVN3)) == c
            else c.lower()
            for c in sentence
        )
    assert convert(pasted).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tôi là ông giáo",  # Unicode made only of Latin-1 letters
        "Tiếng Việt có dấu",
        "naïve café résumé, Müller, Ðorđević",
        "© 2024 Công ty; 1ª edición; Æsir; ð",
        "Hello? Is it me? O'Brien said: don't do it.",
        "f(a) = a^2 + b^2; x(1) and e^x",
        "Plain English with nothing to convert.",
        "",
    ],
)
def test_unicode_and_foreign_text_is_never_touched(text):
    assert detect(text) is None
    assert convert(text).text == text
    assert convert(f"<p>{text}</p>", is_html=True).text == f"<p>{text}</p>"


def test_decomposed_unicode_is_only_composed():
    nfd = unicodedata.normalize("NFD", "Hội đồng nhân dân xã")
    result = convert(nfd)
    assert not result.changed
    assert result.text == "Hội đồng nhân dân xã"


def test_mixed_text_converts_only_the_legacy_lines_and_nodes():
    unicode_line = "Tin tức: Hà Nội đón khách ©"
    legacy = encode("Hội nghị tổng kết công tác năm", TCVN3)
    result = convert(f"{unicode_line}\n{legacy}")
    assert result.text == f"{unicode_line}\nHội nghị tổng kết công tác năm"
    pasted = f"<b>{encode('Quyết định', VNI)}</b> {encode('số mười', VNI)}"
    html = f"<p>{unicode_line}</p><p>{pasted} &amp; co</p>"
    result = convert(html, is_html=True)
    assert result.text == f"<p>{unicode_line}</p><p><b>Quyết định</b> số mười &amp; co</p>"
    assert result.encodings == {VNI}
    # a line mixing Unicode and legacy characters is Unicode: never touched
    assert convert(f"Hà Nội {legacy}").text == f"Hà Nội {legacy}"


def test_viqr_tone_before_a_capital_is_punctuation():
    """RFC 1456's ambiguity: "." after a vowel before a capital ends the sentence."""
    assert convert("Ho^.i nghi. Ba^y gio+` ba('t dda^`u.").text == "Hội nghi. Bây giờ bắt đầu."


def test_every_code_of_the_tables_round_trips():
    """Each code the tables define decodes to its letter and the letter encodes back to it
    (TCVN3: 74 one-byte codes; VNI: every base + mark and one-character letter)."""
    from core.legacy_text import TCVN3_DECODE, VNI_DECODE, decode_vni

    assert len(TCVN3_DECODE) == 12 * 5 + 7 + 7  # toned small vowels, ă â ê ô ơ ư đ, capitals
    for code, letter in TCVN3_DECODE.items():
        assert decode_tcvn3(code) == letter and encode(letter, TCVN3) == code, code
    for code, letter in VNI_DECODE.items():
        assert decode_vni(code) == letter, code
        assert decode_vni(encode(letter, VNI)) == letter, code


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        # a word in capitals (the .VnTimeH fonts, or Shift): its toned letters are capitals
        ("QUYÕT §ÞNH", "QUYẾT ĐỊNH"),
        ("ñY BAN NH¢N D¢N TØNH TUY£N QUANG", "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG"),
        ("C¤NG B¸O", "CÔNG BÁO"),
        # a word whose only capital is its first letter is written small after it
        ("§µ N½ng vµ Hµ Néi", "Đà Nẵng và Hà Nội"),
        # TCVN3 has no code for "Ủ": whether "ñy" was "Ủy" or "ủy" cannot be known
        ("ñy ban nh©n d©n tØnh", "ủy ban nhân dân tỉnh"),
    ],
)
def test_tcvn3_capitals(pasted, expected):
    assert decode_tcvn3(pasted) == expected
    result = convert(pasted)
    assert result.text == expected and result.encodings == {TCVN3}


@pytest.mark.parametrize(
    "sentence",
    [
        # a question mark or full stop after a vowel ends the sentence, never a tone
        "Anh đi đâu? Tôi ở nhà.",
        "Ai đó? Là tôi.",
        "Bạn có khỏe không? Tôi vẫn khỏe.",
        "Cô ấy là ai? Cô ấy là bạn của tôi.",
        "Hội nghị đã bế mạc. Ban Chấp hành họp tiếp.",
        "Chúng tôi đi Hà Nội... Sau đó về quê.",
        "Bài thơ? Bài ca.",
        # the tone of the last vowel, then the sentence's mark: both kept
        "Đây là nhà của họ. Họ ở đó.",
        "Nhà của họ? Ở đó.",
        "Ở đây, họ, và chúng tôi; các bạn: họ.",
        "Lời của mẹ! Cả nhà nghe.",
    ],
)
def test_viqr_sentences_keep_their_punctuation(sentence):
    pasted = encode(sentence, VIQR)
    result = convert(pasted)
    assert result.text == sentence, (pasted, result.text)
    assert result.encodings == {VIQR}
    # the line end, the next line's capital and HTML text nodes change nothing
    assert convert(f"{pasted}\n{pasted}").text == f"{sentence}\n{sentence}"
    assert convert(f"<p>{pasted}</p>", is_html=True).text == f"<p>{sentence}</p>"


def test_viqr_limit_a_heavy_or_asking_tone_before_a_capital():
    """RFC 1456's ambiguity, decided for the sentence: "." or "?" after a vowel and before
    a capital is punctuation, so "Bộ Y tế" typed "Bo^. Y te^'" comes back "Bô. Y tế" (the
    editor is told and corrects it, or undoes)."""
    assert convert("Bo^. Y te^' ho.p ta.i dda^y.").text == "Bô. Y tế họp tại đây."
    assert convert("ba.n ddi dda^u\\? Kho^ng bie^'t").text == "bạn đi đâu? Không biết"

"""Normalising and checking a number and symbol (số ký hiệu): pure functions."""

import unicodedata

import pytest

from django.core.exceptions import ValidationError

from documents.validators import normalise_number, normalise_text, validate_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12/2025/QĐ-UBND", "12/2025/QĐ-UBND"),
        ("  12 / 2025 / QĐ - UBND ", "12/2025/QĐ-UBND"),
        ("Số: 12/2025/QĐ-UBND", "12/2025/QĐ-UBND"),
        ("số 512-QĐ/TU", "512-QĐ/TU"),
        ("12/2025/Q\u00d0-UBND", "12/2025/QĐ-UBND"),  # Icelandic eth typed for Đ
        (unicodedata.normalize("NFD", "41-HD/BTGDVTU"), "41-HD/BTGDVTU"),
        ("1234/UBND-KT", "1234/UBND-KT"),
    ],
)
def test_numbers_are_normalised_and_accepted(typed, stored):
    assert normalise_number(typed) == stored
    validate_number(normalise_number(typed))


@pytest.mark.parametrize(
    "bad", ["", "QĐ-UBND", "12/2025/QĐ-UBND;", "12_2025", "/12/2025", "12/2025-", "12/2025 <b>"]
)
def test_impossible_numbers_are_rejected_in_vietnamese(bad):
    with pytest.raises(ValidationError) as error:
        validate_number(normalise_number(bad))
    assert "Số ký hiệu chỉ gồm chữ, số" in error.value.messages[0]


def test_text_is_nfc_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "Ủy ban  nhân dân\ttỉnh ")
    assert normalise_text(decomposed) == "Ủy ban nhân dân tỉnh"
    assert unicodedata.is_normalized("NFC", normalise_text(decomposed))

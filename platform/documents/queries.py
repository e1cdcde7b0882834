"""Queries over legal documents: filter lists, search, the index's result set."""

import re
import unicodedata

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.lookups import Unaccent
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import ExtractYear, Lower, Replace

from core.text import nfc

_MARKS = re.compile(r"[\u0300-\u036f]")


def vietnamese_sort_key(value: str) -> tuple[str, str]:
    """Sort key that files "Ủy ban…" under U and "Đảng…" under D, not after Z.

    Letters without their marks first (close to Vietnamese dictionary order),
    then the exact text to keep the order stable.
    """
    base = _MARKS.sub("", unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d")))
    return base.casefold(), value


def used_values(field_name: str) -> list[str]:
    """The distinct non-empty values of a text field over the site's documents, sorted."""
    from documents.models import LegalDocumentPage

    values = (
        LegalDocumentPage.objects.exclude(**{field_name: ""})
        # No ordering: Page's default ordering would add "path" to SELECT DISTINCT.
        .order_by()
        .values_list(field_name, flat=True)
        .distinct()
    )
    return sorted(values, key=vietnamese_sort_key)


def filter_options(documents: QuerySet) -> dict[str, list]:
    """The issuing bodies, fields and years present in ``documents``, in one query.

    Returns ``{"issuers": [...], "fields": [...], "years": [...]}``: issuers and
    fields sorted as Vietnamese, years newest first.
    """
    year = ExtractYear("issued_on")
    options = documents.order_by().aggregate(
        issuers=ArrayAgg("issuer", distinct=True, filter=~Q(issuer="")),
        fields=ArrayAgg("field", distinct=True, filter=~Q(field="")),
        years=ArrayAgg(year, distinct=True, order_by=year.desc()),
    )
    return {
        "issuers": sorted(options["issuers"] or [], key=vietnamese_sort_key),
        "fields": sorted(options["fields"] or [], key=vietnamese_sort_key),
        "years": options["years"] or [],
    }


def _compact(expression):
    """Lower case, no diacritics (Đ becomes d), no spaces: how numbers are compared."""
    return Replace(Lower(Unaccent(expression)), Value(" "), Value(""))


def search_documents(documents: QuerySet, text: str) -> QuerySet:
    """Documents whose number and symbol contains ``text`` or whose summary has all its words.

    The number is compared ignoring case, spaces and diacritics ("12/2025/qd-ubnd"
    and "12 / 2025 / QĐ-UBND" both find "12/2025/QĐ-UBND"); each word of ``text``
    must occur in the summary, ignoring case and diacritics and in any order
    ("quyet dinh ve quy che" finds "Quyết định về quy chế"). Lowering happens
    after unaccent, so it does not depend on the database's collation.
    """
    text = nfc(text).strip()
    if not text:
        return documents
    in_number = Q(number_key__contains=_compact(Value(text)))
    in_summary = Q()
    for word in text.split():
        in_summary &= Q(summary__unaccent__icontains=word)
    return documents.annotate(number_key=_compact(F("number"))).filter(in_number | in_summary)

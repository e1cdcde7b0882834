"""Royalty statements: the rate table's checks, totals, XLSX and PDF exports, who may
read and approve them, bank details kept to the administrator and the head, and
another site's statement out of reach."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from django.core.exceptions import ValidationError

from royalties import services
from royalties.models import ArticleAuthor, Contributor, Rate, Statement
from tests.conftest import in_site
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


def refused(response):
    """The admin refuses (Wagtail sends a refused admin request back to the dashboard)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


NAME = "Nguyễn Thị Hồng Ánh"


def make_statement(site):
    """Two works in April 2026 (one shared half), one in May; rates from 2026."""
    with in_site(site):
        Rate.objects.create(kind="news", amount=150_000, valid_from=dt.date(2026, 1, 1))
        Rate.objects.create(
            kind="article", points=3, point_value=100_000, valid_from=dt.date(2026, 1, 1)
        )
        author = Contributor.objects.create(
            full_name=NAME, pen_name="Hồng Ánh", tax_code="8012345678"
        )
        for hours, kind, share in ((0, "news", 100), (24, "article", 50), (24 * 40, "news", 100)):
            page = NewsArticlePageFactory(hours=hours, author="Hồng Ánh")
            ArticleAuthor.objects.create(page=page, contributor=author, kind=kind, share=share)
        start, end, label = services.period(2026, month=4)
        return services.build_statement(author, start, end, label)


def test_totals_xlsx_and_pdf(sites):
    statement = make_statement(sites.alpha)
    assert [line["amount"] for line in statement.lines] == [150_000, 150_000]
    assert statement.total == 300_000 and statement.period_label == "Tháng 4/2026"
    with in_site(sites.alpha):
        book = load_workbook(io.BytesIO(services.to_xlsx(statement)))
        rows = list(book.active.iter_rows(values_only=True))
        lines = [row for row in rows if isinstance(row[0], int)]
        total = next(row for row in rows if row[1] == "Tổng cộng")
        assert sum(row[6] for row in lines) == total[6] == 300_000
        assert any(NAME in str(cell) for row in rows for cell in row)
        pdf = services.to_pdf(statement, uncompressed_pdf=True)
    assert pdf.startswith(b"%PDF") and b"DejaVu" in pdf
    # the text is there with its diacritics: every letter of the name has a glyph mapped
    # back to it in the embedded font's ToUnicode table
    mapped = set()
    for hexes in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", pdf):
        try:
            mapped.add(bytes.fromhex(hexes.decode()).decode("utf-16-be"))
        except ValueError:
            continue
    assert set(NAME.replace(" ", "")) <= mapped, set(NAME) - mapped


def test_the_rate_table_refuses_gaps_overlaps_and_negatives(sites):
    with in_site(sites.alpha):
        Rate.objects.create(
            kind="photo",
            amount=50_000,
            valid_from=dt.date(2026, 1, 1),
            valid_to=dt.date(2026, 6, 30),
        )
        overlap = Rate(kind="photo", amount=60_000, valid_from=dt.date(2026, 6, 1))
        with pytest.raises(ValidationError, match="chồng lên"):
            overlap.full_clean()
        gap = Rate(kind="photo", amount=60_000, valid_from=dt.date(2026, 8, 1))
        with pytest.raises(ValidationError, match="bị hở"):
            gap.full_clean()
        with pytest.raises(ValidationError):
            Rate(kind="photo", amount=-1, valid_from=dt.date(2026, 7, 1)).full_clean()
        with pytest.raises(ValidationError, match="không được âm"):
            Rate(
                kind="photo", points=-2, point_value=1000, valid_from=dt.date(2026, 7, 1)
            ).full_clean()
        Rate(kind="photo", amount=60_000, valid_from=dt.date(2026, 7, 1)).full_clean()


@pytest.mark.parametrize(
    ("role", "reads", "approves", "private"),
    [
        ("truong_ban", True, True, True),
        ("quan_tri", True, False, True),
        ("bien_tap_vien", False, False, False),
        ("thu_ky", False, False, False),
    ],
)
def test_who_reads_approves_and_sees_bank_details(
    sites, editor_client, role, reads, approves, private
):
    statement = make_statement(sites.alpha)
    client = editor_client(sites.alpha, role=role)
    host = {"HTTP_HOST": "alpha.test"}
    response = client.get(f"/admin/royalties/statements/{statement.pk}/export.xlsx", **host)
    assert response.status_code == 200 if reads else refused(response)
    response = client.get(f"/admin/royalties/statements/{statement.pk}/export.pdf", **host)
    assert response.status_code == 200 if reads else refused(response)
    payment = client.get(f"/admin/royalties/authors/{statement.contributor_id}/payment/", **host)
    assert payment.status_code == 200 if private else refused(payment)
    if private:
        assert "8012345678" in payment.content.decode()
    response = client.post(f"/admin/royalties/statements/{statement.pk}/approve/", **host)
    with in_site(sites.alpha):
        statement.refresh_from_db()
    assert (statement.state == Statement.State.APPROVED) is approves
    if approves:
        assert statement.approved_by.email == f"{role}@alpha.test" and statement.approved_at
    else:
        assert refused(response)


def test_another_sites_statement_is_out_of_reach(sites, editor_client):
    statement = make_statement(sites.alpha)
    client = editor_client(sites.beta, role="truong_ban")
    for url in (
        f"/admin/royalties/statements/{statement.pk}/export.xlsx",
        f"/admin/royalties/statements/{statement.pk}/approve/",
    ):
        response = client.get(url, HTTP_HOST="beta.test")
        assert response.status_code == 404
        assert NAME.encode() not in response.content


def test_the_demo_has_authors_a_rate_table_and_an_approved_statement(sites):
    from royalties import demo

    with in_site(sites.alpha):
        NewsArticlePageFactory(hours=1)
        NewsArticlePageFactory(hours=2)
        statement = demo.build()
        assert statement.state == Statement.State.APPROVED and statement.approved_by
        assert statement.total == sum(line["amount"] for line in statement.lines) > 0
        assert Rate.objects.count() == 3 and Contributor.objects.count() == 2

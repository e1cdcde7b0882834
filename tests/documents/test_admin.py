"""Editors create legal documents in the Wagtail admin; bad input gets a Vietnamese message."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from documents.models import DocumentStatus, LegalDocumentPage
from tests.conftest import in_site
from tests.documents.factories import DocumentFactory, LegalDocumentPageFactory, document_index

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]


@pytest.fixture
def editor(editor_client, sites):
    """The portal's editor, with the portal's schema active: these tests read and write
    its documents directly too."""
    with in_site(sites.alpha):
        yield editor_client(sites.alpha)


def form_data(attachments=(), **overrides):
    """What the create form posts for a complete decision, publishing it."""
    data = {
        "title": "Quyết định ban hành Quy chế hoạt động của Cổng Thông tin điện tử",
        "slug": "quy-che-cong-thong-tin",
        "number": "12/2025/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer": "Ủy ban nhân dân tỉnh",
        "signer": "Chủ tịch Nguyễn Văn An",
        "field": "Thông tin và truyền thông",
        "issued_on": "2025-03-10",
        "effective_on": "2025-03-20",
        "status": "in_force",
        "expired_on": "",
        "summary": "Quyết định về quy chế hoạt động của Cổng Thông tin điện tử tỉnh",
        "body": rich_text("<p>Điều 1. Ban hành kèm theo Quyết định này Quy chế.</p>"),
        "attachments": inline_formset(
            [{"document": str(doc.pk), "label": label} for doc, label in attachments]
        ),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
        **overrides,
    }
    return nested_form_data(data)


def create(client, data):
    index = document_index()
    return client.post(
        f"/admin/pages/add/documents/legaldocumentpage/{index.pk}/", data, HTTP_HOST="alpha.test"
    )


def test_editor_creates_a_document_with_files_and_it_shows_on_the_index(editor):
    signed = DocumentFactory(filename="qd-12-2025.pdf", title="Bản ký số")
    annex = DocumentFactory(filename="phu-luc.docx", content=b"PK\x03\x04", title="Phụ lục")
    response = create(editor, form_data(attachments=[(signed, ""), (annex, "Phụ lục I")]))
    assert response.status_code == 302, response.context and response.context["form"].errors

    page = LegalDocumentPage.objects.get(slug="quy-che-cong-thong-tin")
    assert page.live
    assert [(a.document_id, a.label) for a in page.attachments.all()] == [
        (signed.pk, ""),
        (annex.pk, "Phụ lục I"),
    ]

    listing = editor.get("/van-ban/", {"q": "12/2025"}, HTTP_HOST="alpha.test")
    assert "12/2025/QĐ-UBND" in listing.text and page.url in listing.text
    detail = editor.get(page.url, HTTP_HOST="alpha.test")
    assert "Tải về: Bản ký số" in detail.text and "Tải về: Phụ lục I" in detail.text


def test_the_create_form_offers_the_issuing_bodies_already_used(editor):
    LegalDocumentPageFactory(issuer="Sở Khoa học và Công nghệ")
    index = document_index()
    response = editor.get(
        f"/admin/pages/add/documents/legaldocumentpage/{index.pk}/", HTTP_HOST="alpha.test"
    )
    assert response.status_code == 200
    assert 'list="id_issuer-suggestions"' in response.text
    assert '<option value="Sở Khoa học và Công nghệ"></option>' in response.text


def test_typed_values_are_normalised(editor):
    data = form_data(number="  Số: 12 / 2025 / QÐ-UBND ", issuer="  Ủy ban  nhân dân tỉnh ")
    assert create(editor, data).status_code == 302
    page = LegalDocumentPage.objects.get(slug="quy-che-cong-thong-tin")
    assert page.number == "12/2025/QĐ-UBND"
    assert page.issuer == "Ủy ban nhân dân tỉnh"


def errors_of(response) -> dict:
    assert response.status_code == 200  # the form again, not a redirect
    return response.context["form"].errors


def test_effective_date_before_issue_date_is_refused(editor):
    response = create(editor, form_data(issued_on="2025-03-10", effective_on="2025-03-01"))
    assert errors_of(response)["effective_on"] == [
        "Ngày có hiệu lực không được trước ngày ban hành."
    ]
    assert "Ngày có hiệu lực không được trước ngày ban hành." in response.text
    assert not LegalDocumentPage.objects.filter(slug="quy-che-cong-thong-tin").exists()


def test_an_impossible_number_is_refused(editor):
    response = create(editor, form_data(number="QĐ-UBND; drop"))
    assert "Số ký hiệu chỉ gồm chữ, số" in errors_of(response)["number"][0]


def test_an_expired_document_needs_its_expiry_date(editor):
    response = create(editor, form_data(status="expired"))
    assert errors_of(response)["expired_on"] == [
        "Văn bản đã hết hiệu lực cần có ngày hết hiệu lực."
    ]

    response = create(editor, form_data(status="expired", expired_on="2025-03-15"))
    assert errors_of(response)["expired_on"] == [
        "Ngày hết hiệu lực không được trước ngày có hiệu lực (hoặc ngày ban hành)."
    ]

    response = create(editor, form_data(status="expired", expired_on="2025-12-31"))
    assert response.status_code == 302


def test_a_document_past_its_expiry_date_cannot_be_in_force(editor):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    response = create(editor, form_data(status="in_force", expired_on=yesterday.isoformat()))
    assert errors_of(response)["status"] == [
        f"Văn bản đã hết hiệu lực từ ngày {yesterday:%d/%m/%Y}: hãy chọn “Hết hiệu lực”."
    ]


def test_a_file_of_another_type_is_refused(editor):
    # The library accepts zip archives; a legal document does not.
    archive = DocumentFactory(
        filename="ho-so.zip", content=b"PK\x05\x06" + b"\0" * 18, title="Hồ sơ nén"
    )
    response = create(editor, form_data(attachments=[(archive, "")]))
    assert response.status_code == 200
    formset = response.context["form"].formsets["attachments"]
    assert formset.forms[0].errors["document"] == [
        "Tệp “Hồ sơ nén” có định dạng “zip” không được phép; "
        "chỉ nhận PDF, DOC, DOCX, XLS, XLSX, ODT, ODS."
    ]
    assert "không được phép" in response.text


def test_model_rules_hold_outside_the_admin_too(sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory.build(
            issued_on=datetime.date(2025, 3, 10),
            effective_on=datetime.date(2025, 3, 1),
            status=DocumentStatus.IN_FORCE,
        )
        with pytest.raises(ValidationError) as error:
            document_index().add_child(instance=page)
        assert "Ngày có hiệu lực không được trước ngày ban hành." in str(error.value)

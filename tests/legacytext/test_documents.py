"""A legal document typed in TCVN3 or VNI: converted before its fields are checked (its
number "12/2025/Q§-UBND" would be refused as written), the editor told which fields,
with the same undo as for an article; also on editing a published document."""

import pytest

from django.contrib.messages import get_messages

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.legacy_text import TCVN3, VNI, encode
from documents.models import LegalDocumentPage
from legacytext.models import LegacyTextConversion
from tests.conftest import in_site
from tests.documents.factories import document_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]

FIELDS = {
    "title": "Quyết định về việc ban hành Quy chế tổ chức hội nghị",
    "number": "12/2025/QĐ-UBND",
    "issuer": "Ủy ban nhân dân tỉnh Tuyên Quang",
    "signer": "Phó Chủ tịch Nguyễn Văn Hùng",
    "field": "Thông tin và truyền thông",
    "summary": "Quyết định về việc ban hành Quy chế tổ chức hội nghị của tỉnh",
}
BODY = "Điều 1. Ban hành kèm theo Quyết định này Quy chế tổ chức hội nghị."


def form(encoding, slug, **overrides):
    text = {name: encode(value, encoding) for name, value in FIELDS.items()}
    return nested_form_data(
        {
            **text,
            "slug": slug,
            "doc_type": "quyet_dinh",
            "issued_on": "2025-03-10",
            "effective_on": "2025-03-20",
            "status": "in_force",
            "expired_on": "",
            "body": rich_text(f"<p>{encode(BODY, encoding)}</p>"),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **overrides,
        }
    )


def told(response) -> str:
    return next(str(m) for m in get_messages(response.wsgi_request) if "bảng mã cũ" in str(m))


def expected(encoding, value):
    """TCVN3 has no toned capitals: a word's toned capital comes back small ("Ủy")."""
    return value.replace("Ủy", "ủy") if encoding == TCVN3 else value


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legal_document_in_a_legacy_encoding(sites, editor_client, encoding):
    client = editor_client(sites.alpha, role="bien_tap_vien")
    slug = f"quyet-dinh-{encoding}"
    with in_site(sites.alpha):
        index = document_index()
    response = client.post(
        f"/admin/pages/add/documents/legaldocumentpage/{index.pk}/",
        form(encoding, slug, **{"action-publish": ""}),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    message = told(response)
    for label in ("số ký hiệu", "cơ quan ban hành", "người ký", "lĩnh vực", "trích yếu"):
        assert label in message, (label, message)
    assert "toàn văn" in message
    with in_site(sites.alpha):
        page = LegalDocumentPage.objects.get(slug=slug)
        for name, value in FIELDS.items():
            assert getattr(page, name) == expected(encoding, value), name
        assert BODY in page.body
        conversion = LegacyTextConversion.objects.get(object_id=str(page.pk))
        assert conversion.fields["number"]["original"] == encode(FIELDS["number"], encoding)

    # undo: the original shown, put back into a draft and kept on later saves
    url = f"/admin/legacy-text/{conversion.pk}/undo/"
    shown = client.get(url, HTTP_HOST="alpha.test")
    assert shown.status_code == 200
    assert encode(FIELDS["summary"], encoding) in shown.content.decode()
    assert client.post(url, HTTP_HOST="alpha.test").status_code == 302
    with in_site(sites.alpha):
        latest = LegalDocumentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert latest.summary == encode(FIELDS["summary"], encoding)


def test_editing_a_published_document_in_tcvn3(sites, editor_client):
    client = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = document_index()
    unicode_form = {**FIELDS, "body": rich_text(f"<p>{BODY}</p>")}
    response = client.post(
        f"/admin/pages/add/documents/legaldocumentpage/{index.pk}/",
        form(VNI, "quyet-dinh-sua", **unicode_form),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302
    assert not any("bảng mã cũ" in str(m) for m in get_messages(response.wsgi_request))
    with in_site(sites.alpha):
        page = LegalDocumentPage.objects.get(slug="quyet-dinh-sua")
        assert page.live and BODY in page.body
    new_summary = "Sửa đổi trích yếu của quyết định"
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        form(VNI, "quyet-dinh-sua", **{**unicode_form, "summary": encode(new_summary, TCVN3)}),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    message = told(response)
    assert "trích yếu" in message and "TCVN3" in message and "số ký hiệu" not in message
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert page.summary == new_summary

"""Uploads are checked by content, extension and size (docs/security.md, "Tải lên").

Through the admin's upload views (single and multiple) and the forms they use
(``documents.uploads.DocumentForm``, ``core.forms.ImageForm``).
"""

import io
import zipfile

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from documents.validators import validate_upload_content
from tests.conftest import in_site
from tests.documents.factories import PDF

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\0" * 200


def docx(parts=("[Content_Types].xml", "word/document.xml")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in parts:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (30, 20), (10, 120, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def gif() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("P", (30, 20)).save(buffer, "GIF")
    return buffer.getvalue()


def document_form(name, content):
    Form = get_document_form(get_document_model())
    return Form(
        {"title": name, "collection": Collection.get_first_root_node().pk},
        {"file": SimpleUploadedFile(name, content)},
    )


def image_form(name, content):
    Form = get_image_form(get_image_model())
    return Form(
        {"title": name, "description": "Ảnh", "collection": Collection.get_first_root_node().pk},
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("quyet-dinh.pdf", PDF),
        ("bao-cao.docx", docx()),
        ("bang.xlsx", docx(("[Content_Types].xml", "xl/workbook.xml"))),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("van-ban.odt", odt()),
        ("danh-sach.csv", "STT,Họ và tên\n1,Nguyễn Văn An\n".encode()),
        ("ghi-chu.txt", "Thông báo".encode()),
        ("don.rtf", b"{\\rtf1\\ansi hello}"),
        ("anh.png", png()),
    ],
)
def test_real_files_are_accepted(sites, name, content):
    with in_site(sites.alpha):
        form = document_form(name, content)
        assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "name, content",
    [
        ("quyet-dinh.pdf", EXE),  # a renamed program
        ("bao-cao.docx", docx(("a.txt",))),  # a plain zip renamed .docx
        ("bao-cao.docx", docx(("[Content_Types].xml", "xl/workbook.xml"))),  # a workbook
        ("van-ban.odt", docx()),
        ("cu.doc", PDF),
        ("ghi-chu.txt", EXE),
        ("danh-sach.csv", png()),
        ("anh.png", gif()),
    ],
)
def test_files_whose_content_is_not_their_type_are_refused(sites, name, content):
    with in_site(sites.alpha):
        form = document_form(name, content)
        assert not form.is_valid()
        assert "Nội dung tệp không phải là tệp" in str(form.errors["file"])


@pytest.mark.parametrize("name", ["ho-so.zip", "chuong-trinh.exe", "trang.html", "anh.svg"])
def test_other_types_are_refused_by_extension(sites, name):
    with in_site(sites.alpha):
        form = document_form(name, b"PK\x05\x06" + b"\0" * 18)
        assert not form.is_valid()
        assert "không được phép" in str(form.errors["file"])


def test_the_admin_upload_views_use_the_checks(sites, editor_client):
    client = editor_client(sites.alpha)
    with in_site(sites.alpha):
        count = get_document_model().objects.count()
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Giả mạo",
            "collection": 1,
            "file": SimpleUploadedFile("gia.pdf", EXE),
        },
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 200
    assert "Nội dung tệp không phải là tệp PDF" in response.content.decode()
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("gia.docx", docx(("a.txt",)))},
        HTTP_HOST="alpha.test",
    )
    assert response.json()["success"] is False
    with in_site(sites.alpha):
        assert get_document_model().objects.count() == count


class Unreadable(SimpleUploadedFile):
    """An upload that says it is huge and fails the test if anything reads it."""

    def __init__(self, name, size):
        super().__init__(name, b"%PDF-")
        self.size = size

    def read(self, *args, **kwargs):
        raise AssertionError("the file was read")

    def chunks(self, *args, **kwargs):
        raise AssertionError("the file was read")


def test_an_oversize_document_is_refused_without_reading_it(sites, settings):
    with in_site(sites.alpha):
        Form = get_document_form(get_document_model())
        upload = Unreadable("lon.pdf", settings.DOCUMENTS_MAX_UPLOAD_SIZE + 1)
        form = Form(
            {"title": "Lớn", "collection": Collection.get_first_root_node().pk}, {"file": upload}
        )
        assert not form.is_valid()
        assert "Tệp quá lớn" in str(form.errors["file"])


def test_an_oversize_image_is_refused_without_reading_it(sites, settings):
    with in_site(sites.alpha):
        Form = get_image_form(get_image_model())
        upload = Unreadable("lon.png", settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
        form = Form({"title": "Lớn", "description": "Ảnh", "collection": 1}, {"file": upload})
        assert not form.is_valid()
        assert "Tệp quá lớn" in str(form.errors["file"])


def test_images_are_opened_and_must_match_their_extension(sites):
    with in_site(sites.alpha):
        assert image_form("anh.png", png()).is_valid()
        for name, content in [
            ("anh.png", gif()),  # a GIF named .png
            ("anh.jpg", EXE),
            ("anh.png", PDF),
            ("ve.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
            ("anh.png", png()[:60]),  # a header without the picture
        ]:
            assert not image_form(name, content).is_valid(), name


def test_a_gif_html_polyglot_is_refused(sites):
    polyglot = gif()[:-1] + b"<html><script>alert(document.cookie)</script></html>" + b";"
    with in_site(sites.alpha):
        form = image_form("anh.gif", polyglot)
        assert not form.is_valid()
        assert "mã HTML" in str(form.errors["file"]) or "không phải là ảnh" in str(
            form.errors["file"]
        )


def test_a_polyglot_document_is_served_inert(client, sites):
    """A file in the library is never run by the browser: nosniff, its own type, and a
    Content-Security-Policy that forbids scripts."""
    from tests.documents.factories import DocumentFactory

    polyglot = gif() + b"<html><script>alert(1)</script></html>"
    with in_site(sites.alpha):
        document = DocumentFactory(filename="anh.gif", content=polyglot)
    response = client.get(document.url, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_media_files_are_served_with_nosniff(client, sites):
    from tests.factories import ImageFactory

    with in_site(sites.alpha):
        image = ImageFactory()
    response = client.get(image.file.url, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("image/")


@override_settings()
def test_validator_leaves_the_file_at_its_start():
    upload = SimpleUploadedFile("a.docx", docx())
    validate_upload_content(upload, "docx")
    assert upload.read(2) == b"PK"


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def archives_allowed(sites):
    from accounts.models import UploadPolicy

    with in_site(sites.alpha):
        policy = UploadPolicy.load()
        policy.allow_archives = True
        policy.save()
    yield


def test_archives_are_accepted_only_where_the_site_administrator_allows_them(
    sites, archives_allowed
):
    archive = _zip({"mau-don.pdf": PDF, "huong-dan.txt": "Hướng dẫn".encode()})
    with in_site(sites.alpha):
        assert document_form("ho-so.zip", archive).is_valid()
    with in_site(sites.beta):  # not on another site
        form = document_form("ho-so.zip", archive)
        assert not form.is_valid()
        assert "không được phép" in str(form.errors["file"])


@pytest.mark.parametrize(
    "content, message",
    [
        (_zip({"cai-dat.exe": EXE}), "không được phép (cai-dat.exe)"),
        (_zip({"tai-lieu.pdf": EXE}), "không được phép (tai-lieu.pdf)"),  # a program renamed
        (_zip({"chay.js": "alert(1)"}), "không được phép (chay.js)"),
        (_zip({"long.zip": _zip({"a.txt": "a"})}), "không được phép (long.zip)"),
        (b"PK\x03\x04 not really a zip", "Nội dung tệp không phải là tệp ZIP"),
    ],
)
def test_an_allowed_archive_is_still_checked_by_content(sites, archives_allowed, content, message):
    with in_site(sites.alpha):
        form = document_form("ho-so.zip", content)
        assert not form.is_valid()
        assert message in str(form.errors["file"])


def test_the_site_administrator_may_change_the_upload_policy(sites, editor_client):
    admin = editor_client(sites.alpha, role="quan_tri")
    url = "/admin/settings/accounts/uploadpolicy/"
    page = admin.get(url, HTTP_HOST="alpha.test", follow=True)
    assert page.status_code == 200
    assert "Cho phép tải lên tệp nén ZIP" in page.content.decode()
    reporter = editor_client(sites.alpha, role="bien_tap_vien")
    refused = reporter.get(url, HTTP_HOST="alpha.test", follow=True)
    assert "Cho phép tải lên tệp nén ZIP" not in refused.content.decode()

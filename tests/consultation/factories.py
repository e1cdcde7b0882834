"""Drafts open for comment, made in the active site's schema (call inside ``in_site``)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from consultation.models import (
    ConsultationIndexPage,
    DraftArticle,
    DraftComment,
    DraftConsultationPage,
    DraftFile,
)
from tests.documents.factories import DocumentFactory
from tests.factories import PageFactory


def consultation_index() -> ConsultationIndexPage:
    """The site's "Lấy ý kiến dự thảo" section, as provisioning made it."""
    return ConsultationIndexPage.objects.get(locale__language_code="vi")


def days(number: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=number)


class DraftConsultationPageFactory(PageFactory):
    """A draft open from ``opens_at`` to ``closes_at`` (default: opened yesterday,
    closes in 10 days), with one PDF and two articles to comment on."""

    class Meta:
        model = DraftConsultationPage

    parent = factory.LazyFunction(consultation_index)
    title = factory.Sequence(lambda n: f"Dự thảo Nghị quyết hỗ trợ hợp tác xã số {n}")
    slug = factory.Sequence(lambda n: f"du-thao-thu-nghiem-{n}")
    drafting_body = "Sở Nông nghiệp và Môi trường"
    summary = "Dự thảo quy định mức hỗ trợ hợp tác xã nông nghiệp ứng dụng công nghệ cao."
    opens_at = factory.LazyFunction(lambda: days(-1))
    closes_at = factory.LazyFunction(lambda: days(10))
    send_address = "Số 1 đường Tân Trào, phường Minh Xuân"
    send_email = "gopy@alpha.test"

    @factory.post_generation
    def with_files(page, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        document = DocumentFactory(title=f"Toàn văn {page.title}", filename="du-thao.pdf")
        DraftFile.objects.create(page=page, document=document, sort_order=0)
        DraftArticle.objects.create(page=page, label="Điều 1. Phạm vi điều chỉnh", sort_order=0)
        DraftArticle.objects.create(page=page, label="Điều 2. Mức hỗ trợ", sort_order=1)


class DraftCommentFactory(DjangoModelFactory):
    class Meta:
        model = DraftComment

    name = "Nguyễn Văn An"
    email = factory.Sequence(lambda n: f"an{n}@nguoidan.test")
    phone = "0912 000 111"
    organisation = "Hợp tác xã Chè Tân Trào"
    text = "Đề nghị nâng mức hỗ trợ cho hợp tác xã ở xã vùng cao."
    consented_at = factory.LazyFunction(timezone.now)

"""The sweep sends what a stopped worker left unsent, once; closed items' contact
details are erased after the retention period; the demo's Q&A pages carry answers."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from participation import services
from participation.models import ParticipationSettings, QAPage, State, Submission
from participation.tasks import sweep_site
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def _item(**extra) -> Submission:
    page = QAPage.objects.get(slug="hoi-dap")
    return Submission.objects.create(
        page=page,
        name="Trần Thị Bình",
        email="binh@example.vn",
        phone="0912345678",
        consent_at=timezone.now(),
        title="Hỏi về hộ tịch",
        body="Đăng ký khai sinh cho con cần giấy tờ gì?",
        **extra,
    )


def test_the_sweep_sends_each_email_once(sites):
    with in_site(sites.beta):
        ParticipationSettings.objects.update_or_create(
            defaults={"secretary_email": "thuky@beta.test"}
        )
        item = _item()
        assert sweep_site() == 2  # the secretary and the asker's acknowledgement
        assert {tuple(m.to) for m in mail.outbox} == {("thuky@beta.test",), ("binh@example.vn",)}
        assert sweep_site() == 0
        services.decline(item, "Câu hỏi không thuộc thẩm quyền của xã.")
        assert sweep_site() == 1
        assert "không thuộc thẩm quyền" in mail.outbox[-1].body
        assert sweep_site() == 0


def test_contact_details_are_erased_after_retention(client, sites):
    with in_site(sites.beta):
        old = _item(state=State.DECLINED, closed_at=timezone.now() - datetime.timedelta(days=400))
        recent = _item(state=State.DECLINED, closed_at=timezone.now())
        open_item = _item()
        assert services.erase_expired() == 1
        old.refresh_from_db()
        recent.refresh_from_db()
        open_item.refresh_from_db()
        assert (old.name, old.email, old.phone) == ("", "", "") and old.erased_at
        assert old.body  # the question itself stays
        assert recent.email and open_item.email
        # an erased item cannot be looked up any more
        assert services.lookup(old.code, "binh@example.vn") is None
        assert services.lookup(recent.code, "0912 345 678") == recent


def test_the_skeleton_builder_publishes_demo_answers(client, sites):
    from wagtail.models import Locale

    from provisioning.skeleton.pages import qa
    from tests.home.factories import home_page

    with in_site(sites.beta):
        page = qa(
            home_page("vi"),
            {
                "slug": "hoi-dap-thu",
                "title": "Hỏi – đáp thử",
                "answers": [
                    {
                        "title": "Làm căn cước cho trẻ em ở đâu?",
                        "answer": "Tại Công an xã.",
                        "answering_body": "Công an xã",
                    }
                ],
            },
            Locale.objects.get(language_code="vi"),
        )
        assert page.answers().count() == 1
    html = client.get("/hoi-dap-thu/", HTTP_HOST="beta.test").content.decode()
    assert "Làm căn cước cho trẻ em ở đâu?" in html

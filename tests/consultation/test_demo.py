"""The portal's demo drafts: one open with comments waiting, one closed with the
comments its board published and its summary report."""

import pytest

from django.db import connection

from consultation.models import CommentStatus, DraftComment, DraftConsultationPage
from provisioning.demo_data import build_demo_site
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_TIMEOUT = 0


def test_portal_demo_has_an_open_and_a_closed_draft(client, sites):
    with in_site(sites.alpha):
        build_demo_site("tuyenquang")
        drafts = {page.slug: page for page in DraftConsultationPage.objects.live()}
        open_draft = drafts["du-thao-nghi-quyet-ho-tro-du-lich-cong-dong"]
        closed = drafts["du-thao-quyet-dinh-ho-tro-chuyen-doi-so-htx"]
        assert open_draft.is_open() and not closed.is_open()
        assert (
            DraftComment.objects.filter(page=open_draft, status=CommentStatus.PENDING).count() == 3
        )
        assert closed.summary_report is not None
        urls = (open_draft.get_parent().url, open_draft.url, closed.url)
    connection.set_schema_to_public()
    index = client.get(urls[0], HTTP_HOST="alpha.test").content.decode()
    assert index.index(open_draft.title) < index.index(closed.title)
    open_page = client.get(urls[1], HTTP_HOST="alpha.test").content.decode()
    assert "Gửi ý kiến góp ý" in open_page and "Hoàng Văn Thắng" not in open_page
    closed_page = client.get(urls[2], HTTP_HOST="alpha.test").content.decode()
    assert "Báo cáo tổng hợp, tiếp thu, giải trình" in closed_page
    assert "Trần Quốc Việt" in closed_page and "Hợp tác xã Chè Tân Trào" in closed_page
    assert "Nội dung không liên quan" not in closed_page
    assert "0915 222 333" not in closed_page and "long.pv@example.vn" not in closed_page

"""A visitor's form endpoint must not serve a restricted page around the restriction.

``/tham-gia/gui/<page_id>/`` renders the Q&A page itself (form errors, lookup
result): it must apply the page's view restrictions as serving the page does.
"""

import pytest

from wagtail.models import PageViewRestriction

from participation.models import QAPage
from tests.conftest import in_site

pytestmark = pytest.mark.django_db

HOST = "beta.test"
ORIGIN = {"HTTP_HOST": HOST, "HTTP_ORIGIN": f"http://{HOST}"}
SECRET = "Sapo nội bộ chỉ dành cho cán bộ"


@pytest.fixture
def restricted_qa(sites):
    with in_site(sites.beta):
        page = QAPage.objects.get(slug="hoi-dap")
        old_lead = page.lead
        page.lead = SECRET
        page.save(update_fields=["lead"])
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    yield page
    with in_site(sites.beta):
        restriction.delete()
        page.lead = old_lead
        page.save(update_fields=["lead"])


@pytest.mark.parametrize(
    "data",
    [
        {"action": "ask", "title": "x"},
        {"action": "lookup", "code": "ABC", "contact": "a@b.vn"},
    ],
)
def test_the_form_endpoint_refuses_a_restricted_page_anonymously(client, restricted_qa, data):
    # the page itself asks for a login
    assert client.get("/hoi-dap/", HTTP_HOST=HOST).status_code == 302
    response = client.post(f"/tham-gia/gui/{restricted_qa.pk}/", data, **ORIGIN)
    assert response.status_code in (302, 403, 404)
    assert SECRET not in response.content.decode()

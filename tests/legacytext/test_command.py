"""``convert_legacy_text``: text stored before the conversion existed, converted over
the fleet; a dry run changes nothing; a second run finds nothing; kept text stays."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page

from core.legacy_text import TCVN3, VIQR, encode
from legacytext.models import LegacyTextConversion
from news.models import NewsArticlePage
from tests.conftest import in_site
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

TITLE = "Tỉnh tổng kết công tác cải cách hành chính"
LEAD = "Sáng nay, tỉnh tổ chức hội nghị tổng kết công tác năm."


def run(*args):
    out = StringIO()
    call_command("convert_legacy_text", *args, stdout=out)
    return out.getvalue()


def test_the_command_converts_stored_legacy_text(sites):
    with in_site(sites.beta):
        page = NewsArticlePageFactory(title="tạm", slug="mat-ma-cu")
        # stored before the feature: written around the save signals
        Page.objects.filter(pk=page.pk).update(title=encode(TITLE, TCVN3))
        NewsArticlePage.objects.filter(pk=page.pk).update(lead=encode(LEAD, VIQR))
    dry = run("beta", "--dry-run")
    assert "beta: 1" in dry and "lead (viqr)" in dry and "title (tcvn3)" in dry
    with in_site(sites.beta):
        assert NewsArticlePage.objects.get(pk=page.pk).lead == encode(LEAD, VIQR)
    assert "beta: 1" in run("beta")
    with in_site(sites.beta):
        page = NewsArticlePage.objects.get(pk=page.pk)
        assert page.title == TITLE and page.lead == LEAD
        conversion = LegacyTextConversion.objects.get(object_id=str(page.pk))
        assert conversion.fields["lead"]["original"] == encode(LEAD, VIQR)
    again = run("beta")
    assert "beta: 0" in again and "alpha" not in again  # idempotent; only the site named
    with pytest.raises(Exception, match="Không có trang"):
        run("khong-co")

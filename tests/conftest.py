"""Fixtures shared by the whole suite: see tests/README.md."""

import contextlib
from types import SimpleNamespace

import pytest
from django_tenants.utils import schema_context

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.utils import translation

from provisioning.board import Member
from provisioning.services import SiteSpec, provision_site
from tests.two_factor import verified_login
from workdays import calendar as workdays_calendar


def board(slug):
    """A site's board: one member per role, ``<role>@<slug>.test``."""
    return [
        Member(email=f"{role}@{slug}.test", role=role, name=f"Thành viên {role}")
        for role in (
            "quan_tri",
            "truong_ban",
            "pho_truong_ban",
            "thu_ky",
            "bien_tap_vien",
            "phong_vien",
        )
    ]


SITE_SPECS = [
    SiteSpec(
        slug="alpha",
        kind="provincial_portal",
        name="Cổng Thông tin điện tử Alpha",
        name_en="Alpha Portal",
        domains=["alpha.test", "www.alpha.test"],
        languages=["vi", "en"],
        board=board("alpha"),
    ),
    SiteSpec(
        slug="beta",
        kind="commune",
        parent="alpha",
        name="Xã Bê Ta",
        domains=["beta.test"],
        languages=["vi"],
        board=board("beta"),
    ),
    SiteSpec(
        slug="gamma",
        kind="party_portal",
        name="Cổng Đảng bộ Gamma",
        domains=["gamma.test"],
        languages=["vi"],
        board=board("gamma"),
    ),
]


@pytest.fixture(scope="session")
def sites(django_db_setup, django_db_blocker):
    """Three committed sites, created once per session through the provisioning service,
    cloned from the site template made first (which stays for the session's later
    provisionings; test_template compares a clone with a migrated schema)."""
    from provisioning.template import refresh_template

    with django_db_blocker.unblock():
        refresh_template()
        created = {spec.slug: provision_site(spec, actor="tests") for spec in SITE_SPECS}
    return SimpleNamespace(**created)


@contextlib.contextmanager
def in_site(site):
    with schema_context(site.schema_name):
        yield site


#: the superuser ``editor_client`` makes in a site's schema
EDITOR_USERNAME = "quantri-thu-nghiem"


@pytest.fixture
def editor_client():
    """Log in to a site's Wagtail admin (accounts are per site).

    ``editor_client(site)`` returns a new test client signed in as a superuser of
    ``site`` (made the first time); ``editor_client(site, role="bien_tap_vien")`` one
    signed in as that member of the site's board (``board()``: ``<role>@<slug>.test``).
    The client still names the site by host on each request; the schema active when
    it was called is active again afterwards.
    """

    def login(site, role=None):
        User = get_user_model()
        client = Client()
        with in_site(site):
            if role is None:
                user = User.objects.filter(username=EDITOR_USERNAME).first()
                user = user or User.objects.create_superuser(
                    EDITOR_USERNAME, f"{EDITOR_USERNAME}@{site.slug}.test", None
                )
            else:
                user = User.objects.get(email=f"{role}@{site.slug}.test")
            verified_login(client, user)
        return client

    return login


@pytest.fixture
def no_workflow(db, sites):
    """For tests of page types and editing (not of approval): the approval workflow is
    taken off every test site's tree for the test (rolled back with it), so "Publish"
    in the editor publishes, as for a page under no workflow (``editorial.permissions``:
    under a workflow nobody publishes directly; tests/editorial covers that)."""
    from wagtail.models import WorkflowPage

    for site in (sites.alpha, sites.beta, sites.gamma):
        with in_site(site):
            WorkflowPage.objects.all().delete()


@pytest.fixture(autouse=True)
def clean_state():
    # Celery's "inside a task" flag is process-wide: two eager tasks run at once in
    # threads of this process (a live server's and the test's) can leave it set, and
    # result.get() then refuses to wait. Each test starts with it cleared.
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()
    # the declared days a process keeps (a rolled-back row sends no signal)
    workdays_calendar.invalidate()
    connection.set_schema_to_public()
    # A request to /en/ leaves English active on this thread, as any request does.
    translation.activate(settings.LANGUAGE_CODE)

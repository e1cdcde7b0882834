"""Who does what with royalties, for every board role on a government site (alpha) and a
Party site (gamma): the head sets the rate table (or the head's delegate while the
delegation lasts), the site administrator and the secretary manage the authors, the
others read; bank details and tax codes reach the administrator and the head only, in
no listing, form, export or chooser of anyone else. The rate table refuses a gap in the
admin with a Vietnamese message, nothing saved."""

import datetime as dt

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from editorial.models import BoardApprovalTask
from editorial.services import delegate, revoke
from provisioning import board
from royalties.models import Contributor, Rate, Statement
from tests.conftest import in_site

pytestmark = pytest.mark.django_db

TAX, ACCOUNT = "8099887766", "0123456789012"

#: role → (reads authors, manages authors, reads the rate table, sets it, reads statements,
#:          sees bank details)
EXPECTED = {
    "quan_tri": (True, True, True, False, True, True),
    "truong_ban": (True, False, True, True, True, True),
    "pho_truong_ban": (True, False, True, False, False, False),
    "thu_ky": (True, True, True, False, False, False),
    "bien_tap_vien": (True, False, False, False, False, False),
    "phong_vien": (False, False, False, False, False, False),
}
SNIPPETS = "/admin/snippets/royalties"


def refused(response):
    """The admin refuses (Wagtail sends a refused admin request back to the dashboard)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def body(response) -> str:
    if response.streaming:  # the listing's CSV export
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def rate_form(**overrides):
    data = {
        "kind": "photo",
        "amount": "70000",
        "points": "",
        "point_value": "",
        "valid_from": "2027-01-01",
        "valid_to": "",
    }
    return {**data, **overrides}


def test_board_yaml_grants_what_the_migration_grants():
    """New sites (board.yaml) and existing ones (the data migration) get the same."""
    import importlib

    migration = importlib.import_module("royalties.migrations.0003_board_permissions")
    from_yaml = {
        role["name"]: sorted(
            p.split(".", 1)[1] for p in role.get("permissions", []) if p.startswith("royalties.")
        )
        for role in board.roles().values()
    }
    assert {name: sorted(codes) for name, codes in migration.GRANTS.items()} == {
        name: codes for name, codes in from_yaml.items() if codes
    }


@pytest.mark.parametrize("site_name", ["alpha", "gamma"])
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_board_role(sites, editor_client, site_name, role):
    site = getattr(sites, site_name)
    reads, manages, reads_rates, sets_rates, reads_statements, private = EXPECTED[role]
    host = {"HTTP_HOST": f"{site.slug}.test"}
    with in_site(site):
        author = Contributor.objects.create(
            full_name="Lê Văn Bình", pen_name="Bình An", tax_code=TAX, bank_account=ACCOUNT
        )
        Rate.objects.create(kind="photo", amount=50_000, valid_from=dt.date(2026, 1, 1),
                            valid_to=dt.date(2026, 12, 31))  # fmt: skip
    client = editor_client(site, role=role)

    pages = {
        f"{SNIPPETS}/contributor/": reads,
        f"{SNIPPETS}/contributor/?export=csv": reads,
        f"{SNIPPETS}/contributor/edit/{author.pk}/": manages,
        f"{SNIPPETS}/contributor/add/": manages,
        f"{SNIPPETS}/rate/": reads_rates,
        f"{SNIPPETS}/rate/add/": sets_rates,
        f"{SNIPPETS}/statement/": reads_statements,
        f"/admin/royalties/authors/{author.pk}/payment/": private,
    }
    for url, allowed in pages.items():
        response = client.get(url, **host)
        if allowed:
            assert response.status_code == 200, (url, response.status_code)
        else:
            assert refused(response), (url, response.status_code)
        shown = body(response)
        # bank details only on the payment page, and only for those who see them
        if "payment" not in url:
            assert TAX not in shown and ACCOUNT not in shown, url
        elif allowed:
            assert TAX in shown and ACCOUNT in shown
    # nor the author's other screens (inspect and copy are not enabled: 404)
    for view in ("history", "usage", "delete", "inspect", "copy"):
        response = client.get(f"{SNIPPETS}/contributor/{view}/{author.pk}/", **host)
        assert response.status_code in (200, 302, 403, 404), (view, response.status_code)
        assert TAX not in body(response) and ACCOUNT not in body(response), view
    # the chooser the article editor opens to name an author shows no bank detail either
    chooser = body(client.get("/admin/snippets/choose/royalties/contributor/", **host))
    assert TAX not in chooser and ACCOUNT not in chooser

    # only the head sets the rate table (a board group's model permission is not enough)
    response = client.post(f"{SNIPPETS}/rate/add/", rate_form(), **host)
    with in_site(site):
        made = Rate.objects.filter(kind="photo", valid_from=dt.date(2027, 1, 1)).first()
        assert (made is not None) is sets_rates, (role, response.status_code)
        if made is not None:
            assert made.set_by.email == f"{role}@{site.slug}.test"
            assert made.value() == 70_000
    if not sets_rates:
        assert refused(response)
        with in_site(site):
            rate = Rate.objects.get(kind="photo")
        response = client.post(
            f"{SNIPPETS}/rate/edit/{rate.pk}/", rate_form(amount="1", valid_from="2026-01-01"),
            **host,
        )  # fmt: skip
        assert refused(response)
        with in_site(site):
            assert Rate.objects.get(pk=rate.pk).amount == 50_000

    # the secretary and the administrator add authors (no bank field in their form)
    response = client.post(
        f"{SNIPPETS}/contributor/add/",
        {"full_name": "Trần Thị Mai", "pen_name": "", "kind": "outside", "user": "",
         "source_site": "", "tax_code": "111", "bank_account": "222"},
        **host,
    )  # fmt: skip
    with in_site(site):
        added = Contributor.objects.filter(full_name="Trần Thị Mai").first()
        assert (added is not None) is manages, (role, response.status_code)
        if added is not None:  # the form has no bank fields: what was sent is ignored
            assert added.tax_code == "" and added.bank_account == ""


def test_a_gap_in_the_rate_table_is_refused_in_the_admin(sites, editor_client):
    client = editor_client(sites.alpha, role="truong_ban")
    with in_site(sites.alpha):
        Rate.objects.create(kind="translation", amount=80_000, valid_from=dt.date(2026, 1, 1),
                            valid_to=dt.date(2026, 6, 30))  # fmt: skip
    response = client.post(
        f"{SNIPPETS}/rate/add/",
        rate_form(kind="translation", valid_from="2026-08-01"),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 200
    assert "Bảng nhuận bút bị hở từ 01/07/2026 đến 31/07/2026." in response.content.decode()
    response = client.post(
        f"{SNIPPETS}/rate/add/",
        rate_form(kind="translation", valid_from="2026-06-01"),
        HTTP_HOST="alpha.test",
    )
    assert "chồng lên" in response.content.decode()
    with in_site(sites.alpha):
        assert Rate.objects.filter(kind="translation").count() == 1
    # the day after the last one ends: accepted
    response = client.post(
        f"{SNIPPETS}/rate/add/",
        rate_form(kind="translation", valid_from="2026-07-01"),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert Rate.objects.filter(kind="translation").count() == 2


@pytest.mark.parametrize("site_name", ["alpha", "gamma"])
def test_the_heads_delegate_sets_rates_and_approves_while_the_delegation_lasts(
    sites, editor_client, site_name
):
    site = getattr(sites, site_name)
    host = {"HTTP_HOST": f"{site.slug}.test"}
    client = editor_client(site, role="thu_ky")
    assert refused(client.get(f"{SNIPPETS}/rate/add/", **host))
    with in_site(site):
        User = get_user_model()
        head = User.objects.get(email=f"truong_ban@{site.slug}.test")
        secretary = User.objects.get(email=f"thu_ky@{site.slug}.test")
        head_group = board.roles()["truong_ban"]["name"]
        tasks = [
            BoardApprovalTask.objects.get(pk=link.task_id)
            for link in board.current_workflow().workflow_tasks.order_by("sort_order")
        ]
        # the head's own step: "quyết định đăng" (government: the last; Party: the third)
        (own,) = [t for t in tasks if {g.name for g in t.groups.all()} == {head_group}]
        now = timezone.now()
        # a delegation of another step is not the head's
        delegate(head, tasks[0], secretary, now - dt.timedelta(hours=1),
                 now + dt.timedelta(days=7))  # fmt: skip
        author = Contributor.objects.create(full_name="Lương Thị Thu")
        first, second = (
            Statement.objects.create(
                contributor=author, period_start=dt.date(2026, month, 1),
                period_end=dt.date(2026, month, 28), period_label=f"Tháng {month}/2026",
            )
            for month in (2, 3)
        )  # fmt: skip
    assert refused(client.get(f"{SNIPPETS}/rate/add/", **host))
    with in_site(site):
        delegation = delegate(
            head, own, secretary, now - dt.timedelta(hours=1), now + dt.timedelta(days=7)
        )
    response = client.post(f"{SNIPPETS}/rate/add/", rate_form(kind="commentary"), **host)
    assert response.status_code == 302
    client.post(f"/admin/royalties/statements/{first.pk}/approve/", **host)
    with in_site(site):
        assert Rate.objects.get(kind="commentary").set_by == secretary
        first.refresh_from_db()
        assert first.state == Statement.State.APPROVED and first.approved_by == secretary
        revoke(delegation, head)
    assert refused(client.post(f"{SNIPPETS}/rate/add/", rate_form(kind="news"), **host))
    assert refused(client.post(f"/admin/royalties/statements/{second.pk}/approve/", **host))
    with in_site(site):
        assert not Rate.objects.filter(kind="news").exists()
        second.refresh_from_db()
        assert second.state == Statement.State.DRAFT

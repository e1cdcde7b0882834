"""Leaders' work schedule: one page per week, the index shows the current week."""

import datetime

import pytest
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from schedule import weeks
from schedule.models import WeeklySchedulePage
from tests.conftest import in_site
from tests.sections.factories import (
    ScheduleEntryFactory,
    WeeklySchedulePageFactory,
    WorkScheduleIndexPageFactory,
)

from .conftest import HOST, assert_valid_html

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]

THIS_MONDAY = weeks.monday_of(weeks.today())
LAST_MONDAY = THIS_MONDAY - datetime.timedelta(days=7)


def make_week(index, monday, *entries):
    """The week from ``monday`` under ``index``; ``entries``: (day offset, time, content)."""
    return WeeklySchedulePageFactory(
        parent=index,
        week_start=monday,
        entries=[
            ScheduleEntryFactory.build(
                date=monday + datetime.timedelta(days=offset), time=time, content=content
            )
            for offset, time, content in entries
        ],
    )


def edit_url(parent):
    return f"/admin/pages/add/schedule/weeklyschedulepage/{parent.pk}/"


def entry(date, content="Họp giao ban", **fields):
    return {
        "date": f"{date:%Y-%m-%d}",
        "time": "08:00",
        "leaders": "Chủ tịch",
        "content": content,
        "location": "",
        "participants": "",
        "preparing_unit": "",
        **fields,
    }


def test_week_title_and_slug_are_generated():
    assert weeks.week_title(datetime.date(2026, 11, 23)) == (
        "Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)"
    )
    assert weeks.week_title(datetime.date(2026, 12, 28)) == (
        "Lịch công tác tuần 53 (từ 28/12/2026 đến 03/01/2027)"
    )
    assert weeks.week_slug(datetime.date(2026, 11, 23)) == "tuan-48-2026"


@pytest.mark.parametrize(
    "value", [None, "", "abc", "2026-13-45", "0001-01-01", "9999-12-31", "%00"]
)
def test_bad_week_parameters_give_none(value):
    assert weeks.parse_week(value) is None


def test_weekly_page_renders_a_table_by_day(client, sites):
    monday = datetime.date(2026, 11, 23)
    with in_site(sites.alpha):
        week = make_week(
            WorkScheduleIndexPageFactory(),
            monday,
            (2, datetime.time(14, 0), "Làm việc với Sở Y tế"),
            (0, datetime.time(8, 0), "Họp giao ban đầu tuần"),
            (0, None, "Tiếp công dân định kỳ"),
            (5, datetime.time(7, 30), "Kiểm tra công trình"),
        )
        assert week.title == "Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)"
        assert week.slug == "tuan-48-2026"
        url = week.url
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    html = assert_valid_html(response.content)
    table = html.find("table")
    assert table.caption.get_text(strip=True) == "Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)"
    assert len(table.select("thead th[scope=col]")) == 6
    days = [th.get_text(strip=True) for th in table.select("th[scope=rowgroup]")]
    assert days == [
        "Thứ Hai, 23/11/2026",
        "Thứ Ba, 24/11/2026",
        "Thứ Tư, 25/11/2026",
        "Thứ Năm, 26/11/2026",
        "Thứ Sáu, 27/11/2026",
        "Thứ Bảy, 28/11/2026",
    ]
    monday_rows = table.find_all("tbody")[0].find_all("tr")[1:]
    assert [row.find_all("td")[1].get_text() for row in monday_rows] == [
        "Tiếp công dân định kỳ",
        "Họp giao ban đầu tuần",
    ]
    assert "Cả ngày" in monday_rows[0].get_text()
    assert "Không có lịch công tác." in table.find_all("tbody")[1].get_text()


def test_index_shows_the_current_week_and_past_weeks(client, sites):
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        make_week(index, THIS_MONDAY, (0, datetime.time(8), "Họp tuần này"))
        last = make_week(index, LAST_MONDAY, (1, datetime.time(9), "Họp tuần trước"))
        url, last_title = index.url, last.title
    html = assert_valid_html(client.get(url, HTTP_HOST=HOST).content)
    assert "Họp tuần này" in html.find("table").get_text()
    assert "Họp tuần trước" not in html.find("table").get_text()
    assert html.find("a", rel="prev")["href"] == f"?tuan={LAST_MONDAY:%Y-%m-%d}"
    assert html.select_one(".past-weeks a").get_text() == last_title
    assert html.find("label", attrs={"for": "schedule-date"})

    previous = BeautifulSoup(
        client.get(
            url, {"tuan": f"{LAST_MONDAY + datetime.timedelta(days=3):%Y-%m-%d}"}, HTTP_HOST=HOST
        ).content,
        "html.parser",
    )
    assert "Họp tuần trước" in previous.find("table").get_text()
    assert previous.find("a", string="Tuần này")


@pytest.mark.parametrize("value", ["abc", "2026-02-30", "99999-01-01", "", "1-1-1"])
def test_bad_week_input_shows_the_current_week(client, sites, value):
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        make_week(index, THIS_MONDAY, (0, datetime.time(8), "Họp tuần này"))
        url = index.url
    response = client.get(url, {"tuan": value}, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "Họp tuần này" in response.content.decode()


def test_a_week_without_a_schedule_says_so(client, sites):
    with in_site(sites.alpha):
        url = WorkScheduleIndexPageFactory().url
    response = client.get(url, {"tuan": "2020-01-01"}, HTTP_HOST=HOST)
    assert "Chưa có lịch công tác của tuần này." in response.content.decode()


def test_private_week_is_not_shown_to_anonymous_visitors(client, sites):
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        week = make_week(index, THIS_MONDAY, (0, datetime.time(8), "Họp nội bộ"))
        PageViewRestriction.objects.create(page=week, restriction_type="login")
        index_url, week_url = index.url, week.url
    assert "Họp nội bộ" not in client.get(index_url, HTTP_HOST=HOST).content.decode()
    response = client.get(week_url, HTTP_HOST=HOST)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_private_week_is_shown_to_staff(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        week = make_week(index, THIS_MONDAY, (0, datetime.time(8), "Họp nội bộ"))
        PageViewRestriction.objects.create(page=week, restriction_type="login")
        url = index.url
    assert "Họp nội bộ" in editor.get(url, HTTP_HOST=HOST).content.decode()


def test_editor_creates_a_week_with_entries_and_a_generated_title(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
    monday = datetime.date(2026, 11, 23)
    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "week_start": "2026-11-23",
            "entries": inline_formset(
                [
                    entry(monday, "Họp giao ban"),
                    entry(monday + datetime.timedelta(days=4), "Tiếp công dân", time=""),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = editor.post(edit_url(index), data, HTTP_HOST=HOST)
    assert response.status_code == 302, response.content.decode()[-3000:]
    with in_site(sites.alpha):
        page = WeeklySchedulePage.objects.get(week_start=monday)
        assert page.title == "Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)"
        assert page.slug == "tuan-48-2026"
        assert page.live
        assert [e.content for e in page.entries.all()] == ["Họp giao ban", "Tiếp công dân"]


def post_invalid(editor_client, sites, **overrides):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        make_week(index, datetime.date(2026, 11, 16))
    fields = {
        "title": "",
        "slug": "",
        "week_start": "2026-11-23",
        "entries": inline_formset([entry(datetime.date(2026, 11, 24))]),
    }
    fields.update(overrides)
    response = editor.post(edit_url(index), nested_form_data(fields), HTTP_HOST=HOST)
    assert response.status_code == 200
    with in_site(sites.alpha):
        assert WeeklySchedulePage.objects.count() == 1
    return response.content.decode()


def test_week_must_start_on_a_monday(editor_client, sites):
    text = post_invalid(
        editor_client,
        sites,
        week_start="2026-11-25",
        entries=inline_formset([entry(datetime.date(2026, 11, 25))]),
    )
    assert "Ngày bắt đầu tuần phải là thứ Hai; ngày 25/11/2026 là Thứ Tư." in text


def test_entries_must_fall_within_the_week(editor_client, sites):
    text = post_invalid(
        editor_client, sites, entries=inline_formset([entry(datetime.date(2026, 12, 1))])
    )
    assert "Ngày 01/12/2026 không thuộc tuần từ 23/11/2026 đến 29/11/2026." in text


def test_one_page_per_week(editor_client, sites):
    text = post_invalid(
        editor_client,
        sites,
        week_start="2026-11-16",
        entries=inline_formset([entry(datetime.date(2026, 11, 17))]),
    )
    assert "Mục này đã có lịch công tác của tuần bắt đầu ngày 16/11/2026" in text


def test_model_validation_refuses_a_week_not_starting_on_monday(sites):
    from django.core.exceptions import ValidationError

    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        with pytest.raises(ValidationError) as error:
            WeeklySchedulePageFactory(parent=index, week_start=datetime.date(2026, 11, 24))
    assert "thứ Hai" in error.value.message_dict["week_start"][0]


@pytest.mark.parametrize("which", ["index", "week"])
def test_query_budget(client, sites, no_page_cache, django_assert_max_num_queries, which):
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        week = make_week(index, THIS_MONDAY, *[(d, datetime.time(8 + d), "Họp") for d in range(7)])
        for number in range(1, 4):
            make_week(
                index,
                THIS_MONDAY - datetime.timedelta(days=7 * number),
                (0, datetime.time(8), "Họp"),
            )
        url = (index if which == "index" else week).url
    client.get(url, HTTP_HOST=HOST)
    # Serving and the layout cost 11 at depth 3, one more per level: routing (locale,
    # root, one query per level, the specific page), the alias check and the view
    # restrictions, branding, language links, the menu and the breadcrumb. The index adds
    # 5: view restrictions below it, the week shown, its entries, the past weeks and their
    # count. A week (depth 4) adds its entries.
    with django_assert_max_num_queries(16 if which == "index" else 14):
        assert client.get(url, HTTP_HOST=HOST).status_code == 200


def test_editor_edits_a_week_without_tripping_over_itself(editor_client, sites):
    editor = editor_client(sites.alpha)
    monday = datetime.date(2026, 11, 23)
    with in_site(sites.alpha):
        index = WorkScheduleIndexPageFactory()
        week = make_week(index, monday, (0, datetime.time(8), "Họp giao ban"))
        existing = week.entries.get()
    assert editor.get(edit_url(index), HTTP_HOST=HOST).status_code == 200
    edit = f"/admin/pages/{week.pk}/edit/"
    assert editor.get(edit, HTTP_HOST=HOST).status_code == 200
    data = nested_form_data(
        {
            "title": week.title,
            "slug": week.slug,
            "week_start": "2026-11-23",
            "entries": inline_formset(
                [
                    {**entry(monday, "Họp giao ban (đổi giờ)", time="09:30"), "id": existing.pk},
                    entry(monday + datetime.timedelta(days=6), "Trực ban", time=""),
                ],
                initial=1,
            ),
            "action-publish": "publish",
        }
    )
    response = editor.post(edit, data, HTTP_HOST=HOST)
    assert response.status_code == 302, response.content.decode()[-3000:]
    with in_site(sites.alpha):
        week = WeeklySchedulePage.objects.get(pk=week.pk)
        assert [(e.content, e.time) for e in week.entries.order_by("date")] == [
            ("Họp giao ban (đổi giờ)", datetime.time(9, 30)),
            ("Trực ban", None),
        ]

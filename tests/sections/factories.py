"""Factories for a site's section pages: organisation, contact, content, procedures and
the directory of component sites (sitepages), the work schedule, investment projects.

Made in the active site's schema (call inside ``in_site``): a section goes under the
site's Vietnamese home page, a week or a project under the site's own index (the ones
provisioning made) unless ``parent=`` says otherwise. Default slugs never meet the
skeleton's (``gioi-thieu``, ``lien-he``, ``lich-cong-tac``, ``du-an-dau-tu``…).
"""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from organisation.models import OrganisationPage
from projects.models import InvestmentProjectPage, ProjectIndexPage
from schedule import weeks
from schedule.models import ScheduleEntry, WeeklySchedulePage, WorkScheduleIndexPage
from sitepages.models import ContactPage, ContentPage, ProceduresPage, SiteDirectoryPage
from tests.factories import PageFactory


def schedule_index() -> WorkScheduleIndexPage:
    """The site's work schedule ("Lịch công tác") in Vietnamese."""
    return WorkScheduleIndexPage.objects.get(locale__language_code="vi")


def project_index() -> ProjectIndexPage:
    """The site's investment projects ("Dự án đầu tư") in Vietnamese; state sites only."""
    return ProjectIndexPage.objects.get(locale__language_code="vi")


class OrganisationPageFactory(PageFactory):
    class Meta:
        model = OrganisationPage

    title = "Cơ cấu tổ chức"
    functions = "<p>Tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước.</p>"
    tasks = "<p>Trình Ủy ban nhân dân tỉnh dự thảo quyết định.</p>"


class ContactPageFactory(PageFactory):
    class Meta:
        model = ContactPage

    title = "Liên hệ"
    slug = factory.Sequence(lambda n: f"lien-he-{n}")
    agency_name = "Sở Khoa học và Công nghệ"
    address = "Số 8, đường 17/8\nphường Minh Xuân"


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Trang nội dung {n}")


class ProceduresPageFactory(PageFactory):
    class Meta:
        model = ProceduresPage

    title = "Thủ tục hành chính"
    slug = factory.Sequence(lambda n: f"thu-tuc-{n}")


class SiteDirectoryPageFactory(PageFactory):
    class Meta:
        model = SiteDirectoryPage

    title = "Trang thành phần"
    slug = factory.Sequence(lambda n: f"danh-ba-trang-{n}")


class WorkScheduleIndexPageFactory(PageFactory):
    class Meta:
        model = WorkScheduleIndexPage

    title = "Lịch công tác"
    slug = factory.Sequence(lambda n: f"lich-lam-viec-{n}")


class ScheduleEntryFactory(DjangoModelFactory):
    """A row of a week's schedule; ``build()`` them into ``entries=[…]`` of a week."""

    class Meta:
        model = ScheduleEntry

    date = factory.LazyFunction(lambda: weeks.monday_of(weeks.today()))
    time = datetime.time(8, 0)
    leaders = "Chủ tịch UBND tỉnh"
    content = "Họp giao ban"
    location = "Hội trường A"
    participants = "Lãnh đạo các sở"
    preparing_unit = "Văn phòng UBND tỉnh"


class WeeklySchedulePageFactory(PageFactory):
    """A week (this week by default) whose title and slug the page generates, as the
    admin form leaves them to it."""

    class Meta:
        model = WeeklySchedulePage

    parent = factory.LazyFunction(schedule_index)
    title = ""
    slug = ""
    week_start = factory.LazyFunction(lambda: weeks.monday_of(weeks.today()))


class ProjectIndexPageFactory(PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Dự án đầu tư"
    slug = factory.Sequence(lambda n: f"du-an-{n}")


class InvestmentProjectPageFactory(PageFactory):
    class Meta:
        model = InvestmentProjectPage

    parent = factory.LazyFunction(project_index)
    title = factory.Sequence(lambda n: f"Dự án số {n}")
    objective = "Phát triển kinh tế."
    field = "Giao thông"
    project_type = "nhom_b"
    start_year = 2024
    end_year = 2027
    total_investment = Decimal("1250000000")
    funding_source = "ngan_sach_dia_phuong"
    status = "dang_thuc_hien"
    investor = "Ban Quản lý dự án tỉnh"

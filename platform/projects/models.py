"""Investment projects (dự án đầu tư) a site publishes, with the fields national
rules list: name, objective, field, type, duration, budget, funding, donor, status."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import content_blocks
from core.pages import public
from core.text import StrippedTextMixin
from projects.filters import ProjectFilterForm

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2200)]


class ProjectType(models.TextChoices):
    NATIONAL = "quan_trong_quoc_gia", _("Dự án quan trọng quốc gia")
    GROUP_A = "nhom_a", _("Dự án nhóm A")
    GROUP_B = "nhom_b", _("Dự án nhóm B")
    GROUP_C = "nhom_c", _("Dự án nhóm C")
    PPP = "ppp", _("Dự án PPP (đối tác công tư)")
    ODA = "oda", _("Dự án ODA")
    PUBLIC = "dau_tu_cong", _("Dự án đầu tư công")
    NON_BUDGET = "ngoai_ngan_sach", _("Dự án ngoài ngân sách")


class FundingSource(models.TextChoices):
    CENTRAL_BUDGET = "ngan_sach_trung_uong", _("Ngân sách trung ương")
    LOCAL_BUDGET = "ngan_sach_dia_phuong", _("Ngân sách địa phương")
    ODA = "oda", _("Vốn ODA")
    LOAN = "von_vay", _("Vốn vay")
    PRIVATE = "xa_hoi_hoa", _("Xã hội hoá")
    OTHER = "khac", _("Nguồn khác")


class ProjectStatus(models.TextChoices):
    PREPARING = "chuan_bi", _("Chuẩn bị đầu tư")
    IN_PROGRESS = "dang_thuc_hien", _("Đang thực hiện")
    DONE = "hoan_thanh", _("Hoàn thành")


class ProjectIndexPage(StrippedTextMixin, Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "sitepages.ContentPage"]
    subpage_types = ["projects.InvestmentProjectPage"]
    projects_per_page = 20

    class Meta:
        verbose_name = _("danh sách dự án đầu tư")
        verbose_name_plural = _("danh sách dự án đầu tư")

    def get_context(self, request, *args, **kwargs):
        """Projects filtered by status, field and funding source (values that are not
        offered are ignored, not errors), paginated."""
        context = super().get_context(request, *args, **kwargs)
        projects = public(InvestmentProjectPage.objects.child_of(self).live())
        fields = list(
            projects.exclude(field="").order_by("field").values_list("field", flat=True).distinct()
        )
        filters = ProjectFilterForm.from_query(request.GET, fields=fields)
        projects = projects.filter(**filters.lookups()).order_by("-start_year", "title")
        context.update(
            filter_form=filters,
            projects=Paginator(projects, self.projects_per_page).get_page(request.GET.get("page")),
            query=filters.query_string(),
        )
        return context


class InvestmentProjectPage(StrippedTextMixin, Page):
    """One investment project. The page title is the project's name."""

    objective = models.TextField(_("mục tiêu"))
    field = models.CharField(
        _("lĩnh vực"), max_length=255, help_text=_("Ví dụ: Giao thông, Thủy lợi, Y tế, Giáo dục.")
    )
    project_type = models.CharField(_("loại dự án"), max_length=32, choices=ProjectType.choices)
    start_year = models.PositiveSmallIntegerField(_("năm khởi công"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("năm hoàn thành"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Năm hoàn thành theo kế hoạch; để trống nếu chưa xác định."),
    )
    total_investment = models.DecimalField(
        _("tổng mức đầu tư (đồng)"),
        max_digits=18,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Ghi số đồng, không ghi dấu chấm phân cách, ví dụ: 125000000000."),
    )
    funding_source = models.CharField(_("nguồn vốn"), max_length=32, choices=FundingSource.choices)
    donor = models.CharField(_("nhà tài trợ"), max_length=255, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PREPARING,
    )
    location = models.CharField(_("địa điểm thực hiện"), max_length=500, blank=True)
    investor = models.CharField(_("chủ đầu tư"), max_length=255)
    description = StreamField(content_blocks(), verbose_name=_("mô tả"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("objective"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("field"), FieldPanel("project_type")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("investor")]),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("location"),
            ],
            heading=_("Thông tin dự án"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("total_investment"),
                FieldRowPanel([FieldPanel("funding_source"), FieldPanel("donor")]),
            ],
            heading=_("Vốn đầu tư"),
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("objective"),
        index.SearchField("investor"),
        index.SearchField("description"),
        index.FilterField("status"),
        index.FilterField("field"),
        index.FilterField("funding_source"),
    ]
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dự án đầu tư")
        verbose_name_plural = _("dự án đầu tư")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {
                    "end_year": _(
                        "Năm hoàn thành (%(end)s) không được trước năm khởi công (%(start)s)."
                    )
                    % {"end": self.end_year, "start": self.start_year}
                }
            )

    @property
    def duration(self) -> str:
        """``2024–2027``; ``từ năm 2024`` while the end is not known."""
        if not self.end_year:
            return _("từ năm %(start)s") % {"start": self.start_year}
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

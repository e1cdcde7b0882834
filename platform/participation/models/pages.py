"""The Q&A page (ask, follow, read) and one page per published answer.

An answer is a page (``QAAnswerPage``, child of the Q&A page) so that it is
published only through the site's own approval: the board writes it as a draft,
and the people who may publish news (Wagtail's page permissions and the site's
workflow) publish it. A published answer is then searched by the platform's
search (without diacritics), listed, in the sitemap — and holds nothing of the
asker's contact details, which stay in ``Submission``.
"""

from django.core.paginator import Paginator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from core.text import StrippedTextMixin

DEFAULT_FIELDS = (
    "Đất đai, xây dựng\nHộ tịch, chứng thực\nLao động, việc làm, bảo hiểm xã hội\n"
    "Giáo dục\nY tế\nChính sách xã hội\nKinh tế, thuế, đăng ký kinh doanh\n"
    "Môi trường\nKhác"
)
DEFAULT_NOTICE = (
    "Thông tin cá nhân (họ tên, thư điện tử, điện thoại, địa chỉ) chỉ dùng để trả lời "
    "và liên hệ với bạn về câu hỏi này, không công khai, không chuyển cho bên thứ ba "
    "ngoài cơ quan có thẩm quyền giải quyết, và được xoá sau thời hạn lưu trữ "
    "(Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân)."
)
PER_PAGE = 20


class QAPage(StrippedTextMixin, Page):
    """The site's *Hỏi – đáp*: the form to ask (and, where enabled, to send feedback
    on administrative rules), the lookup by tracking code, and the published answers."""

    lead = models.TextField(_("sapo"), blank=True)
    fields_list = models.TextField(
        _("các lĩnh vực"),
        default=DEFAULT_FIELDS,
        help_text=_("Mỗi dòng một lĩnh vực, người hỏi chọn một."),
    )
    accepts_feedback = models.BooleanField(
        _("nhận phản ánh, kiến nghị về quy định hành chính"),
        default=False,
        help_text=_("Dành cho cổng thông tin và trang của sở, ban, ngành."),
    )
    privacy_notice = models.TextField(_("thông báo xử lý dữ liệu cá nhân"), default=DEFAULT_NOTICE)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("fields_list"),
                FieldPanel("accepts_feedback"),
                FieldPanel("privacy_notice"),
            ],
            heading=_("Biểu mẫu gửi câu hỏi"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead")]
    subpage_types = ["participation.QAAnswerPage"]
    parent_page_types = ["home.HomePage", "sitepages.ContentPage"]

    class Meta:
        verbose_name = _("trang hỏi – đáp")
        verbose_name_plural = _("trang hỏi – đáp")

    def field_choices(self) -> list[str]:
        return [line.strip() for line in self.fields_list.splitlines() if line.strip()]

    def answers(self):
        return (
            QAAnswerPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-answered_on", "-first_published_at", "-id")
        )

    def years_cache_key(self) -> str:
        return f"participation:years:{self.pk}"

    def answer_years(self) -> list[int]:
        """The years of the published answers, newest first, for the year filter: one
        scan of every answer, so kept in the (per-site) cache until an answer is
        published or unpublished (``wagtail_hooks``) or an hour has passed."""
        from django.core.cache import cache

        years = cache.get(self.years_cache_key())
        if years is None:
            years = [d.year for d in self.answers().dates("answered_on", "year", order="DESC")]
            cache.set(self.years_cache_key(), years, 3600)
        return years

    def listing(self, request) -> dict:
        """The published answers, filtered by ``linh-vuc``, ``nam`` and ``q``."""
        from sitesearch.forms import normalise_query
        from sitesearch.services import build_query

        answers = self.answers()
        field = request.GET.get("linh-vuc", "")
        if field in self.field_choices():
            answers = answers.filter(field=field)
        else:
            field = ""
        year = request.GET.get("nam", "")
        if year.isdigit() and len(year) == 4:
            answers = answers.filter(answered_on__year=int(year))
        else:
            year = ""
        query = normalise_query(request.GET.get("q", ""))[:200]
        search = build_query(query) if query else None
        results = answers.search(search, order_by_relevance=False) if search else answers
        paginator = Paginator(results, PER_PAGE)
        number = request.GET.get("page", "1")
        page_obj = paginator.get_page(number if str(number).isdigit() else 1)
        years = self.answer_years()
        from urllib.parse import urlencode

        kept = {"q": query, "linh-vuc": field, "nam": year}
        return {
            "filter_query": urlencode({k: v for k, v in kept.items() if v}),
            "answers": page_obj,
            "selected_field": field,
            "selected_year": year,
            "query": query,
            "years": years,
        }

    def get_context(self, request, *args, form=None, lookup_form=None, **kwargs):
        from participation.forms import LookupForm, QuestionForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = form or QuestionForm(page=self)
        context["lookup_form"] = lookup_form or LookupForm()
        context.update(self.listing(request))
        return context

    def serve_submission(self, request):
        """A question (``action=ask``) or a lookup (``action=lookup``), posted to
        participation.views.submit (protected there)."""
        from participation import services
        from participation.forms import LookupForm, QuestionForm

        if request.POST.get("action") == "lookup":
            lookup_form = LookupForm(request.POST)
            found = lookup_form.is_valid() and services.lookup(
                lookup_form.cleaned_data["code"], lookup_form.cleaned_data["contact"]
            )
            return TemplateResponse(
                request,
                "participation/lookup_result.html",
                {
                    # the result page shows no list of answers: the page's own context
                    **Page.get_context(self, request),
                    "lookup_form": lookup_form,
                    "found": found,
                    "looked_up": lookup_form.is_valid(),
                },
                status=200 if found or not lookup_form.is_valid() else 404,
            )
        form = QuestionForm(request.POST, request.FILES, page=self)
        if not form.is_valid():
            return TemplateResponse(
                request,
                self.get_template(request),
                self.get_context(request, form=form),
                status=400 if form.spam else 200,
            )
        submission = services.receive(self, form.cleaned_data)
        return TemplateResponse(
            request,
            "participation/receipt.html",
            {**Page.get_context(self, request), "submission": submission},
        )


class QAAnswerPage(StrippedTextMixin, Page):
    """One published question and its answer (no contact details of the asker)."""

    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    question = models.TextField(_("câu hỏi"))
    asked_on = models.DateField(_("ngày hỏi"), null=True, blank=True)
    answer = models.TextField(_("trả lời"))
    answering_body = models.CharField(_("cơ quan trả lời"), max_length=255)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True, db_index=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("field"),
        FieldPanel("question"),
        FieldPanel("asked_on"),
        FieldPanel("answer"),
        FieldPanel("answering_body"),
        FieldPanel("answered_on"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.SearchField("field"),
        index.FilterField("field"),
        index.FilterField("answered_on"),
    ]
    parent_page_types = ["participation.QAPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("câu hỏi đã trả lời")
        verbose_name_plural = _("câu hỏi đã trả lời")

    @property
    def lead(self) -> str:
        """The search result's snippet (sitesearch.services.SNIPPET_FIELDS)."""
        return self.question[:300]

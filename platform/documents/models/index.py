from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from documents.forms import DocumentFilterForm
from documents.queries import filter_options, search_documents

from .legal_document import LegalDocumentFile, LegalDocumentPage


class DocumentIndexPage(Page):
    """The document database: the live documents below it, filtered and searched.

    Query string: ``doc_type``, ``issuer``, ``field``, ``year``, ``status``,
    ``q`` (see ``DocumentFilterForm`` and ``documents.queries.search_documents``)
    and ``page``. Newest issue date first, 20 to a page.
    """

    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["documents.LegalDocumentPage"]

    #: Documents per page of results.
    per_page = 20

    class Meta:
        verbose_name = _("cơ sở dữ liệu văn bản")
        verbose_name_plural = _("cơ sở dữ liệu văn bản")

    def live_documents(self):
        """The live documents of this index that carry no view restriction of their own.

        Not ``public()``: that would hide every document of an index whose
        section is restricted, from the very visitors allowed in.
        Whoever sees this index passed the restrictions above it.
        """
        own_restriction = PageViewRestriction.objects.filter(page=OuterRef("pk"))
        return LegalDocumentPage.objects.child_of(self).live().filter(~Exists(own_restriction))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.live_documents()
        form = DocumentFilterForm(request.GET, **filter_options(documents))
        filters = form.filters()
        results = self.filter_documents(documents, filters).order_by("-issued_on", "-pk")
        page_obj = Paginator(results, self.per_page).get_page(request.GET.get("page"))
        context.update(
            form=form,
            filters=filters,
            ignored_filters=form.ignored(),
            page_obj=page_obj,
            documents=page_obj.object_list,
            result_count=page_obj.paginator.count,
            query=urlencode(filters),
        )
        return context

    @staticmethod
    def filter_documents(documents, filters: dict):
        """``documents`` narrowed by the valid filters of ``DocumentFilterForm.filters()``."""
        exact = {
            name: filters[name]
            for name in ("doc_type", "issuer", "field", "status")
            if name in filters
        }
        documents = documents.filter(**exact)
        if "year" in filters:
            documents = documents.filter(issued_on__year=filters["year"])
        if "q" in filters:
            documents = search_documents(documents, filters["q"])
        return documents.prefetch_related(
            Prefetch(
                "attachments",
                queryset=LegalDocumentFile.objects.select_related("document").order_by(
                    "sort_order"
                ),
            )
        )

"""The search page of every site: ``/tim-kiem/`` (and ``/en/tim-kiem/``)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from .forms import Kind, SearchForm
from .services import describe, search_pages

RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    """Search the live public pages of the active language.

    Query parameters: ``q`` (the words; every word must match, diacritics and
    case ignored), ``loai`` (a :class:`~sitesearch.forms.Kind` value) and
    ``page`` (a bad or out-of-range number shows the nearest page). An empty or
    too long query shows the form with a message, never an error status.
    """
    form = SearchForm(request.GET)
    form.is_valid()  # the fields' errors are shown by the template
    query = form.cleaned_data.get("q", "")
    kind = form.cleaned_data.get("loai", Kind.ALL)
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        "kinds": Kind.choices,
        # The header's search box shows what was searched.
        "search_query": query or request.GET.get("q", ""),
        "page_obj": None,
        "results": [],
    }
    if query and not form.errors:
        paginator = Paginator(search_pages(query, kind), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            results=[describe(page, request) for page in page_obj.object_list],
            querystring=urlencode({"q": query, **({"loai": kind} if kind else {})}),
        )
    return TemplateResponse(request, "sitesearch/search.html", context)

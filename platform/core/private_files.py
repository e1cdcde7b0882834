"""Files of restricted pages stay as private as the pages (docs/security.md).

A document of the site's library is served only through Wagtail's serve view
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``; local media never exposes
``documents/``). Before it is sent, ``check_page_restrictions`` (a
``before_serve_document`` hook, see ``core.wagtail_hooks``) looks up in Wagtail's
reference index every page that refers to the document — a legal document's
attachments (``LegalDocumentFile``, indexed through its page), an attachments
block of a StreamField, a link in rich text — and applies the view restrictions
of those pages and their ancestors, and, when the site limits its restricted pages
to its internal networks (Settings → Mạng nội bộ), refuses their files to requests
from outside those networks (403) too. The rule is the safest one: **a document is
private as soon as one page referring to it is restricted**, live or not, even if
a public page links to it as well (that link then asks for a login). Wagtail's
own hook applies the restrictions of a private collection.

Responses of private files are marked ``Cache-Control: private, no-store``
(``serve_document``), so neither a shared cache nor ``core.page_cache`` (which
never looks at ``/documents/`` anyway) keeps them.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.cache import patch_cache_control

from wagtail.documents.views import serve as wagtail_serve
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction, ReferenceIndex

#: set on the request by the hook when the document served is private
PRIVATE_FLAG = "_platform_private_file"


def referencing_pages(obj) -> list[Page]:
    """The pages (any state) that refer to ``obj`` according to the reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    return list(Page.objects.filter(pk__in=ids).only("id", "path", "depth")) if ids else []


def page_restrictions_for(obj) -> list[PageViewRestriction]:
    """The view restrictions on the pages referring to ``obj`` and on their ancestors."""
    steplen = Page.steplen
    paths = {
        page.path[:end]
        for page in referencing_pages(obj)
        for end in range(steplen, len(page.path) + 1, steplen)
    }
    if not paths:
        return []
    return list(
        PageViewRestriction.objects.filter(page__path__in=paths)
        .select_related("page")
        .prefetch_related("groups")
        .order_by("page__path")
    )


def is_private(document) -> bool:
    """Whether ``document`` is behind a page restriction or in a private collection."""
    return bool(page_restrictions_for(document)) or bool(
        document.collection.get_view_restrictions()
    )


def _refuse(request, restriction: PageViewRestriction):
    if restriction.restriction_type == BaseViewRestriction.PASSWORD:
        from wagtail.forms import PasswordViewRestrictionForm

        page = restriction.page.specific
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        response = page.serve_password_required_response(request, form, action_url)
        patch_cache_control(response, private=True, no_store=True)
        return response
    if not request.user.is_authenticated:
        # the login page the restricted page itself redirects to
        from wagtail.wagtail_hooks import require_wagtail_login

        return require_wagtail_login(next=request.get_full_path())
    # logged in but not in the groups the page is restricted to
    raise PermissionDenied


def check_page_restrictions(document, request):
    """``before_serve_document``: refuse a document of a restricted page to a request that
    does not pass every restriction; mark any private document's response."""
    restrictions = page_restrictions_for(document)
    if restrictions or document.collection.get_view_restrictions():
        setattr(request, PRIVATE_FLAG, True)
    if restrictions:
        # the site's internal networks, when its restricted pages are limited to them
        from accounts.networks import refuse_outside_network
        from accounts.two_factor import unverified_redirect

        refused = refuse_outside_network(request) or unverified_redirect(request)
        if refused is not None:
            return refused
    for restriction in restrictions:
        if not restriction.accept_request(request):
            return _refuse(request, restriction)
    return None


def serve_document(request, document_id, document_filename):
    """Wagtail's serve view, with ``Cache-Control: private, no-store`` on a private file
    (and on any refusal: a login redirect or password form must not be cached either)."""
    response = wagtail_serve.serve(request, document_id, document_filename)
    if getattr(request, PRIVATE_FLAG, False) or response.status_code != 200:
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response

"""Endpoints of the visitor protections: the proof-of-work challenge and the one
submission endpoint every participation page posts to (participation.protection)."""

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail import hooks
from wagtail.models import Page

from participation.protection import new_challenge, visitor_submission


@require_GET
@never_cache
def challenge(request):
    """A fresh signed challenge (JSON) for the widget: never cached, nothing stored."""
    return JsonResponse(new_challenge())


@visitor_submission("submit")
def submit(request, page_id: int):
    """A visitor's form for the live page ``page_id`` of this site.

    The page (a ``SubmissionPage``) renders its own form and its outcome through
    ``serve_submission(request)``; a GET goes back to the page. CSRF-exempt, same
    origin, rate limited (``visitor_submission``).
    """
    page = Page.objects.live().filter(id=page_id).specific().first()
    if page is None or not hasattr(page, "serve_submission"):
        raise Http404
    if request.method != "POST":
        return HttpResponseRedirect(page.url)
    # the response renders the page itself: apply what serving the page applies (view
    # restrictions, internal networks, second factor), as wagtail.views.serve does
    chain = lambda page, request, args, kwargs: page.serve_submission(request)  # noqa: E731
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        refused = hook(page, request, (), {})
        if isinstance(refused, HttpResponse):
            return refused
    return chain(page, request, (), {})

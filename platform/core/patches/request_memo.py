"""Remember, for the length of one request, two lookups Wagtail repeats many times.

Why: ``PageQuerySet.public()`` loads every ``PageViewRestriction`` each time it
is called (a home page with four listing blocks ran the same query five times),
and ``Locale.get_active()`` loads the active locale on every call. Both change
only when an editor edits privacy or languages, never during a visitor's
request, so the first answer in a request is kept (per schema) until the request
ends. Outside requests (commands, Celery tasks) nothing is remembered.

Remove if Wagtail caches these itself (no upstream issue filed yet).
"""

import threading

from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import Q

_state = threading.local()


def _begin(**kwargs):
    _state.memo = {}


def _end(**kwargs):
    _state.memo = None


def _memo(key, compute):
    memo = getattr(_state, "memo", None)
    if memo is None:
        return compute()
    key = (connection.schema_name, key)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(**kwargs):
    """Drop what this request remembered (an editor changed privacy or locales)."""
    if getattr(_state, "memo", None) is not None:
        _state.memo = {}


def restricted_paths() -> tuple[str, ...]:
    from wagtail.models import PageViewRestriction

    return _memo(
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def private_q(self):
    """Pages in a private section: the page with a restriction and its descendants."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    # do not match any page if no private section exists (as Wagtail does)
    return q if q else Q(pk__in=[])


def apply():
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Locale, PageViewRestriction
    from wagtail.models.i18n import LocaleManager
    from wagtail.query import PageQuerySet
    from wagtail.signals import post_page_move

    original_get_for_language = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        return _memo(
            ("locale", language_code), lambda: original_get_for_language(self, language_code)
        )

    LocaleManager.get_for_language = get_for_language
    PageQuerySet.private_q = private_q

    request_started.connect(_begin, dispatch_uid="request-memo-begin")
    request_finished.connect(_end, dispatch_uid="request-memo-end")
    for model in (PageViewRestriction, Locale):
        post_save.connect(forget, sender=model, dispatch_uid=f"request-memo-{model.__name__}-save")
        post_delete.connect(
            forget, sender=model, dispatch_uid=f"request-memo-{model.__name__}-delete"
        )
    post_page_move.connect(forget, dispatch_uid="request-memo-move")

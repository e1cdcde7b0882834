"""Publishing and unpublishing a page run in one database transaction.

Why: Wagtail's ``PublishRevisionAction.execute`` and ``UnpublishAction.execute``
save the page and then send ``page_published`` / ``page_unpublished`` without a
transaction of their own. The platform's syndication writes its offer to the
exchange from those signals and must succeed or fail together with the publish
(the exchange is an outbox written in the publish's transaction,
docs/syndication.md): here both actions are
wrapped in ``transaction.atomic`` (a savepoint when already inside one, as in a
workflow approval).

Upstream: wagtail PR #13879 ("make the publish flow atomic", closed unmerged in
2026); the text to propose is in ``docs/upstream.md``. Remove if Wagtail makes
these actions atomic itself.
"""

import functools

from django.db import transaction

#: the wrappers made here, so that applying the patch twice wraps nothing twice
_WRAPPERS: set = set()


def _atomic(method):
    if method in _WRAPPERS:
        return method

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with transaction.atomic():
            return method(*args, **kwargs)

    _WRAPPERS.add(wrapper)
    return wrapper


def apply():
    from wagtail.actions.publish_revision import PublishRevisionAction
    from wagtail.actions.unpublish import UnpublishAction
    from wagtail.actions.unpublish_page import UnpublishPageAction

    for action in (PublishRevisionAction, UnpublishAction, UnpublishPageAction):
        action.execute = _atomic(action.execute)

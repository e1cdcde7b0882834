"""Publishing the demo's pages: what an editor's "Publish" leaves behind, in one save.

``page.save_revision().publish()`` saves a page three times, and every save
re-indexes it for search and for references. A demo site publishes about fifty
pages, so the demo saves each page once, already live, then records what
publishing records: the revision (live and latest), the log entry and the
``page_published`` signal (which, among others, purges the site's page cache).
"""

from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published


def publish(parent, page):
    """Add ``page`` (a specific page type) under ``parent`` as a published page."""
    _mark_live(page)
    parent.add_child(instance=page)
    _record_publication(page)
    return page


def publish_changes(page):
    """Save and publish the edited fields of an existing ``page`` (its specific instance)."""
    _mark_live(page)
    # Children added through other instances (a translation's copy finds its parent
    # itself) leave this one's count stale; saving it would hide them from routing.
    page.refresh_from_db(fields=["numchild"])
    page.save()
    _record_publication(page)
    return page


def _mark_live(page) -> None:
    now = timezone.now()
    page.live, page.expired, page.has_unpublished_changes = True, False, False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    page.draft_title = page.title


def _record_publication(page) -> None:
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    # An UPDATE that sends no post_save: the page is not re-indexed for nothing.
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)

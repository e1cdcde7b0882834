"""What happens to an offer: made or refreshed by a publish at the source,
withdrawn by an unpublish or delete there, and seen, accepted, rejected or taken
again by the parent's board.

The source's side runs in the source's schema inside its publish transaction; the
parent's side runs in the parent's schema (its admin). Both read and write only
the exchange (public), which every schema's search path includes. Slow work
(e-mails, cache purges) is queued after commit and swept up by a periodic task
if the worker or Redis was down (``syndication.tasks``).
"""

import itertools
import json
import logging

from anyascii import anyascii

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug

from core.blocks.portable import stream_from_portable
from syndication import snapshot
from syndication.models import OPEN_STATUSES, Offer, OfferStatus
from tenants.db import connection

logger = logging.getLogger(__name__)

SNAPSHOT_FIELDS = [
    "revision_id",
    "content_hash",
    "title",
    "lead",
    "body",
    "stream",
    "images",
    "feed_image",
    "author",
    "credit",
    "category",
    "url",
    "published_at",
    "changed_at",
]


def current_tenant():
    """The registry row of the active schema (None in ``public``)."""
    from tenants.models import Tenant

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Tenant) and tenant.schema_name == connection.schema_name:
        # (a registry row, or the unsaved stand-in of a project without tenants)
        return tenant if tenant.pk else None
    return Tenant.objects.filter(schema_name=connection.schema_name).first()


def base_url(tenant) -> str:
    from tenants.registry import primary_url

    return primary_url(tenant, "").rstrip("/")


def wants_offer(page) -> bool:
    """Vietnamese articles are offered unless the article or the site says not to; an
    alias is never offered (its original is), nor is a private article (a view
    restriction on it or on a section above it)."""
    from news.models import NewsSettings

    return (
        bool(getattr(page, "offer_to_parent", False))
        and not page.alias_of_id
        and page.locale.language_code == "vi"
        and not page.get_view_restrictions().exists()
        and NewsSettings.load().offer_to_parent
    )


# --- The source's side -------------------------------------------------------------------------


def offer(page) -> Offer | None:
    """Offer the just-published article ``page`` to the active site's parent, or
    refresh its offer: a changed story that the parent has decided on is marked
    *updated*; one the source had withdrawn is offered again."""
    tenant = current_tenant()
    if tenant is None or tenant.parent_id is None or page.alias_of_id:
        return None
    if not wants_offer(page):
        # unticked, made private or switched off for the site: an earlier offer goes
        withdraw(page)
        return None
    data = snapshot.take(page, base_url(tenant))
    values = {name: data[name] for name in SNAPSHOT_FIELDS}
    values.update(source=tenant, source_name=tenant.name, source_kind=tenant.kind)
    # atomic: a savepoint inside the publish's transaction, or a transaction of its own
    # where a caller publishes outside one (page copies send page_published too)
    with transaction.atomic():
        entry = (
            Offer.objects.select_for_update()
            .filter(source_key=tenant.slug, page_id=page.pk, target_id=tenant.parent_id)
            .first()
        )
        if entry is None:
            _purge_parent(tenant.parent_id)  # its directory shows the site's headlines
            try:
                with transaction.atomic():
                    return Offer.objects.create(
                        source_key=tenant.slug,
                        page_id=page.pk,
                        target_id=tenant.parent_id,
                        **values,
                    )
            except IntegrityError:
                # the same article published twice at once: the other publish made the
                # row a moment ago; this one refreshes it below
                entry = Offer.objects.select_for_update().get(
                    source_key=tenant.slug, page_id=page.pk, target_id=tenant.parent_id
                )
        changed = entry.content_hash != values["content_hash"]
        for name, value in values.items():
            setattr(entry, name, value)
        if entry.status == OfferStatus.WITHDRAWN:
            entry.status = OfferStatus.UPDATED if entry.accepted_page_id else OfferStatus.OFFERED
            entry.alert_pending = False
            changed = True
        elif changed and entry.status in (OfferStatus.ACCEPTED, OfferStatus.REJECTED):
            entry.status = OfferStatus.UPDATED
        entry.save()
        if changed:
            _purge_parent(tenant.parent_id)
    return entry


def withdraw(page) -> list[Offer]:
    """The source unpublished or deleted ``page``: its offers are marked withdrawn and
    the parents' boards alerted (after commit). The parents' copies stay as they are."""
    tenant = current_tenant()
    if tenant is None:
        return []
    with transaction.atomic():
        return _withdraw(tenant, page)


def _withdraw(tenant, page) -> list[Offer]:
    entries = list(
        Offer.objects.select_for_update()
        .filter(source_key=tenant.slug, page_id=page.pk)
        .exclude(status=OfferStatus.WITHDRAWN)
    )
    for entry in entries:
        entry.status = OfferStatus.WITHDRAWN
        entry.changed_at = timezone.now()
        # the board of a parent that has a copy is e-mailed; an undecided offer simply
        # leaves the inbox's open list
        entry.alert_pending = entry.accepted_page_id is not None
        entry.save(update_fields=["status", "changed_at", "alert_pending"])
    for target_id in {entry.target_id for entry in entries}:
        _purge_parent(target_id)
    if any(entry.alert_pending for entry in entries):
        from syndication.tasks import queue_alerts

        transaction.on_commit(queue_alerts)
    return entries


def close_offers_of(site) -> int:
    """The source ``site`` is being deleted: its offers are withdrawn (the parents'
    boards alerted where they have a copy, which stays) and re-keyed with the site's
    id, so that a later site given the same slug never meets them."""
    suffix = f"~{site.pk}"
    key = site.slug[: 41 - len(suffix)] + suffix
    entries = list(Offer.objects.select_for_update().filter(source_key=site.slug))
    for entry in entries:
        if entry.status != OfferStatus.WITHDRAWN:
            entry.status, entry.changed_at = OfferStatus.WITHDRAWN, timezone.now()
            entry.alert_pending = entry.accepted_page_id is not None
        entry.source_key = key
        entry.save(update_fields=["status", "changed_at", "alert_pending", "source_key"])
    if any(entry.alert_pending for entry in entries):
        from syndication.tasks import queue_alerts

        transaction.on_commit(queue_alerts)
    return len(entries)


def _purge_parent(target_id: int) -> None:
    from core.page_cache import purge_site
    from tenants.models import Tenant

    schema = Tenant.objects.filter(pk=target_id).values_list("schema_name", flat=True).first()
    if schema:
        purge_site(schema)


# --- The parent's side ---------------------------------------------------------------------------


def inbox(tenant):
    """The offers addressed to ``tenant``, newest first (never another site's)."""
    return Offer.objects.filter(target=tenant)


def get_for_parent(tenant, offer_id, *, lock=False) -> Offer:
    queryset = Offer.objects.select_for_update() if lock else Offer.objects
    entry = queryset.filter(pk=offer_id, target=tenant).first()
    if entry is None:
        raise PermissionDenied
    return entry


def news_index():
    """The active site's Vietnamese news section (None if it has none): where accepted
    stories go, and whose permissions say who works the inbox."""
    from news.models import NewsIndexPage

    return NewsIndexPage.objects.filter(locale__language_code="vi").order_by("path").first()


def require_decider(user) -> None:
    """Rejecting and filing offers are the board's decisions: whoever may publish in
    the site's news (a reporter may read the inbox and accept into a draft, which
    the workflow then reviews)."""
    index = news_index()
    if index is None:
        raise PermissionDenied
    # the publish permission itself: under the approval workflow nobody may publish
    # directly (editorial.permissions), but the roles that approve still hold it
    tester = index.permissions_for_user(user)
    if not (user.is_active and (user.is_superuser or "publish" in tester.permissions)):
        raise PermissionDenied


def mark_seen(tenant, offer_id, user) -> Offer:
    require_decider(user)
    with transaction.atomic():
        entry = get_for_parent(tenant, offer_id, lock=True)
        if entry.status == OfferStatus.OFFERED:
            entry.status = OfferStatus.SEEN
            entry.decided_by = user.get_username()
            entry.save(update_fields=["status", "decided_by"])
    return entry


def reject(tenant, offer_id, user, reason: str) -> Offer:
    require_decider(user)
    reason = (reason or "").strip()[:1000]
    if not reason:
        raise ValidationError(_("Ghi lý do từ chối để trang nguồn biết."))
    with transaction.atomic():
        entry = get_for_parent(tenant, offer_id, lock=True)
        if entry.status not in (*OPEN_STATUSES, OfferStatus.UPDATED):
            raise ValidationError(
                _("Tin này đang ở trạng thái “%(status)s”, không từ chối được.")
                % {"status": entry.get_status_display()}
            )
        entry.status, entry.reason = OfferStatus.REJECTED, reason
        entry.decided_by, entry.decided_at = user.get_username(), timezone.now()
        entry.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return entry


def accept(tenant, offer_id, user):
    """Create, in the active (parent's) schema, a draft article from the offer, with
    its images copied into the parent's library and the source named at the end; it
    then goes through the parent's own workflow. Accepting again returns the same
    draft. Returns ``(offer, page)``."""
    from news.models import NewsArticlePage

    with transaction.atomic():
        entry = get_for_parent(tenant, offer_id, lock=True)
        if entry.accepted_page_id:
            page = NewsArticlePage.objects.filter(pk=entry.accepted_page_id).first()
            if page is not None:
                return entry, page
        if entry.status == OfferStatus.WITHDRAWN:
            raise ValidationError(_("Trang nguồn đã gỡ tin này: không nhận được nữa."))
        index = news_index()
        if index is None:
            raise ValidationError(_("Trang chưa có mục Tin tức để nhận bài."))
        if not index.permissions_for_user(user).can_add_subpage():
            raise PermissionDenied
        images = _copy_images(entry, user)
        credit = entry.credit or {}
        page = NewsArticlePage(
            title=entry.title,
            slug=_free_slug(index, entry.title),
            lead=entry.lead,
            body=json.dumps(_stream_for_parent(entry, images)),
            owner=user,
            live=False,
            feed_image=images.get(entry.feed_image),
            author="",
            # the story's first source stays named when it comes from two levels down
            source_name=credit.get("name") or entry.source_name,
            source_author=credit.get("author", "") if credit else entry.author,
            source_published_at=parse_datetime(credit.get("published_at") or "")
            if credit
            else entry.published_at,
            source_url=credit.get("url", "") if credit else entry.url,
            offer_to_parent=False,
        )
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        entry.status, entry.accepted_page_id = OfferStatus.ACCEPTED, page.pk
        entry.accepted = _taken(entry)
        entry.decided_by, entry.decided_at = user.get_username(), timezone.now()
        entry.save(
            update_fields=["status", "accepted_page_id", "accepted", "decided_by", "decided_at"]
        )
    return entry, page


def take_update(tenant, offer_id, user):
    """Put the source's latest version of an accepted story into a new draft revision
    of the parent's copy (which its workflow then reviews)."""
    from news.models import NewsArticlePage

    with transaction.atomic():
        entry = get_for_parent(tenant, offer_id, lock=True)
        if entry.status != OfferStatus.UPDATED or not entry.accepted_page_id:
            raise ValidationError(_("Không có bản cập nhật nào để nhận."))
        page = NewsArticlePage.objects.filter(pk=entry.accepted_page_id).first()
        if page is None:
            raise ValidationError(_("Bài đã nhận không còn trên trang này."))
        if not page.permissions_for_user(user).can_edit():
            raise PermissionDenied
        draft = page.get_latest_revision_as_object()
        images = _copy_images(entry, user)
        draft.title, draft.lead = entry.title, entry.lead
        draft.body = json.dumps(_stream_for_parent(entry, images))
        draft.feed_image = images.get(entry.feed_image)
        draft.save_revision(user=user, log_action=True)
        entry.status, entry.accepted = OfferStatus.ACCEPTED, _taken(entry)
        entry.decided_by, entry.decided_at = user.get_username(), timezone.now()
        entry.save(update_fields=["status", "accepted", "decided_by", "decided_at"])
    return entry, page


def record_republication(page) -> None:
    """The parent published its copy of an accepted story: the exchange keeps its URL
    and time for the portal's block of stories from component sites."""
    tenant = current_tenant()
    if tenant is None:
        return
    Offer.objects.filter(target=tenant, accepted_page_id=page.pk).update(
        parent_url=snapshot.absolute_url(page.get_url() or "", base_url(tenant)),
        parent_published_at=page.first_published_at or timezone.now(),
    )


def forget_republication(page) -> None:
    tenant = current_tenant()
    if tenant is not None:
        Offer.objects.filter(target=tenant, accepted_page_id=page.pk).update(
            parent_url="", parent_published_at=None
        )


def differences(entry: Offer) -> list[tuple[str, str, str]]:
    """What changed at the source since the parent accepted: ``(field label, then,
    now)`` for each changed field, ``then`` and ``now`` as safe HTML of the field's
    text with the deleted words in ``<del>`` and the inserted ones in ``<ins>``
    (Wagtail's word diff, the one its revision comparison shows). Long unchanged
    stretches are shortened to their ends."""
    from wagtail.admin.compare import diff_text
    from wagtail.utils.text import text_from_html

    taken = entry.accepted or {}
    rows = []
    for name, label in (("title", _("Tiêu đề")), ("lead", _("Sapo")), ("body", _("Nội dung"))):
        then, now = taken.get(name, ""), getattr(entry, name)
        if then != now:
            diff = diff_text(text_from_html(then), text_from_html(now))
            rows.append(
                (label, _one_side(diff, "deletion", "del"), _one_side(diff, "addition", "ins"))
            )
    return rows


#: the words kept at each end of an unchanged stretch of a comparison
CONTEXT_WORDS = 25


def _one_side(diff, change: str, tag: str) -> str:
    """The unchanged text of ``diff`` (a Wagtail ``TextDiff``) with its ``change``s
    (``"deletion"`` or ``"addition"``) marked by ``tag``; everything escaped."""
    parts = []
    kept = (item for item in diff.changes if item[0] in ("equal", change))
    for kind, items in itertools.groupby(kept, key=lambda item: item[0]):
        text = "".join(value for _kind, value in items)
        if kind == "equal":
            words = text.split(" ")
            if len(words) > 2 * CONTEXT_WORDS + 1:
                text = f"{' '.join(words[:CONTEXT_WORDS])} … {' '.join(words[-CONTEXT_WORDS:])}"
            parts.append(escape(text))
        else:
            parts.append(format_html("<{tag}>{text}</{tag}>", tag=tag, text=text))
    return mark_safe("".join(parts))


def _taken(entry: Offer) -> dict:
    return {
        "title": entry.title,
        "lead": entry.lead,
        "body": entry.body,
        "content_hash": entry.content_hash,
        "revision_id": entry.revision_id,
    }


def _free_slug(index, title: str) -> str:
    # Vietnamese letters without marks (đ → d), as Wagtail's editor makes slugs
    base = slugify(anyascii(title))[:70].strip("-") or "tin"
    return find_available_slug(index, base)


def _copy_images(entry: Offer, user) -> dict:
    """Copy the offer's images into the active site's library (stored under its own
    key). Returns the new images by the source's image id."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from django.core.files.storage import default_storage

    from wagtail.images import get_image_model

    Image = get_image_model()
    copies = {}
    for item in entry.images:
        try:
            with default_storage.open(item["file"], "rb") as source:
                content = source.read()
        except (FileNotFoundError, OSError):
            logger.warning("Offer %s: image %s is gone at the source", entry.pk, item["file"])
            continue
        image = Image(
            title=item["title"][:255],
            uploaded_by_user=user,
            file=ImageFile(BytesIO(content), name=item["file"].rsplit("/", 1)[-1]),
        )
        if not image.file.width:  # not an image Pillow can read: left out
            logger.warning("Offer %s: %s is not a readable image", entry.pk, item["file"])
            continue
        if hasattr(image, "description"):
            image.description = item.get("alt", "")[:255]
        image.save()
        copies[item["id"]] = image
    return copies


class Importer:
    """The tools the body's blocks rebuild themselves with on the accepting site
    (``core.blocks.portable.Import``): ``images`` are its copies by the source's ids."""

    def __init__(self, images: dict):
        self.images = images

    def image_id(self, source_id):
        image = self.images.get(source_id)
        return image.pk if image is not None else None

    def sanitise(self, html: str) -> str:
        return snapshot.sanitise(html)


def _stream_for_parent(entry: Offer, images: dict) -> list:
    """The offer's body as the parent's StreamField data, each block rebuilt by its
    own portable form (``core.blocks``): images remapped to the parent's copies,
    text sanitised again, what cannot be trusted left out."""
    from news.models import NewsArticlePage

    stream_block = NewsArticlePage._meta.get_field("body").stream_block
    return stream_from_portable(stream_block, entry.stream, Importer(images))

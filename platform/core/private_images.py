"""Private images: an image in a private collection, or used by a restricted page, is
served only to those who may see it (docs/security-files.md).

Images are otherwise public files (``/media/`` or the bucket's public image
folders), so a private image must not sit at a path anyone can find. Its file is
renamed to ``private-<random>-<name>``:

- the storage gives such a name (and its renditions, whose names start with the
  original's) the URL of :func:`serve` (``/anh-rieng/<name>``) instead of a media
  URL, so pages and the admin link to the checked view;
- the local ``/media/`` route and the bucket's anonymous policy
  (``docker-compose.yml``) leave ``private-*`` names out, and the random part
  makes the storage path unguessable besides;
- :func:`serve` finds the image of the name in the active site, applies its
  collection's restrictions and those of every page using it (and their
  ancestors: ``core.private_files``), the site's internal networks and a pending
  second factor, and streams the file with ``Cache-Control: private, no-store``.

:func:`sync` renames the file whenever the image's privacy changed: when the image
is saved, a collection's or a page's restriction is added or removed, or a page
using it is published (``core.signals``). Renditions are dropped and made again
under the new name. An image that was used by a restricted page stays private
until one of those events happens after the page stopped using it (the safe side).
"""

from __future__ import annotations

import logging
import os
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

PRIVATE_MARK = "private-"
URL_PREFIX = "/anh-rieng/"


def is_private_name(name: str) -> bool:
    """Whether a stored file name (original or rendition) is a private image's."""
    return os.path.basename(name).startswith(PRIVATE_MARK)


def private_url(name: str) -> str:
    return URL_PREFIX + name


def should_be_private(image) -> bool:
    from core.private_files import is_private

    return is_private(image)


def _private_basename(name: str) -> str:
    base = os.path.basename(name)
    stem, extension = os.path.splitext(base)
    return f"{PRIVATE_MARK}{secrets.token_hex(10)}-{stem[:30]}{extension}"


def _public_basename(name: str) -> str:
    base = os.path.basename(name)
    if not base.startswith(PRIVATE_MARK):
        return base
    rest = base[len(PRIVATE_MARK) :]
    return rest.split("-", 1)[1] if "-" in rest else rest


def sync(image) -> bool:
    """Rename ``image``'s file if its privacy changed; returns whether it did.

    The new file is written first, the row updated, and the old file and the
    renditions deleted after the commit: a failure leaves the image as it was."""
    private = should_be_private(image)
    if private == is_private_name(image.file.name):
        return False
    storage = image.file.storage
    old_name = image.file.name
    folder = os.path.dirname(old_name)
    wanted = _private_basename(old_name) if private else _public_basename(old_name)
    with storage.open(old_name, "rb") as source:
        new_name = storage.save(os.path.join(folder, wanted), source)
    old_renditions = [rendition.file.name for rendition in image.renditions.all()]
    with transaction.atomic():
        image.renditions.all().delete()
        type(image).objects.filter(pk=image.pk).update(file=new_name)
    image.file.name = new_name

    def remove_old_files():
        for name in [old_name, *old_renditions]:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not delete %s after an image privacy change", name)

    transaction.on_commit(remove_old_files)
    logger.info("Image %s is now %s: %s", image.pk, "private" if private else "public", new_name)
    return True


def sync_images(image_ids) -> int:
    """:func:`sync` each image of ``image_ids`` in the active site; returns how many changed."""
    from wagtail.images import get_image_model

    changed = 0
    for image in (
        get_image_model().objects.filter(pk__in=set(image_ids)).select_related("collection")
    ):
        try:
            changed += sync(image)
        except OSError:
            logger.exception("Could not change the privacy of image %s", image.pk)
    return changed


def images_used_below(page) -> list[int]:
    """Ids of the images the page and its descendants refer to (reference index)."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex

    image_type = ContentType.objects.get_for_model(get_image_model())
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = Page.objects.descendant_of(page, inclusive=True).values_list("id", flat=True)
    return [
        int(to_id)
        for to_id in ReferenceIndex.objects.filter(
            base_content_type=page_type,
            object_id__in=[str(pk) for pk in page_ids],
            to_content_type=image_type,
        )
        .values_list("to_object_id", flat=True)
        .distinct()
    ]


def serve(request, path: str):
    """Send a private image's original or rendition to a request allowed to see it."""
    from accounts.networks import refuse_outside_network
    from accounts.two_factor import unverified_redirect

    from wagtail.images import get_image_model

    from core.private_files import _refuse, page_restrictions_for

    if not is_private_name(path):
        raise Http404
    Image = get_image_model()
    image = Image.objects.filter(file=path).select_related("collection").first()
    if image is None:
        rendition = Image.get_rendition_model().objects.filter(file=path).first()
        image = rendition.image if rendition is not None else None
    if image is None:
        raise Http404
    page_restrictions = page_restrictions_for(image)
    if page_restrictions:
        refused = refuse_outside_network(request) or unverified_redirect(request)
        if refused is not None:
            return refused
    for restriction in [*image.collection.get_view_restrictions(), *page_restrictions]:
        if not restriction.accept_request(request):
            if hasattr(restriction, "page"):
                return _refuse(request, restriction)
            if not request.user.is_authenticated:
                from wagtail.wagtail_hooks import require_wagtail_login

                return require_wagtail_login(next=request.get_full_path())
            raise PermissionDenied
    import mimetypes

    storage = image.file.storage
    try:
        with storage.open(path, "rb") as opened:
            content = opened.read()
    except OSError:
        raise Http404 from None
    response = HttpResponse(
        content, content_type=mimetypes.guess_type(path)[0] or "application/octet-stream"
    )
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_view(request, path: str):
    """:func:`serve`, with every answer (the image, a login redirect, a refusal) kept
    out of shared caches."""
    response = serve(request, path)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response

"""Tell the editor what legacy-encoded text was converted on save, with a way to undo."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Page

from legacytext import services, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "legacy-text/<int:pk>/undo/",
            views.undo_conversion,
            name="legacytext_undo",
        ),
    ]


def _converted(instance) -> dict:
    changed = dict(getattr(instance, "_legacy_converted", {}) or {})
    revision = getattr(instance, "latest_revision", None)
    # a live page's edit goes to a revision only: the conversion happened there
    changed.update(getattr(revision, "_legacy_converted", {}) or {})
    if isinstance(instance, Page) and instance.pk is not None:
        # the publish action reloads the page: what its save converted is remembered
        changed = {**services.take(instance.pk), **changed}
    return changed


def _tell(request, instance):
    changed = _converted(instance)
    if not changed:
        return
    conversion = services.record(instance, changed, request.user)
    model = type(instance.specific) if hasattr(instance, "specific") else type(instance)
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Đã chuyển văn bản gõ bằng bảng mã cũ ({encodings}) sang Unicode ở: {fields}."
            ).format(
                encodings=services.encodings_label(changed),
                fields=", ".join(services.field_labels(model, changed)),
            ),
            reverse("legacytext_undo", args=[conversion.pk]),
            _("Xem bản gốc / hoàn tác"),
        ),
    )
    for name in ("_legacy_converted",):
        if hasattr(instance, name):
            delattr(instance, name)


@hooks.register("before_create_page")
def start_create(request, parent_page, page_class):
    services.forget_all()


@hooks.register("before_edit_page")
def start_edit(request, page):
    services.forget_all()


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_page_conversion(request, page):
    _tell(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def tell_snippet_conversion(request, instance):
    _tell(request, instance)

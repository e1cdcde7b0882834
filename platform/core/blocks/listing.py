"""What the listing blocks of a home page share: the latest live, public pages of
one type in the language of the page the block is on, in one query."""

from django.apps import apps

from wagtail import blocks

from core.pages import public

#: the page fields a headline link needs (title and URL)
LINK_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id")


def visible_in_language(model, parent_context):
    """Live public pages of ``model`` in the language of the page the block is on."""
    pages = public(model.objects.live())
    page = (parent_context or {}).get("page")
    if page is not None:
        pages = pages.filter(locale_id=page.locale_id)
    return pages


class ListingBlock(blocks.StructBlock):
    """A home block listing the latest pages of one type. Subclasses declare their
    fields (a ``count`` among them, or none for one page) and say which pages; the
    template reads them under ``context_name``."""

    #: the page type listed, ``"app_label.ModelName"``
    page_model: str
    #: newest first
    ordering: tuple[str, ...] = ("-first_published_at",)
    #: the fields the template shows besides the headline link (``LINK_FIELDS``);
    #: None: every field
    fields: tuple[str, ...] | None = ()
    #: the name the template reads the pages under
    context_name = "pages"
    #: how many pages when the block's value does not say
    default_count = 5

    def pages(self, value, parent_context):
        """The pages the block may list, newest first (not yet sliced)."""
        pages = visible_in_language(apps.get_model(self.page_model), parent_context)
        pages = pages.order_by(*self.ordering)
        return pages if self.fields is None else pages.only(*LINK_FIELDS, *self.fields)

    def listed(self, value, parent_context):
        """What the template reads under ``context_name``: the latest pages, as many as
        the block's ``count`` says."""
        count = value.get("count") or self.default_count
        return list(self.pages(value, parent_context)[:count])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context[self.context_name] = self.listed(value, parent_context)
        return context

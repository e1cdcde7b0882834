"""What the listing blocks of a home page share."""

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

"""Decide each admin menu's items once per request.

Why: Wagtail's ``Menu.menu_items_for_request`` calls every item's ``is_shown``
(permission checks, some with queries) each time it is asked. Rendering the
sidebar asks twice for every submenu: once in ``SubmenuMenuItem.is_shown`` (shown
when one of its items is) and again in ``SubmenuMenuItem.render_component``; the
Settings and Reports menus' items, Wagtail's and the platform's, were thus
checked twice on every admin page. Here the items a menu shows, after its
``construct_*_menu`` hooks, are kept on the request for that menu and handed out
as a new list each time (the hooks may change the list they are given).

Upstream: nothing filed. Remove if Wagtail caches ``menu_items_for_request`` per
request itself.
"""

from typing import Any

#: the request attribute holding ``{id(menu): (menu, items)}``
CACHE_ATTRIBUTE = "_menu_items_for_request"

#: Wagtail's ``Menu.menu_items_for_request``
_ORIGINAL: Any = None


def menu_items_for_request(self, request):
    cache = getattr(request, CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        try:
            setattr(request, CACHE_ATTRIBUTE, cache)
        except AttributeError:  # a request-like object that takes no attributes
            return _ORIGINAL(self, request)
    key = id(self)
    if key not in cache:
        cache[key] = (self, _ORIGINAL(self, request))
    return list(cache[key][1])


def apply():
    global _ORIGINAL
    from wagtail.admin.menu import Menu

    if _ORIGINAL is None:
        _ORIGINAL = Menu.menu_items_for_request
        Menu.menu_items_for_request = menu_items_for_request

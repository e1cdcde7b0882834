"""The home page of a site's tree, where the tests add their section pages.

There is no HomePage factory: provisioning makes one home page per language of a
site (the root of its tree), and the tests arrange its blocks rather than add others.
"""

from home.models import HomePage


def home_page(language="vi") -> HomePage:
    """The active site's home page in ``language`` (call inside ``in_site``)."""
    return HomePage.objects.get(locale__language_code=language)

"""A check that a page is well-formed HTML5 with unique ids."""

import collections
import re

import html5lib


def assert_valid_html(html: str) -> None:
    """Parse strictly (html5lib raises on any parse error) and look for duplicate ids."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', html))
    assert not [name for name, count in ids.items() if count > 1], ids.most_common(3)

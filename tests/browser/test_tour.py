"""The visitor's tour: every page type of a portal, a commune and a party portal in a
real headless Chromium, checked with axe-core (WCAG 2.1 A/AA) and an HTML5 parser.

Each site's tour (``tour_content``) visits every page type, the search page, the
document database filtered by a number, an article's print view and, on the
portal, the English pages. Every page must answer 200 in the right language with
one ``<h1>``, parse as HTML5 without errors, have unique ids, load its images,
styles and scripts without script errors, not scroll sideways 320 px wide, and
show axe-core no serious or critical violation. All the problems of a site are
listed together, so one run shows what to fix.
"""

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import axe_playwright_python
import feedparser
import html5lib
import pytest
from html5lib.constants import E as HTML5_ERRORS

from django.db import transaction

from .tour_content import ARTICLE_SLUG, DOCUMENT_SLUG, build_tour, remove_tour

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

#: site slug -> (host, theme the site's kind gets)
SITES = {
    "alpha": ("alpha.test", "gov"),
    "beta": ("beta.test", "local"),
    "gamma": ("gamma.test", "party"),
}
#: axe-core 4.12 as the axe-playwright-python package ships it
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
#: tour stops that are routes or queries of a page, not pages the sitemap lists
NOT_PAGES = {"news_category", "print", "document_filtered", "search"}
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                           resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}"""
FETCH = """async (url) => {
  const response = await fetch(url);
  return {status: response.status, type: response.headers.get("content-type"),
          text: await response.text()};
}"""
NARROW = {"width": 320, "height": 640}
# What makes the page wider than the viewport: the elements whose right edge is
# the page's scroll width (often an absolutely positioned, visually hidden text
# that a scrolling table's container does not clip), else the outermost wide ones.
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.scrollWidth;
  if (width <= root.clientWidth) return "";
  const right = (el) => el.getBoundingClientRect().right;
  const describe = (el) => {
    const style = getComputedStyle(el);
    const classes = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const position = ["absolute", "fixed"].includes(style.position) ? ", " + style.position : "";
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes;
    return `${name} (right edge ${Math.round(right(el))}px${position})`;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => right(el) > root.clientWidth + 1);
  let culprits = wide.filter((el) => Math.abs(right(el) - width) <= 2);
  if (!culprits.length) {
    culprits = wide.filter((el) => right(el.parentElement) <= root.clientWidth + 1);
  }
  return `${width}px wide: ${culprits.slice(0, 3).map(describe).join("; ")}`;
}"""
ROOT_FONT_SIZE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


@pytest.fixture(scope="module")
def tours(sites, django_db_blocker):
    """Each site's tour, committed for the server's threads to see, and removed afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = {slug: build_tour(getattr(sites, slug), host) for slug, (host, _) in SITES.items()}
    yield built
    with django_db_blocker.unblock(), transaction.atomic():
        for slug in SITES:
            remove_tour(getattr(sites, slug))


@pytest.mark.parametrize("slug", list(SITES))
def test_visitor_tour(slug, tours, browse, site_url):
    tour = tours[slug]
    theme = SITES[slug][1]
    problems = browse(lambda browser: _tour(browser, tour, theme, site_url))
    assert not problems, f"{len(problems)} problem(s) on {tour.host}:\n" + "\n".join(problems)


def _tour(browser, tour, theme, site_url) -> list[str]:
    """Walk one site's tour in a fresh browser context; return the problems found."""
    # bypass_csp: axe-core is injected as an inline script, which the pages' policy
    # (rightly) refuses; tests/browser/test_csp.py checks the pages under the policy
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    broken, errors = [], []
    page.on("response", lambda r: broken.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems = []
    try:
        for name, path in tour.pages.items():
            url = site_url(tour.host, path)
            broken.clear()
            errors.clear()
            problems += [f"{name} {url}: {p}" for p in _check_page(page, url, name, theme)]
            problems += [
                f"{name} {url}: failed to load {b}"
                for b in broken
                if not b.endswith("/favicon.ico")
            ]
            problems += [f"{name} {url}: script error: {e}" for e in errors]
        problems += _check_text_size(page, site_url, tour)
        problems += _check_feed(page, site_url(tour.host, tour.feed), tour)
        problems += _check_sitemap_and_robots(page, site_url(tour.host), tour)
        if tour.english:
            problems += _check_language_switch(page, site_url, tour)
    finally:
        context.close()
    return problems


def _check_page(page, url, name, theme) -> list[str]:
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"HTTP {response.status if response else 'no response'}"]
    problems = []
    language = "en" if name.startswith("en_") else "vi"
    if (lang := page.locator("html").get_attribute("lang")) != language:
        problems.append(f'<html lang="{lang}">, expected "{language}"')
    if (headings := page.locator("h1").count()) != 1:
        problems.append(f"{headings} <h1> elements, expected one")
    if not page.locator(f'link[rel="stylesheet"][href*="/themes/{theme}/"]').count():
        problems.append(f"the {theme} theme's stylesheet is not linked")
    problems += [f"HTML: {p}" for p in html_problems(response.body())]
    problems += [f"axe: {p}" for p in axe_problems(page)]
    problems += _check_reflow(page)
    if name == "document_filtered":
        problems += _expect_link(page, "the document filtered by its number", DOCUMENT_SLUG)
    if name == "search":
        problems += _expect_link(page, "the article searched for without diacritics", ARTICLE_SLUG)
    return problems


def _expect_link(page, what, slug) -> list[str]:
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    if not any(href and f"/{slug}/" in href for href in hrefs):
        return [f"{what} is not among the results"]
    return []


def html_problems(body: bytes) -> list[str]:
    """Parse errors of an HTML document (html5lib, the HTML5 parsing algorithm) and
    ids used more than once."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(body)
    problems = [
        f"line {line}, col {col}: {_parse_error(code, datavars)}"
        for (line, col), code, datavars in parser.errors
    ]
    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    problems += [f'id "{value}" used {count} times' for value, count in ids.items() if count > 1]
    return problems


def _parse_error(code, datavars) -> str:
    try:
        return f"{code}: {HTML5_ERRORS[code] % (datavars or {})}"
    except (KeyError, TypeError, ValueError):
        return f"{code} {datavars or ''}"


def axe_problems(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as shown."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    return [
        f"[{v['impact']}] {v['id']} – {v['help']} – {', '.join(v['targets'])}"
        + (f" (+{v['count'] - len(v['targets'])} more)" if v["count"] > len(v["targets"]) else "")
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]


def _check_reflow(page) -> list[str]:
    """WCAG 1.4.10: at 320 CSS pixels wide the page does not scroll sideways (wide
    tables scroll inside their own container instead)."""
    desktop = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        overflow = page.evaluate(OVERFLOW)
    finally:
        page.set_viewport_size(desktop)
    if overflow:
        return [f"at {NARROW['width']}px wide the page scrolls sideways: {overflow}"]
    return []


def _check_text_size(page, site_url, tour) -> list[str]:
    """The text-size buttons change the root font size, and the choice follows the visitor."""
    page.goto(site_url(tour.host, tour.pages["home"]))
    normal = page.evaluate(ROOT_FONT_SIZE)
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    larger = page.evaluate(ROOT_FONT_SIZE)
    page.goto(site_url(tour.host, tour.pages["news_index"]))
    kept = page.evaluate(ROOT_FONT_SIZE)
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    smaller = page.evaluate(ROOT_FONT_SIZE)
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    reset = page.evaluate(ROOT_FONT_SIZE)
    if not (smaller < normal < larger and kept == larger and reset == normal):
        return [
            f"text size: normal {normal}px, larger {larger}px, on the next page {kept}px, "
            f"smaller {smaller}px, reset {reset}px"
        ]
    return []


def _check_feed(page, feed_url, tour) -> list[str]:
    """The news RSS feed parses, lists the article, and links absolutely to this site."""
    answer = page.evaluate(FETCH, feed_url)
    if answer["status"] != 200:
        return [f"RSS {feed_url}: HTTP {answer['status']}"]
    feed = feedparser.parse(answer["text"])
    problems = []
    if feed.bozo:
        problems.append(f"RSS {feed_url}: not well-formed: {feed.bozo_exception}")
    if "xml" not in (answer["type"] or ""):
        problems.append(f"RSS {feed_url}: served as {answer['type']}")
    if tour.article_title not in [entry.get("title") for entry in feed.entries]:
        problems.append(f"RSS {feed_url}: the article “{tour.article_title}” is missing")
    links = [feed.feed.get("link", "")] + [entry.get("link", "") for entry in feed.entries]
    problems += [
        f"RSS {feed_url}: link {link!r} is not absolute on {tour.host}"
        for link in links
        if not _on_host(link, tour.host)
    ]
    return problems


def _check_sitemap_and_robots(page, base_url, tour) -> list[str]:
    problems = []
    answer = page.evaluate(FETCH, base_url + "sitemap.xml")
    try:
        locations = [
            loc.text or ""
            for loc in ElementTree.fromstring(answer["text"]).iter(f"{SITEMAP_NS}loc")
        ]
    except ElementTree.ParseError as error:
        return [f"sitemap.xml (HTTP {answer['status']}): not XML: {error}"]
    if not locations:
        problems.append("sitemap.xml lists no page")
    problems += [
        f"sitemap.xml: {loc!r} is not absolute on {tour.host}"
        for loc in locations
        if not _on_host(loc, tour.host)
    ]
    listed = {urlsplit(loc).path for loc in locations}
    problems += [
        f"sitemap.xml: {path} is missing"
        for name, path in tour.pages.items()
        if name not in NOT_PAGES and path not in listed
    ]
    robots = page.evaluate(FETCH, base_url + "robots.txt")
    if f"Sitemap: {base_url}sitemap.xml" not in robots["text"]:
        problems.append(f"robots.txt does not name {base_url}sitemap.xml: {robots['text']!r}")
    return problems


def _check_language_switch(page, site_url, tour) -> list[str]:
    """On the portal the language switch leads to the English page and back."""
    problems = []
    for vi_name, en_name in (("home", "en_home"), ("organisation", "en_organisation")):
        page.goto(site_url(tour.host, tour.pages[vi_name]))
        with page.expect_navigation():
            page.locator('.language-switch a[hreflang="en"]').click()
        if not _is_at(page, tour.pages[en_name], "en"):
            problems.append(f"language switch from {tour.pages[vi_name]} led to {page.url}")
            continue
        with page.expect_navigation():
            page.locator('.language-switch a[hreflang="vi"]').click()
        if not _is_at(page, tour.pages[vi_name], "vi"):
            problems.append(f"language switch from {tour.pages[en_name]} led to {page.url}")
    return problems


def _is_at(page, path, language) -> bool:
    return (
        urlsplit(page.url).path == path and page.locator("html").get_attribute("lang") == language
    )


def _on_host(url: str, host: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname == host

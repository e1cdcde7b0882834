from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.text import StrippedTextMixin
from tenants.db import connection


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    #: the English name, set only when the directory is read in English
    name_en: str
    url: str
    #: the site's latest stories offered to this site: ((title, url), …), newest first
    headlines: tuple = ()


#: headlines shown under each component site
HEADLINES = 3


class SiteDirectoryPage(StrippedTextMixin, Page):
    """The directory of component sites (danh bạ trang thành phần): the active sites
    whose parent in the registry is the current site, by kind, with their addresses."""

    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "sitepages.ContentPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("danh bạ trang thành phần")
        verbose_name_plural = _("danh bạ trang thành phần")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = component_sites(english=get_language() == "en")
        return context


def component_sites(*, english: bool = False) -> list[tuple[str, list[DirectoryEntry]]]:
    """The current site's active child sites as [(kind label, entries)], kinds in the
    registry's order, names in alphabetical order, each with its latest headlines --
    in two queries, whatever the number of sites.

    Reads the public registry tables through the search path (which ends in
    ``public``) instead of switching schemas. A child without a primary domain is
    left out: it has no address to link to. With ``english``, sites that have an
    English name show it too and link to their English home page when they have one.
    """
    from tenants.models import Domain, SiteKind, SiteStatus, Tenant
    from tenants.registry import site_url

    current = connection.tenant
    children = Tenant.objects.filter(status=SiteStatus.ACTIVE)
    if getattr(current, "pk", None):
        children = children.filter(parent_id=current.pk)
    else:
        # Inside schema_context() the connection holds a stand-in without a pk.
        children = children.filter(parent__schema_name=connection.schema_name)
    primary = Domain.objects.filter(tenant_id=OuterRef("pk"), is_primary=True).values("domain")[:1]
    rows = (
        children.annotate(primary_domain=Subquery(primary))
        .filter(primary_domain__isnull=False)
        .order_by("name")
        .values_list("slug", "kind", "name", "name_en", "languages", "primary_domain")
    )
    headlines = latest_headlines(current)
    by_kind: dict[str, list[DirectoryEntry]] = {}
    for slug, kind, name, name_en, languages, domain in rows:
        in_english = english and "en" in (languages or [])
        entry = DirectoryEntry(
            name=name,
            name_en=name_en if english else "",
            url=site_url(domain, "/en/" if in_english else "/"),
            headlines=tuple(headlines.get(slug, ())),
        )
        by_kind.setdefault(kind, []).append(entry)
    return [(str(kind.label), by_kind[kind.value]) for kind in SiteKind if kind.value in by_kind]


def latest_headlines(current) -> dict[str, list[tuple[str, str]]]:
    """The latest stories each child site offered to ``current`` (not withdrawn), by
    the child's key: one query on the syndication exchange, ranked per site in SQL."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from syndication.models import Offer, OfferStatus

    offers = Offer.objects.exclude(status=OfferStatus.WITHDRAWN)
    if getattr(current, "pk", None):
        offers = offers.filter(target_id=current.pk)
    else:
        offers = offers.filter(target__schema_name=connection.schema_name)
    ranked = (
        offers.annotate(
            rank=Window(
                RowNumber(), partition_by=F("source_key"), order_by=F("published_at").desc()
            )
        )
        .filter(rank__lte=HEADLINES)
        .order_by("source_key", "rank")
    )
    headlines: dict[str, list[tuple[str, str]]] = {}
    for key, title, url in ranked.values_list("source_key", "title", "url"):
        headlines.setdefault(key, []).append((title, url))
    return headlines

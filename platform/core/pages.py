"""Queries over pages that the page types share."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction


def public(queryset: QuerySet) -> QuerySet:
    """``queryset`` without the pages of a private section (a view restriction on the
    page or one of its ancestors), in the same SQL statement.

    Wagtail's ``PageQuerySet.public()`` first reads every restriction in a query of
    its own, each time it is called (a home page with four listing blocks ran it
    five times). Not for querysets that go to a search backend: those accept only
    filters on indexed fields, so search keeps ``.public()``.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restricted))

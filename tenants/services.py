"""Operations on the registry that touch a site's own schema."""

from django_tenants.utils import schema_context

from django.conf import settings
from django.db import transaction

from tenants import registry


def sync_wagtail_site(tenant) -> None:
    """Make the schema's one Wagtail Site match the site's primary domain.

    The Domain rows are the truth: the Site's host name and port are derived from
    the primary domain, its name from the registry, and any other Site row is
    removed. The root page is kept (or, on a new schema, the first page under
    the tree's root).
    """
    from wagtail.models import Page, Site

    domain = registry.primary_domain(tenant)
    if domain is None:
        return
    with schema_context(tenant.schema_name), transaction.atomic():
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        root_page = site.root_page if site else Page.objects.filter(depth=2).first()
        if root_page is None:
            return
        Site.objects.exclude(pk=getattr(site, "pk", None)).delete()
        if site is None:
            site = Site(root_page=root_page)
        site.hostname = domain
        site.port = settings.SITE_PORT
        site.site_name = tenant.name
        site.is_default_site = True
        site.root_page = root_page
        site.save()

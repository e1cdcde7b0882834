"""Operations on the registry that touch a site's own schema."""

from django_tenants.utils import schema_context

from django.conf import settings
from django.db import transaction

from tenants import registry
from tenants.models import SiteStatus


def apply_domains(tenant) -> None:
    """Make the site's schema follow its Domain rows, in the caller's transaction.

    The Domain rows in the registry are the truth; the schema's one Wagtail Site is
    derived from them (``_sync_wagtail_site``). Every change of a site's domains
    ends here: ``tenants.lifecycle.change_domains`` once the rows are saved, and
    the activation of a new site (``provisioning.services.build_site``), the first
    moment its schema exists. A site still being provisioned has no schema to
    follow yet and is left alone. The cached host lookups are not this function's
    business: ``tenants.signals`` forgets them when the transaction commits.
    """
    if tenant.status == SiteStatus.PROVISIONING:
        return
    _sync_wagtail_site(tenant)


def _sync_wagtail_site(tenant) -> None:
    """Make the schema's one Wagtail Site match the site's primary domain.

    The Site's host name and port are derived from the primary domain, its name
    from the registry, and any other Site row is removed. The root page is kept
    (or, on a new schema, the first page under the tree's root).
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

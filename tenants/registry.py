"""Cached reads of the site registry, for the request path and for storage.

The request path must not query the registry on every request: the host
lookup and the Wagtail Site of each schema are cached (in Redis when
``REDIS_URL`` is set, shared by every process) and forgotten by
``tenants.signals`` once a change to a site, a domain or a Wagtail Site commits.
Without Redis (the embedded default) the cache is each process's own memory, which
another process's invalidation never reaches (a suspension in ``manage.py shell``, a
second server process): host entries then live only ``settings.HOST_TTL`` seconds
(``HOST_TTL_LOCAL``, 5 by default), so a lifecycle change takes effect within seconds
on every process; with Redis they live 300 seconds and are forgotten at once.
Registry keys live in the public schema's key space (``django_tenants.cache.make_key``
prefixes every key with the active schema).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django_tenants.utils import get_public_schema_name, schema_context

from django.conf import settings
from django.core.cache import cache

from tenants.db import connection

if TYPE_CHECKING:
    from tenants.models import Tenant

#: with a shared cache (Redis), which every process's invalidation reaches
SHARED_HOST_TTL = 300
MISSING_TTL = 30


def host_ttl() -> int:
    """Seconds a host lookup stays cached: ``settings.HOST_TTL``, chosen by whether the
    cache is shared (Redis: 300) or process-local (``HOST_TTL_LOCAL``: 5)."""
    return getattr(settings, "HOST_TTL", SHARED_HOST_TTL)


_MISSING = "missing"


@dataclass(frozen=True)
class HostEntry:
    tenant: "Tenant"
    is_primary: bool
    primary_domain: str | None


def _host_key(host: str) -> str:
    return f"registry:host:{host}"


def lookup_host(host: str) -> HostEntry | None:
    """The site answering to ``host`` (cached); None if no site does."""
    from tenants.models import Domain

    with schema_context(get_public_schema_name()):
        entry = cache.get(_host_key(host))
        if entry == _MISSING:
            return None
        if entry is not None:
            return entry
        domain = Domain.objects.select_related("tenant").filter(domain=host).first()
        if domain is None:
            cache.set(_host_key(host), _MISSING, min(MISSING_TTL, host_ttl()))
            return None
        primary = domain.domain
        if not domain.is_primary:
            primary = (
                Domain.objects.filter(tenant_id=domain.tenant_id, is_primary=True)
                .values_list("domain", flat=True)
                .first()
            )
        entry = HostEntry(
            tenant=domain.tenant, is_primary=domain.is_primary, primary_domain=primary
        )
        cache.set(_host_key(host), entry, host_ttl())
        return entry


def forget_hosts(*hosts: str) -> None:
    """Drop the cached lookups of ``hosts``: the next request reads the registry."""
    with schema_context(get_public_schema_name()):
        cache.delete_many([_host_key(h) for h in hosts if h])


def forget_site_key(schema_name: str) -> None:
    """Drop the cached stable key of ``schema_name`` (``current_site_key``)."""
    with schema_context(schema_name):
        cache.delete("registry:site_key")


def current_site_key() -> str:
    """Stable key of the active site (``platform`` in the public schema).

    Reads the registry through the search path, which always includes the public
    schema, instead of switching schemas: this runs while Django compiles an
    INSERT (a file field's ``pre_save``), when the cursor for it is already open.
    """
    slug = getattr(connection.tenant, "slug", None)
    if slug:
        return slug
    schema = connection.schema_name
    if schema == get_public_schema_name():
        return "platform"
    from tenants.models import Tenant

    slug = cache.get("registry:site_key")
    if slug is None:
        slug = Tenant.objects.filter(schema_name=schema).values_list("slug", flat=True).first()
        if slug is None:
            raise LookupError(f"No site in the registry has schema {schema!r}")
        cache.set("registry:site_key", slug, None)
    return slug


def site_url(domain: str, path: str = "/") -> str:
    """Absolute URL on ``domain`` with the platform's public scheme and port."""
    scheme, port = settings.SITE_SCHEME, settings.SITE_PORT
    default_port = {"http": 80, "https": 443}[scheme]
    netloc = domain if port == default_port else f"{domain}:{port}"
    return f"{scheme}://{netloc}{path}"


def primary_domain(tenant=None, schema_name: str | None = None) -> str | None:
    """The primary host name of a site (by instance or schema), read through the search path."""
    from tenants.models import Domain

    domains = Domain.objects.filter(is_primary=True)
    if tenant is not None:
        domains = domains.filter(tenant_id=tenant.pk)
    else:
        domains = domains.filter(tenant__schema_name=schema_name)
    return domains.values_list("domain", flat=True).first()


def primary_url(tenant, path: str = "/") -> str:
    """Absolute URL of ``path`` on the site's primary domain (e.g. for links in e-mails).

    Raises ``LookupError`` for a site without one: every site has a primary
    domain from its creation to its deletion (provisioning and ``change_domains``
    see to it), so there is no sensible link to give instead.
    """
    domain = primary_domain(tenant)
    if domain is None:
        raise LookupError(f"Site {tenant.slug!r} has no primary domain")
    return site_url(domain, path)


def current_base_url() -> str | None:
    """Base URL (scheme, host, port) of the active site, e.g. for links in e-mails."""
    schema = connection.schema_name
    if schema == get_public_schema_name():
        return None
    domain = primary_domain(schema_name=schema)
    return site_url(domain, "").rstrip("/") if domain else None


def wagtail_site():
    """The one Wagtail Site of the active schema (cached per schema)."""
    from wagtail.models import Site

    site = cache.get("wagtail:default_site")
    if site is None:
        # with its root page: Wagtail's serve view starts from it, and only its id,
        # path, locale and translation key are read (the page itself is re-read
        # with .localized.specific), so the copy in the cache is never stale
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is not None:
            cache.set("wagtail:default_site", site, SHARED_HOST_TTL)
    return site


def forget_wagtail_site(schema_name: str | None = None) -> None:
    """Drop the cached Wagtail Site of ``schema_name`` (default: the active schema)."""
    if schema_name is None:
        cache.delete("wagtail:default_site")
        return
    with schema_context(schema_name):
        cache.delete("wagtail:default_site")

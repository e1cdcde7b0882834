"""Forget the registry's cached reads once a change to the registry is committed.

A site, a domain or a schema's Wagtail Site that changes schedules the deletion
of the cache keys that could now be stale (``tenants.registry``: the host
lookups, the site key of a schema, the schema's Wagtail Site) for when the
transaction commits, so the next request after the commit reads the database
again. Forgetting earlier would not do: a request of another process in between
would cache the old, still committed rows again. A transaction that rolls back
changed nothing, and nothing is forgotten.

That is all these receivers do: no writes, and no derived state. What follows
from the rows (the schema's Wagtail Site from the primary domain) is done by the
services (``tenants.services.apply_domains``).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from tenants.db import connection


def _after_commit(forget, *args) -> None:
    """Call ``forget(*args)`` once the transaction commits (at once outside one).

    ``robust``: a cache that cannot be reached is logged (``django.db.backends``),
    not raised, since the change is committed by then; cached hosts expire on their
    own (``registry.host_ttl()``)."""

    def run():  # a function, not a partial: Django logs a robust hook by its __qualname__
        forget(*args)

    transaction.on_commit(run, robust=True)


def _domain_pre_save(sender, instance, **kwargs):
    # a host name edited in place (from a shell) leaves the old name's entry behind
    instance._previous_domain = None
    if instance.pk:
        instance._previous_domain = (
            sender.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        )


def _domain_saved(sender, instance, **kwargs):
    from tenants import registry

    # every host of the site: each cached entry names the site's primary domain
    domains = sender.objects.filter(tenant_id=instance.tenant_id)
    hosts = set(domains.values_list("domain", flat=True))
    hosts |= {instance.domain, getattr(instance, "_previous_domain", None)}
    _after_commit(registry.forget_hosts, *sorted(h for h in hosts if h))


def _domain_deleted(sender, instance, **kwargs):
    from tenants import registry

    _after_commit(registry.forget_hosts, instance.domain)


def _tenant_changed(sender, instance, **kwargs):
    from tenants import registry
    from tenants.models import Domain

    # read now: once a deleted site's transaction commits, its domains are gone
    # (their own post_delete forgets them)
    hosts = list(Domain.objects.filter(tenant_id=instance.pk).values_list("domain", flat=True))
    _after_commit(registry.forget_hosts, *hosts)
    _after_commit(registry.forget_site_key, instance.schema_name)


def _wagtail_site_changed(sender, instance, **kwargs):
    from tenants import registry

    # the commit may happen with another schema active: name this one
    _after_commit(registry.forget_wagtail_site, connection.schema_name)


def connect():
    from wagtail.models import Site

    from tenants.models import Domain, Tenant

    pre_save.connect(_domain_pre_save, sender=Domain, dispatch_uid="tenants.domain_pre_save")
    post_save.connect(_domain_saved, sender=Domain, dispatch_uid="tenants.domain_saved")
    post_delete.connect(_domain_deleted, sender=Domain, dispatch_uid="tenants.domain_deleted")
    for signal in (post_save, post_delete):
        signal.connect(_tenant_changed, sender=Tenant, dispatch_uid=f"tenants.tenant.{signal}")
        signal.connect(
            _wagtail_site_changed, sender=Site, dispatch_uid=f"tenants.wagtail_site.{signal}"
        )

"""Keep the registry caches and the Wagtail Site of each schema in step with the registry."""

from django.db.models.signals import post_delete, post_save, pre_save


def _domain_pre_save(sender, instance, **kwargs):
    instance._previous_domain = None
    if instance.pk:
        instance._previous_domain = (
            sender.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        )


def _domain_saved(sender, instance, **kwargs):
    from tenants import registry, services

    hosts = set(instance.tenant.domains.values_list("domain", flat=True))
    hosts |= {instance.domain, getattr(instance, "_previous_domain", None)}
    registry.forget_hosts(*hosts)
    if instance.is_primary and instance.tenant.status != "provisioning":
        services.sync_wagtail_site(instance.tenant)


def _domain_deleted(sender, instance, **kwargs):
    from tenants import registry

    registry.forget_hosts(instance.domain)


def _tenant_changed(sender, instance, **kwargs):
    from tenants import registry
    from tenants.models import Domain

    registry.forget_hosts(
        *Domain.objects.filter(tenant_id=instance.pk).values_list("domain", flat=True)
    )
    registry.forget_site_key(instance.schema_name)


def _wagtail_site_changed(sender, instance, **kwargs):
    from tenants import registry

    registry.forget_wagtail_site()


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

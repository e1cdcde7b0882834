"""What the benches that make sites share: dropping the sites of their earlier runs."""


def drop_sites(prefix: str) -> None:
    """Drop every site whose slug starts with ``prefix`` (schemas, registry rows,
    domains, offers they made), keeping their audit rows; then vacuum the system
    catalogs, as a clean install would have them."""
    from django.db import connection

    from syndication.models import Offer
    from tenants.models import AuditEvent, Domain, Tenant

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", [f"site_{prefix}%"])
        for (schema,) in cursor.fetchall():
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
    Offer.objects.filter(source_key__startswith=prefix).delete()
    AuditEvent.objects.filter(site_key__startswith=prefix).update(site=None)
    Domain.objects.filter(tenant__slug__startswith=prefix).delete()
    # Children first: a site's parent is protected while it has children.
    while Tenant.objects.filter(slug__startswith=prefix).exists():
        Tenant.objects.filter(slug__startswith=prefix, children__isnull=True).delete()
    # Dropped schemas leave dead rows in the system catalogs until autovacuum gets to
    # them, which slows every schema created meanwhile; a clean install has none.
    with connection.cursor() as cursor:
        for table in ("pg_class", "pg_attribute", "pg_type", "pg_depend", "pg_constraint",
                      "pg_index", "pg_attrdef", "pg_namespace", "pg_sequence"):
            cursor.execute(f"VACUUM ANALYZE pg_catalog.{table}")

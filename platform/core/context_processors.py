from django.db import connection


def current_site(request):
    """The registry entry of the site being served (None on the console)."""
    tenant = getattr(request, "tenant", None) or connection.tenant
    return {"current_site": tenant if hasattr(tenant, "slug") else None}

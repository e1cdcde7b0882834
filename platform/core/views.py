"""Pages the platform itself answers with, before any site's own views run."""

from django.shortcuts import render


def site_not_found(request, host):
    """404 for a host that no site in the registry answers to (never a 500, never another site)."""
    return render(request, "core/site_not_found.html", {"host": host}, status=404)


def site_unavailable(request, tenant):
    """503 for a site that is being provisioned or is suspended."""
    response = render(request, "core/site_unavailable.html", {"site": tenant}, status=503)
    response["Retry-After"] = "3600"
    response["Cache-Control"] = "no-store"
    return response

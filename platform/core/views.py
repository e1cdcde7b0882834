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


def site_archived(request, tenant):
    """403 for a write to an archived (read-only) site."""
    response = render(request, "core/site_archived.html", {"site": tenant}, status=403)
    response["Cache-Control"] = "no-store"
    return response


def sites_managed_by_console(request):
    """Stands in for Wagtail's Sites admin, which the platform does not install: a
    site's domains are the registry's, changed by the operations centre. Wagtail's
    page explorer still links here for superusers."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    messages.info(
        request,
        _("Tên miền của trang do Trung tâm Thông tin – Hội nghị quản lý trên trang vận hành."),
    )
    return redirect("wagtailadmin_explore_root")

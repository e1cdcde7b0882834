"""The console's admin site; its models are registered in ``provisioning.console.admin``."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ConsoleSite(admin.AdminSite):
    site_header = _("Trung tâm Thông tin – Hội nghị")
    site_title = _("Bảng điều khiển vận hành")
    index_title = _("Quản lý các trang thông tin điện tử")
    # Unknown console URLs are 404s, not redirects to the login page.
    final_catch_all_view = False


#: URL namespace ``console`` (``console:tenants_tenant_change``…)
console = ConsoleSite(name="console")

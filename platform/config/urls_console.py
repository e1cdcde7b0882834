"""URLs of the operations centre's console (public schema, console host only)."""

from accounts import two_factor_views

from django.urls import path

from provisioning.console.admin import console

urlpatterns = [
    # accounts.two_factor.CONSOLE_PREFIX: the operators' second factor
    path(
        "xac-thuc-hai-buoc/",
        console.admin_view(two_factor_views.verify),
        name="console_two_factor_verify",
    ),
    path(
        "xac-thuc-hai-buoc/dang-ky/",
        console.admin_view(two_factor_views.enrol),
        name="console_two_factor_enrol",
    ),
    path("", console.urls),
]

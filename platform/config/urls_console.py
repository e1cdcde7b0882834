"""URLs of the operations centre's console (public schema, console host only)."""

from django.urls import path

from provisioning.console.admin import console

urlpatterns = [
    path("", console.urls),
]

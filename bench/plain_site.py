"""The one site of the plain project, where the platform's code expects a tenant."""

SITE_NAME = "Trang thông tin điện tử đo hiệu năng"


def bench_site():
    """An unsaved registry entry describing the plain project's site (never saved)."""
    from tenants.models import Tenant

    return Tenant(
        slug="bench",
        name=SITE_NAME,
        kind="provincial_portal",
        theme="base",
        languages=["vi"],
        status="active",
        schema_name="plain",
    )

"""Resolve Wagtail's admin base URL per site.

Why: ``WAGTAILADMIN_BASE_URL`` is one global setting, but notification e-mails
(workflow steps, comments, password resets) must link to the admin of the site
they are about. Wagtail reads it through ``get_admin_base_url()``, imported by
name in a few modules; each of those names is pointed at a function that
returns the active site's base URL, derived from its primary domain.

Upstream: nothing filed; wagtail #10741 and #826 discuss the setting for one
site only. The text to propose is in ``docs/upstream.md``. Remove when Wagtail
accepts a callable for the base URL.
"""

from django.conf import settings


def get_admin_base_url():
    from tenants.registry import current_base_url

    return current_base_url() or getattr(settings, "WAGTAILADMIN_BASE_URL", None)


def apply():
    import wagtail.admin.templatetags.wagtailadmin_tags as tags
    import wagtail.admin.userbar as userbar
    import wagtail.admin.utils as utils

    for module in (utils, tags, userbar):
        module.get_admin_base_url = get_admin_base_url

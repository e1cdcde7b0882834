"""Template tags of the platform's admin templates."""

from django import template

from adminui.identity import site_identity

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_identity(context):
    """``{% admin_identity as identity %}``: the site's name and logo (``Identity``)."""
    return site_identity(context.get("request"))

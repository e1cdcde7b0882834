"""Template filters of the section pages (organisation, contacts, schedules, projects)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import numberformat
from django.utils.formats import get_format

from sitepages import validators

register = template.Library()


@register.filter
def tel_href(number):
    """``0207 3822 123`` → ``02073822123``, for ``href="tel:…"``."""
    return validators.tel_href(str(number or ""))


@register.filter
def money(value):
    """A whole amount with the active language's thousands separator (vi: 1.250.000.000).

    Empty or non-numeric values give an empty string rather than an error.
    """
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return numberformat.format(
        amount.quantize(Decimal(1)),
        decimal_sep=get_format("DECIMAL_SEPARATOR"),
        decimal_pos=0,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )

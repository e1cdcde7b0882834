"""A declared day that changes is seen at once by this process (and by the others
within ``WORKDAYS_CACHE_SECONDS``)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _forget(sender, **kwargs):
    from workdays import calendar

    calendar.invalidate()
    # and again once committed: another thread may have read the old rows meanwhile
    transaction.on_commit(calendar.invalidate)


def connect():
    from workdays.models import DeclaredDay

    post_save.connect(_forget, sender=DeclaredDay, dispatch_uid="workdays-forget-save")
    post_delete.connect(_forget, sender=DeclaredDay, dispatch_uid="workdays-forget-delete")

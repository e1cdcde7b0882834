"""The default database connection as django-tenants makes it, typed as such.

``django.db.connection`` is typed as Django's base wrapper, which has no
``schema_name``, ``tenant`` or ``set_tenant``; this is the same object (a proxy
to the current thread's connection) under django-tenants' type, so that the
type checker accepts the tenant API without an ignore comment at each use.
"""

from typing import TYPE_CHECKING, cast

from django.db import connection as _connection

if TYPE_CHECKING:
    from django_tenants.postgresql_backend.base import DatabaseWrapper

connection = cast("DatabaseWrapper", _connection)

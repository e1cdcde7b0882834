"""The platform's database backend: django-tenants' backend, with fewer round trips.

django-tenants as documented issues ``SET search_path`` before every cursor
(nine times for one article page) and clears the ContentType cache on every
tenant switch. This wrapper keeps what the connection actually has:

* ``search_path_set_schemas`` is the path the *server* has for this connection.
  It is forgotten whenever the server may have dropped it: on connect and close,
  on ``ROLLBACK`` and on ``ROLLBACK TO SAVEPOINT`` (a session-level ``SET`` is
  transactional in PostgreSQL; django-tenants 4.0.1 already forgets it there).
  A cursor issues ``SET search_path`` only when the wanted path differs from it.
  This is not ``TENANT_LIMIT_SET_CALLS`` (which stays ``False``, see
  django-tenants #1262): switching tenant still always changes the path.
* ``set_tenant`` no longer clears the ContentType cache, which
  ``core.patches.contenttypes`` keeps per schema instead.
"""

from django_tenants.postgresql_backend import base as tenants_base


class DatabaseWrapper(tenants_base.DatabaseWrapper):
    def connect(self):
        self.search_path_set_schemas = None
        super().connect()

    def set_tenant(self, tenant, include_public=True):
        """Select the schema for the next queries (does not touch the connection)."""
        self.tenant = tenant
        self.schema_name = tenant.schema_name
        self.include_public_schema = include_public
        self.set_settings_schema(self.schema_name)
        if tenants_base.EXTRA_SET_TENANT_METHOD:
            tenants_base.EXTRA_SET_TENANT_METHOD(self, tenant)

    def _handle_search_path(self, cursor=None):
        if (
            not self._setting_search_path
            and self.schema_name
            and self.search_path_set_schemas is not None
            and self.search_path_set_schemas == self._get_cursor_search_paths()
        ):
            return
        super()._handle_search_path(cursor)

    def forget_search_path(self):
        """Call after running SQL that may have changed the search path itself."""
        self.search_path_set_schemas = None

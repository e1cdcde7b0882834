"""The platform's database backend: django-tenants' backend, with fewer round trips.

django-tenants 4.0.1 issues ``SET search_path`` before every cursor (measured:
14 to 17 times for a news page, against one here) and clears the ContentType
cache on every tenant switch (2 or 3 queries a page, against none here). This
wrapper changes two things:

* ``set_tenant`` keeps what the connection has when the schema does not change,
  and no longer clears the ContentType cache, which ``core.patches.contenttypes``
  keeps per schema instead.
* a cursor issues ``SET search_path`` only when the wanted path differs from
  ``search_path_set_schemas``, the path the *server* has for this connection.
  django-tenants forgets that value itself wherever the server may have dropped
  it (close, ``ROLLBACK``, ``ROLLBACK TO SAVEPOINT``; the last since 4.0.1, the
  fix of django-tenants #1262), and ``forget_search_path()`` is for code that
  runs SQL setting the path itself.

This is not ``TENANT_LIMIT_SET_CALLS``, which stays ``False``: that flag trusts
any remembered path, while here the path is compared, so switching tenant always
changes it (``tests/core/test_db.py``). The text to propose upstream is in
``docs/upstream.md``; remove this module when django-tenants compares paths itself.
"""

from django_tenants.postgresql_backend import base as tenants_base


class DatabaseWrapper(tenants_base.DatabaseWrapper):
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

    def forget_search_path(self) -> None:
        """Call after running SQL that may have changed the search path itself."""
        self.search_path_set_schemas = None

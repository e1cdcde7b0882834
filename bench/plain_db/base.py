"""Django's PostgreSQL backend, answering the two questions platform code asks a connection.

Platform code reads ``connection.schema_name`` (e.g. the page cache's purge on
publish) and ``connection.tenant`` (the theme loader, the ``current_site``
context processor, media storage). A single-site project has these as
constants; this backend provides them as such: no query, no search path, no
routing. Everything else is ``django.db.backends.postgresql`` unchanged.
"""

from django.db.backends.postgresql import base
from django.utils.functional import cached_property


class DatabaseWrapper(base.DatabaseWrapper):
    #: not "public": platform code then treats the database as a site's
    schema_name = "plain"

    @cached_property
    def tenant(self):
        from bench.plain_site import bench_site

        return bench_site()

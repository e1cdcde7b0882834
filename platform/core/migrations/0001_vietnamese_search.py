"""Accent- and case-insensitive full-text search for every site.

Runs in the public schema only (core is a shared app). Every site's search path
ends in public, so the site schemas use this one configuration.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
        WHERE c.cfgname = 'vietnamese_unaccent' AND n.nspname = 'public'
    ) THEN
        CREATE TEXT SEARCH CONFIGURATION public.vietnamese_unaccent (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION public.vietnamese_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
    END IF;
END $$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.vietnamese_unaccent;"


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunSQL(CREATE, DROP)]

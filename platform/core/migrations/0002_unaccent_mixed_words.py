"""Letter-and-digit words ("QĐ123") also lose their diacritics in search."""

from django.db import migrations

SQL = """
ALTER TEXT SEARCH CONFIGURATION public.vietnamese_unaccent
    ALTER MAPPING FOR numword, numhword, hword_numpart WITH public.unaccent, pg_catalog.simple;
"""
REVERSE = """
ALTER TEXT SEARCH CONFIGURATION public.vietnamese_unaccent
    ALTER MAPPING FOR numword, numhword, hword_numpart WITH pg_catalog.simple;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0001_vietnamese_search")]
    operations = [migrations.RunSQL(SQL, REVERSE)]

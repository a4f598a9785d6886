"""PostgreSQL: a small tsvector of the title and boosted fields, which ranking reads instead
of the full one (see search/backends/schema.py). Nothing changes on SQLite."""

from django.db import migrations


def install(apps, schema_editor):
    from search.backends import schema

    schema.ensure(schema_editor.connection)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS rank_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_updated_index")]

    operations = [migrations.RunPython(install, uninstall)]

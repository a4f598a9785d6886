"""Full-text structures that Django models cannot describe: see search/backends/schema.py.

SQLite: an external-content FTS5 table kept in step by triggers.
PostgreSQL: generated tsvector columns (weights A/B/D) with GIN indexes.
"""

from django.db import migrations


def install(apps, schema_editor):
    from search.backends import schema

    schema.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from search.backends import schema

    schema.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]

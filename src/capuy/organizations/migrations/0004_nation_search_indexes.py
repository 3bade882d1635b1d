"""Full-text indexes for the word-prefix search of people and organizations (``capuy.core.search``):
a GIN index on PostgreSQL, an FTS5 table kept in step by triggers on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    from capuy.core.search import create_indexes

    create_indexes(schema_editor)


def backwards(apps, schema_editor):
    from capuy.core.search import drop_indexes

    drop_indexes(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0003_merge_20261202_0047"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

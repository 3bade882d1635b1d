"""django-auditlog's own migrations create its log table even though capuy's history uses ``core.HistoryEntry``
(``AUDITLOG_LOGENTRY_MODEL``). The unused table only gets in the way (its foreign key to the content types
blocks emptying them on PostgreSQL), so it is dropped."""

from django.db import migrations


def drop(apps, schema_editor):
    cascade = " CASCADE" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"DROP TABLE IF EXISTS auditlog_logentry{cascade}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_jobs_background_job"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(drop, migrations.RunPython.noop)]

"""The index the recomputation reads case counts through: (province, date), covering the figures
on PostgreSQL so the read never touches the table. Written by hand because SQLite has no
covering indexes and Django warns about a model index that declares one."""

from django.db import migrations

POSTGRESQL = (
    "CREATE INDEX case_province_date_idx ON zones_casecount (province_id, date) "
    "INCLUDE (commune_id, cases, untraced_cases, linked_cases)"
)
OTHERS = "CREATE INDEX case_province_date_idx ON zones_casecount (province_id, date)"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute(POSTGRESQL if schema_editor.connection.vendor == "postgresql" else OTHERS)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("DROP INDEX case_province_date_idx")


class Migration(migrations.Migration):
    dependencies = [("zones", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

from django.db import migrations


def load(apps, schema_editor):
    from portal.categories import load_report_categories

    load_report_categories(apps.get_model("portal", "ReportCategory"))


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

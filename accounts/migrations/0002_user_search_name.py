from django.db import migrations, models

from lib.text import fold


def fill_search_names(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("accounts", "User")
    batch = []
    for user in User.objects.only("pk", "username", "full_name").iterator(chunk_size=2000):
        user.search_name = fold(f"{user.full_name} {user.username}")
        batch.append(user)
        if len(batch) == 2000:
            User.objects.bulk_update(batch, ["search_name"])
            batch = []
    User.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=320),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]

"""Loudspeaker broadcasts are counted in "lượt phát", pa nô in "tấm", banners in "chiếc": a channel
still on the first defaults moves to its own unit; one the administrator changed is left alone."""

from django.db import migrations

NEW_MEASURES = [("broadcasts", "lượt phát", 500), ("panels", "tấm", 5000), ("banners", "chiếc", 5000)]
MOVES = [("truyen-thanh-co-so", "minutes", "broadcasts"), ("pa-no", "pieces", "panels"), ("bang-ron", "pieces", "banners")]


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    Channel = apps.get_model("outreach", "Channel")
    Measure = apps.get_model("outreach", "Measure")
    if not Channel.objects.exists():
        return  # a new database: load_channels creates everything from the data file
    for code, name, most in NEW_MEASURES:
        Measure.objects.get_or_create(code=code, defaults={"name": name, "max_per_activity": most})
    for channel, old, new in MOVES:
        Channel.objects.filter(code=channel, measure__code=old).update(measure=Measure.objects.get(code=new))


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

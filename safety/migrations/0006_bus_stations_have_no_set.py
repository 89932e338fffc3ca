from django.db import migrations

FACTORY_SET = "qd-2194-co-so-san-xuat-kinh-doanh"


def unmap_bus_stations(apps, schema_editor):
    """Bus stations were mapped by default to the workplaces' set (QĐ 2194), a checklist of
    workshops and workers; no official set for passenger stations is at hand, so they have none.
    A mapping the province chose itself (any other set) is kept."""
    EstablishmentType = apps.get_model("safety", "EstablishmentType")
    EstablishmentType.objects.filter(code="bus_station", criteria_set_code=FACTORY_SET).update(criteria_set_code="")


def map_back(apps, schema_editor):
    EstablishmentType = apps.get_model("safety", "EstablishmentType")
    EstablishmentType.objects.filter(code="bus_station", criteria_set_code="").update(criteria_set_code=FACTORY_SET)


class Migration(migrations.Migration):
    dependencies = [("safety", "0005_unit_state_count")]

    operations = [migrations.RunPython(unmap_bus_stations, map_back)]

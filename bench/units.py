"""Synthetic units the benchmarks add beside the real ones."""

from django.db import transaction

from territory.loader import demo_child, load_units
from territory.models import AdminUnit, Level, Scheme


@transaction.atomic
def top_up_communes(prefix: str, count: int) -> None:
    """Legacy-scheme communes spread over the districts until the country has `count` of them."""
    have = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count()
    districts = list(AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.DISTRICT).order_by("code"))
    new = [
        demo_child(districts[n % len(districts)], f"{prefix}{n + 1:05d}", Level.COMMUNE, "Xã", f"Xã thử nghiệm {n + 1}")
        for n in range(max(count - have, 0))
    ]
    AdminUnit.objects.bulk_create(new, batch_size=2000)


def legacy_province(code: str) -> AdminUnit:
    """The legacy-scheme province with this code, its units loaded from the shipped list first if missing."""
    if not AdminUnit.objects.filter(scheme=Scheme.LEGACY, code=code).exists():
        load_units(Scheme.LEGACY, [code])
    return AdminUnit.objects.get(scheme=Scheme.LEGACY, code=code)

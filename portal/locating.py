"""Where a report is about, and which unit's officers handle it.

A location is a unit (a commune or a village, in either scheme), a point (latitude and
longitude: the nearest commune centre of the province within reach), or a place's public code.
The report goes to the commune; to the district when no officer works at the commune.
"""

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, RoleAssignment
from safety.public import get_public_place
from territory.models import AdminUnit, Level, Scheme
from territory.queries import predecessors_of

# A point farther than this from every commune centre of the province is not in the province.
REACH_KM = 20.0
_DEGREES_SEARCHED = 0.3


@dataclass
class Location:
    place_unit: AdminUnit  # the commune or village where it happened
    unit: AdminUnit  # the unit whose officers handle it
    establishment: Any = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def portal_province() -> AdminUnit | None:
    """The province this portal serves: PORTAL_PROVINCE, else the first of the working scheme."""
    units = AdminUnit.objects.filter(scheme=settings.DEFAULT_SCHEME, level=Level.PROVINCE)
    if settings.PORTAL_PROVINCE:
        return units.filter(code=settings.PORTAL_PROVINCE).first()
    return units.order_by("code").first()


def _outside() -> ValidationError:
    province = portal_province()
    name = province.name if province else ""
    return ValidationError(
        _("This location is outside %(province)s; reports are taken for the province only.") % {"province": name}
    )


def _commune_of(unit: AdminUnit) -> AdminUnit:
    if unit.level == Level.VILLAGE and unit.parent is not None:
        return unit.parent
    return unit


def handling_unit(commune: AdminUnit) -> AdminUnit:
    """The commune when one of its officers works there, else the level above."""
    has_officer = RoleAssignment.objects.filter(unit=commune, role=Role.OFFICER).exists()
    if has_officer or commune.parent is None:
        return commune
    return commune.parent


def _in_province(unit: AdminUnit) -> AdminUnit:
    province = portal_province()
    if unit.scheme != settings.DEFAULT_SCHEME:
        # A commune of the other scheme: the unit of the working scheme it was made from.
        own = [u for u in predecessors_of(unit) if province is not None and u.is_within(province)]
        if not own:
            raise _outside()
        unit = own[0]
    if province is None or not unit.is_within(province):
        raise _outside()
    if unit.level not in (Level.COMMUNE, Level.VILLAGE):
        raise ValidationError(_("Choose a commune or a village, not a whole district or province."))
    return unit


def from_unit(code: str, scheme: str | None = None) -> Location:
    scheme = scheme or settings.DEFAULT_SCHEME
    if scheme not in Scheme.values:
        raise ValidationError(_("Unknown scheme %(scheme)s; use legacy or 2025.") % {"scheme": scheme})
    found = AdminUnit.objects.select_related("parent").filter(scheme=scheme, code=str(code).strip()).first()
    if found is None:
        raise ValidationError(_("No commune or village has code %(code)s.") % {"code": code})
    place_unit = _in_province(found)
    return Location(place_unit=place_unit, unit=handling_unit(_commune_of(place_unit)))


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def parse_point(latitude: Any, longitude: Any) -> tuple[Decimal, Decimal]:
    try:
        lat, lon = Decimal(str(latitude).strip()), Decimal(str(longitude).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Latitude and longitude must be numbers, e.g. 12.45 and 107.62.")) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError(_("Latitude must lie between -90 and 90, longitude between -180 and 180."))
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def nearest_commune(lat: float, lon: float) -> AdminUnit | None:
    """The commune of the working scheme whose centre is nearest, within REACH_KM."""
    box = _DEGREES_SEARCHED
    candidates = AdminUnit.objects.filter(
        scheme=settings.DEFAULT_SCHEME,
        level=Level.COMMUNE,
        latitude__range=(lat - box, lat + box),
        longitude__range=(lon - box, lon + box),
    ).select_related("parent")
    best, best_km = None, REACH_KM
    for commune in candidates:
        km = _distance_km(lat, lon, float(commune.latitude or 0), float(commune.longitude or 0))
        if km <= best_km:
            best, best_km = commune, km
    return best


def from_point(latitude: Any, longitude: Any) -> Location:
    lat, lon = parse_point(latitude, longitude)
    commune = nearest_commune(float(lat), float(lon))
    if commune is None:
        raise _outside()
    commune = _in_province(commune)
    return Location(place_unit=commune, unit=handling_unit(commune), latitude=lat, longitude=lon)


def from_place(public_code: str) -> Location:
    try:
        place = get_public_place(public_code)
    except Http404:
        raise ValidationError(_("No place has the code %(code)s.") % {"code": public_code}) from None
    place_unit = _in_province(place.unit)
    return Location(
        place_unit=place_unit,
        unit=handling_unit(_commune_of(place_unit)),
        establishment=place,
        latitude=place.latitude,
        longitude=place.longitude,
    )


def locate(
    unit: Any = None, scheme: Any = None, latitude: Any = None, longitude: Any = None, place: Any = None
) -> Location:
    """The location given by exactly one of: a place's code, a point, a unit. ValidationError
    keyed by field otherwise."""
    given = [name for name, value in (("place", place), ("lat", latitude), ("unit", unit)) if value not in (None, "")]
    if not given and longitude in (None, ""):
        raise ValidationError(
            {"location": _("Say where: choose a commune, share your location or give a place's code.")}
        )
    try:
        if place not in (None, ""):
            return from_place(str(place))
        if latitude not in (None, "") or longitude not in (None, ""):
            if latitude in (None, "") or longitude in (None, ""):
                raise ValidationError(_("Give both latitude and longitude."))
            return from_point(latitude, longitude)
        return from_unit(str(unit), scheme)
    except ValidationError as invalid:
        if hasattr(invalid, "error_dict"):
            raise
        raise ValidationError({"location": invalid.messages}) from None

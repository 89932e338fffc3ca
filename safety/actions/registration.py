"""Registering places, changing them, and accepting or rejecting owners' registrations.

Values come as a mapping with the keys of FIELDS; `type` and `unit` may be model instances or
codes (a unit code is read in `scheme`, the province's scheme by default). Every bad value is
reported at once as a ValidationError keyed by field, and nothing is written.
"""

import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import Role, User
from lib.conflict import Conflict
from territory.models import AdminUnit

from .. import clusters
from ..models import Establishment, EstablishmentType, OperatingStatus, Registration, SafetyPolicy
from ..places import PLACE_UNIT_LEVELS, approximate_location, duplicates

FIELDS = (
    "name",
    "type",
    "unit",
    "scheme",
    "address",
    "latitude",
    "longitude",
    "capacity",
    "contact_name",
    "contact_phone",
    "status",
)
EDITABLE_BY_OWNERS = frozenset({"address", "capacity", "contact_name", "contact_phone", "status"})

# A box around mainland Vietnam and its near islands; a point outside it is a typing mistake.
LATITUDE_RANGE = (Decimal("8.0"), Decimal("23.5"))
LONGITUDE_RANGE = (Decimal("102.0"), Decimal("110.0"))
MAX_CAPACITY = 1_000_000
PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{5,19}$")
THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
LIMITS = {"name": 200, "address": 300, "contact_name": 120}


class DuplicatePlace(Exception):
    """The place seems registered already; registering it anyway needs an explicit confirmation."""

    def __init__(self, candidates: list[Establishment]) -> None:
        super().__init__(_("A place with this name and address is already registered in this unit."))
        self.candidates = candidates


class RegistrationConflict(Conflict):
    """The registration was already decided the other way (or the same way)."""


def parse_decimal(value: Any) -> Decimal | None:
    """A number from a form, JSON or a spreadsheet cell; a decimal comma is accepted."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        number = value
    else:
        text = str(value).strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        number = Decimal(text)  # InvalidOperation for text that is not a number
    if not number.is_finite():
        raise InvalidOperation
    return number


def check_coordinates(latitude: Any, longitude: Any) -> tuple[tuple[Decimal, Decimal] | None, dict[str, str]]:
    """Both coordinates or neither; inside Vietnam; six decimals kept."""
    errors: dict[str, str] = {}
    values: dict[str, Decimal | None] = {}
    for field, raw in (("latitude", latitude), ("longitude", longitude)):
        try:
            values[field] = parse_decimal(raw)
        except (InvalidOperation, ValueError):
            errors[field] = _("%(value)s is not a number.") % {"value": raw}
    if errors:
        return None, errors
    lat, lon = values["latitude"], values["longitude"]
    if lat is None and lon is None:
        return None, {}
    if lat is None or lon is None:
        missing = "latitude" if lat is None else "longitude"
        return None, {missing: _("Give both latitude and longitude, or neither.")}
    if not LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]:
        errors["latitude"] = _("The latitude must lie in Vietnam, between %(low)s and %(high)s.") % {
            "low": LATITUDE_RANGE[0],
            "high": LATITUDE_RANGE[1],
        }
    if not LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]:
        errors["longitude"] = _("The longitude must lie in Vietnam, between %(low)s and %(high)s.") % {
            "low": LONGITUDE_RANGE[0],
            "high": LONGITUDE_RANGE[1],
        }
    if errors:
        return None, errors
    step = Decimal("0.000001")
    return (lat.quantize(step), lon.quantize(step)), {}


def check_capacity(value: Any) -> tuple[int | None, str]:
    """A whole number of people; "1.200" and "1,200" are read with thousands separators."""
    if value is None or value == "":
        return None, ""
    number: int | None = None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if math.isfinite(value) and value == int(value):
            number = int(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if THOUSANDS.match(text):
            text = text.replace(".", "").replace(",", "")
        if text.isascii() and text.isdigit():
            number = int(text)
    if number is None:
        return None, _("The capacity must be a whole number of people.")
    if not 0 <= number <= MAX_CAPACITY:
        return None, _("The capacity must be between 0 and %(max)s people.") % {"max": f"{MAX_CAPACITY:,}"}
    return number, ""


def check_phone(value: str) -> str:
    if value and not PHONE.match(value):
        return _("Write the phone number with digits only, e.g. 0261 3544 123 or +84 912 345 678.")
    return ""


def find_type(value: Any) -> EstablishmentType | None:
    if isinstance(value, EstablishmentType):
        return value
    return EstablishmentType.objects.filter(code=str(value or "").strip()).first()


def find_unit(value: Any, scheme: str | None) -> AdminUnit | None:
    if isinstance(value, AdminUnit):
        return value
    return AdminUnit.objects.filter(scheme=scheme or settings.DEFAULT_SCHEME, code=str(value or "").strip()).first()


def _clean(values: Mapping[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """Typed values for the fields present; a message per bad field in `errors`."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        errors.update({field: _("This field is not known.") for field in sorted(unknown)})
    cleaned: dict[str, Any] = {}
    for field, limit in LIMITS.items():
        if field in values:
            text = str(values[field] or "").strip()
            if field == "name" and not text:
                errors[field] = _("The name is required.")
            elif len(text) > limit:
                errors[field] = _("At most %(limit)d characters.") % {"limit": limit}
            cleaned[field] = text
    if "type" in values:
        kind = find_type(values["type"])
        if kind is None:
            errors["type"] = _("No type of place has code %(code)s.") % {"code": values["type"] or "—"}
        cleaned["type"] = kind
    if "unit" in values:
        scheme = values.get("scheme") or settings.DEFAULT_SCHEME
        unit = find_unit(values["unit"], scheme)
        if unit is None:
            errors["unit"] = _("No commune or village has code %(code)s in scheme %(scheme)s.") % {
                "code": values["unit"] or "—",
                "scheme": scheme,
            }
        elif unit.level not in PLACE_UNIT_LEVELS:
            errors["unit"] = _("A place belongs to a commune or a village, not to a %(level)s.") % {
                "level": unit.get_level_display()
            }
        cleaned["unit"] = unit
    if "latitude" in values or "longitude" in values:
        location, problems = check_coordinates(values.get("latitude"), values.get("longitude"))
        errors.update(problems)
        cleaned["location"] = location
    if "capacity" in values:
        capacity, problem = check_capacity(values["capacity"])
        if problem:
            errors["capacity"] = problem
        cleaned["capacity"] = capacity
    if "contact_phone" in values:
        phone = str(values["contact_phone"] or "").strip()
        if len(phone) > 20:
            errors["contact_phone"] = _("At most %(limit)d characters.") % {"limit": 20}
        elif problem := check_phone(phone):
            errors["contact_phone"] = problem
        cleaned["contact_phone"] = phone
    if "status" in values:
        status = values["status"] or OperatingStatus.OPERATING
        if status not in OperatingStatus.values:
            errors["status"] = _("The status must be one of: %(values)s.") % {
                "values": ", ".join(OperatingStatus.values)
            }
        cleaned["status"] = status
    return cleaned


def by_is_owner(user: User) -> bool:
    return jurisdiction.has_role(user, Role.OWNER)


def _unit_permission(by: User, unit: AdminUnit) -> bool:
    """True when the user registers as an officer of the unit, False as an owner; else refused."""
    if jurisdiction.can_change_unit(by, unit):
        return True
    jurisdiction.require(
        jurisdiction.has_role(by, Role.OWNER), _("You may not register places in %(unit)s.") % {"unit": unit.name}
    )
    return False


def _province_policy(unit: AdminUnit) -> SafetyPolicy | None:
    scheme, province_code = unit.path.split("/")[:2]
    return SafetyPolicy.objects.filter(unit__path=f"{scheme}/{province_code}/").first()


def _place_location(unit: AdminUnit, location: tuple[Decimal, Decimal] | None) -> tuple[Decimal, Decimal, bool]:
    if location is not None:
        return location[0], location[1], False
    approximate = approximate_location(unit)
    if approximate is None:
        raise ValidationError({"latitude": _("No location is known for this unit: give the coordinates.")})
    return approximate[0], approximate[1], True


@transaction.atomic
def register_place(by: User, values: Mapping[str, Any], *, confirm_duplicate: bool = False) -> Establishment:
    """Register a place. An officer's place in their jurisdiction is accepted at once; an
    owner's waits for an officer unless the province accepts owners' registrations, and the
    owner becomes its owner. A likely duplicate raises DuplicatePlace unless confirmed."""
    jurisdiction.require(
        by.is_superuser or bool(jurisdiction.unit_paths(by, jurisdiction.CHANGE_ROLES)) or by_is_owner(by),
        _("Only officers and owners of places can register places."),
    )
    values = {"name": "", "type": None, "unit": None, "status": OperatingStatus.OPERATING, **values}
    # The unit decides whether the user registers as its officer or as an owner, or may not at all.
    named = find_unit(values["unit"], values.get("scheme") or settings.DEFAULT_SCHEME)
    as_officer = _unit_permission(by, named) if named is not None else False
    errors: dict[str, str] = {}
    cleaned = _clean(values, errors)
    if errors:
        raise ValidationError(errors)
    unit: AdminUnit = cleaned["unit"]
    latitude, longitude, approximate = _place_location(unit, cleaned.get("location"))
    if not confirm_duplicate:
        found = duplicates(cleaned["name"], cleaned.get("address", ""), unit)
        if found:
            raise DuplicatePlace(found)
    accepted = as_officer or bool((policy := _province_policy(unit)) and policy.accept_owner_registrations)
    place = Establishment(
        name=cleaned["name"],
        type=cleaned["type"],
        unit=unit,
        address=cleaned.get("address", ""),
        latitude=latitude,
        longitude=longitude,
        location_approximate=approximate,
        capacity=cleaned.get("capacity"),
        contact_name=cleaned.get("contact_name", ""),
        contact_phone=cleaned.get("contact_phone", ""),
        status=cleaned["status"],
        registration=Registration.ACCEPTED if accepted else Registration.PENDING,
        created_by=by,
    )
    place.save()
    clusters.move(None, clusters.presence(place))
    if not as_officer:
        place.owners.add(by)
    return place


def can_change_place(user: User, place: Establishment) -> bool:
    return jurisdiction.can_change_unit(user, place.unit)


def is_owner_of(user: User, place: Establishment) -> bool:
    return user.is_authenticated and place.owners.filter(pk=user.pk).exists()


@transaction.atomic
def update_place(
    place: Establishment, by: User, changes: Mapping[str, Any], *, confirm_duplicate: bool = False
) -> Establishment:
    """Change a place: officers of its unit change anything (and may move it within their
    jurisdiction); its owners change only the address, capacity, contact and status."""
    if not can_change_place(by, place):
        jurisdiction.require(is_owner_of(by, place), _("You may not change this place."))
        refused = set(changes) - EDITABLE_BY_OWNERS
        jurisdiction.require(
            not refused,
            _("Owners may change only the address, capacity, contact and status; ask an officer for: %(fields)s.")
            % {"fields": ", ".join(sorted(refused))},
        )
    errors: dict[str, str] = {}
    changes = dict(changes)
    if "unit" in changes and "scheme" not in changes and not isinstance(changes["unit"], AdminUnit):
        changes["scheme"] = place.unit.scheme
    cleaned = _clean(changes, errors)
    if errors:
        raise ValidationError(errors)
    unit: AdminUnit = cleaned.get("unit") or place.unit
    if unit.pk != place.unit_id:
        jurisdiction.require_unit(
            by, unit, change=True, message=_("You may not move a place to %(unit)s.") % {"unit": unit.name}
        )
    for field in ("name", "type", "address", "capacity", "contact_name", "contact_phone", "status"):
        if field in cleaned:
            setattr(place, field, cleaned[field])
    moved = unit.pk != place.unit_id
    place.unit = unit
    if "location" in cleaned or (moved and place.location_approximate):
        place.latitude, place.longitude, place.location_approximate = _place_location(unit, cleaned.get("location"))
    if not confirm_duplicate and {"name", "address", "unit"} & set(cleaned):
        found = duplicates(place.name, place.address, unit, exclude_pk=place.pk)
        if found:
            raise DuplicatePlace(found)
    before = clusters.stored(place.pk)
    place.save()
    clusters.move(before, clusters.presence(place))
    return place


def _decide(place: Establishment, by: User, outcome: str) -> Establishment:
    jurisdiction.require(
        can_change_place(by, place), _("Only officers of the place's unit or above decide on its registration.")
    )
    locked = Establishment.objects.select_for_update().select_related("unit").get(pk=place.pk)
    allowed_from = {
        Registration.ACCEPTED: {Registration.PENDING, Registration.REJECTED},
        Registration.REJECTED: {Registration.PENDING},
    }[Registration(outcome)]
    if locked.registration not in allowed_from:
        raise RegistrationConflict(
            _("This registration is already %(state)s.") % {"state": locked.get_registration_display()}
        )
    before = clusters.presence(locked)
    locked.registration = outcome
    locked.save()
    clusters.move(before, clusters.presence(locked))
    return locked


@transaction.atomic
def accept_place(place: Establishment, by: User) -> Establishment:
    """Accept a pending (or earlier rejected) registration: the place appears on the public map."""
    return _decide(place, by, Registration.ACCEPTED)


@transaction.atomic
def reject_place(place: Establishment, by: User) -> Establishment:
    """Reject a pending registration; an accepted place is closed through its status instead."""
    return _decide(place, by, Registration.REJECTED)

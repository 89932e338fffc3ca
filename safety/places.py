"""Read-side queries for places: who sees which, filters, duplicates, approximate locations."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from accounts.models import Role
from lib.sheets import sheet_row, sheet_text, text_cell
from lib.text import fold
from territory.models import AdminUnit, Level
from territory.queries import get_unit

from .models import Establishment, EstablishmentType, OperatingStatus, PublicState, Registration

PLACE_UNIT_LEVELS = (Level.COMMUNE, Level.VILLAGE)


def visible_places(user: AnyUser) -> QuerySet[Establishment]:
    """Places in the user's jurisdiction, plus the places they own."""
    places = Establishment.objects.all()
    if user.is_superuser or not jurisdiction.has_role(user, Role.OWNER):
        return jurisdiction.filter_by_unit(user, places, path_field="unit_path")
    scoped = jurisdiction.filter_by_unit(user, places, path_field="unit_path", owner_field="owners")
    if jurisdiction.unit_paths(user):
        # An officer who also owns places: the OR across the owners join would repeat a place
        # once per owner, so keep each place once.
        return places.filter(pk__in=scoped.values("pk"))
    return scoped  # an owner only: one inner join on their own user, each place once


def owned_places(user: AnyUser) -> QuerySet[Establishment]:
    if not user.is_authenticated:
        return Establishment.objects.none()
    return Establishment.objects.filter(owners=user)


def changeable_places(user: AnyUser) -> QuerySet[Establishment]:
    """Places whose unit lies where the user may change records (officers, administrators)."""
    return jurisdiction.filter_by_unit(
        user, Establishment.objects.all(), path_field="unit_path", roles=jurisdiction.CHANGE_ROLES
    )


def has_places_scope(user: AnyUser) -> bool:
    """Officers, inspectors and administrators have lists of places; owners have their own."""
    return user.is_authenticated and (user.is_superuser or bool(jurisdiction.unit_paths(user)))


def search(places: QuerySet[Establishment], text: str) -> QuerySet[Establishment]:
    """Name and address, ignoring diacritics and case ("cho dak mil" finds "Chợ Đắk Mil")."""
    for word in fold(text).split():
        places = places.filter(search_name__contains=word)
    return places


@dataclass
class PlaceFilters:
    unit: str = ""
    scheme: str = ""
    type: str = ""
    state: str = ""
    registration: str = ""
    q: str = ""


def filter_places(user: AnyUser, places: QuerySet[Establishment], filters: PlaceFilters) -> QuerySet[Establishment]:
    """Apply list filters; a unit outside the user's jurisdiction is refused (PermissionDenied),
    an unknown unit is a 404 and an unknown type or state a ValidationError."""
    errors: dict[str, str] = {}
    if filters.unit:
        unit = get_unit(filters.unit, filters.scheme or None)
        if has_places_scope(user):
            jurisdiction.require_unit(user, unit)
        # An owner narrowing their own places by unit learns nothing they do not own.
        places = places.filter(unit_path__under=unit.path)
    if filters.type:
        kind = EstablishmentType.objects.filter(code=filters.type).first()
        if kind is None:
            errors["type"] = _("No type of place has code %(code)s.") % {"code": filters.type}
        else:
            places = places.filter(type=kind)
    if filters.state:
        if filters.state not in PublicState.values:
            errors["state"] = _("The state must be one of: %(states)s.") % {"states": ", ".join(PublicState.values)}
        else:
            places = places.filter(state=filters.state)
    if filters.registration:
        if filters.registration not in Registration.values:
            errors["registration"] = _("The registration must be one of: %(values)s.") % {
                "values": ", ".join(Registration.values)
            }
        else:
            places = places.filter(registration=filters.registration)
    if errors:
        raise ValidationError(errors)
    if filters.q:
        places = search(places, filters.q)
    return places


def duplicate_key(name: str, address: str) -> tuple[str, str]:
    """Name and address compared ignoring diacritics, case and spaces."""
    return fold(name).replace(" ", ""), fold(address).replace(" ", "")


def duplicates(name: str, address: str, unit: AdminUnit, *, exclude_pk: int | None = None) -> list[Establishment]:
    """Places of the same unit with the same name and address; rejected registrations do not count."""
    key = duplicate_key(name, address)
    candidates = (
        Establishment.objects.filter(unit=unit)
        .exclude(registration=Registration.REJECTED)
        .select_related("type", "unit")
        .only("id", "name", "address", "registration", "status", "public_code", "type__name", "type__code", "unit")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return [place for place in candidates.iterator() if duplicate_key(place.name, place.address) == key]


def approximate_location(unit: AdminUnit) -> tuple[Decimal, Decimal] | None:
    """The unit's centroid, else its nearest ancestor's that has one."""
    if unit.latitude is not None and unit.longitude is not None:
        return unit.latitude, unit.longitude
    for ancestor in reversed(list(unit.ancestors())):
        if ancestor.latitude is not None and ancestor.longitude is not None:
            return ancestor.latitude, ancestor.longitude
    return None


def registration_units(user: AnyUser, scheme: str | None = None) -> QuerySet[AdminUnit]:
    """Communes and villages (of one scheme, or of both) a user may register a place in: an
    officer's own jurisdiction; for an owner, any commune or village (owners have no unit)."""
    units = AdminUnit.objects.filter(level__in=PLACE_UNIT_LEVELS)
    if scheme:
        units = units.filter(scheme=scheme)
    if user.is_authenticated and user.is_superuser:
        return units
    if jurisdiction.unit_paths(user, jurisdiction.CHANGE_ROLES):
        return jurisdiction.filter_by_unit(user, units, field="", roles=jurisdiction.CHANGE_ROLES)
    if jurisdiction.has_role(user, Role.OWNER):
        return units
    return units.none()


def may_register(user: AnyUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or bool(jurisdiction.unit_paths(user, jurisdiction.CHANGE_ROLES))
        or jurisdiction.has_role(user, Role.OWNER)
    )


# Vietnamese names of the operating statuses in files (the first is written on export; all are
# read on import, with the codes), and of the registration and public states on export.
STATUS_NAMES: dict[str, tuple[str, ...]] = {
    OperatingStatus.OPERATING: ("Đang hoạt động", "Hoạt động", "operating"),
    OperatingStatus.SUSPENDED: ("Tạm ngừng hoạt động", "Tạm ngừng", "Tạm dừng hoạt động", "suspended"),
    OperatingStatus.CLOSED: ("Đã đóng cửa", "Đóng cửa", "Ngừng hoạt động", "closed"),
}
REGISTRATION_NAMES: dict[str, str] = {
    Registration.PENDING: "Chờ duyệt",
    Registration.ACCEPTED: "Đã duyệt",
    Registration.REJECTED: "Bị từ chối",
}
STATE_NAMES: dict[str, str] = {
    PublicState.SAFE: "An toàn",
    PublicState.AT_RISK: "Có rủi ro",
    PublicState.UNSAFE: "Không an toàn",
    PublicState.NOT_ASSESSED: "Chưa đánh giá",
}
EXPORT_HEADERS = [
    "Mã công khai",
    "Tên cơ sở",
    "Loại hình",
    "Mã đơn vị",
    "Đơn vị",
    "Địa chỉ",
    "Vĩ độ",
    "Kinh độ",
    "Vị trí ước lượng",
    "Quy mô (người)",
    "Người liên hệ",
    "Điện thoại",
    "Tình trạng",
    "Đăng ký",
    "Trạng thái an toàn",
    "Đánh giá gần nhất",
    "Hiệu lực đến",
]


def _local_date(value: datetime | None) -> date | None:
    return timezone.localtime(value).date() if value else None


def write_xlsx(places: QuerySet[Establishment], handle: IO[bytes]) -> int:
    """Write the places to an XLSX workbook row by row (openpyxl's write-only mode keeps memory
    flat); the business contact is included, owners' accounts never. Returns the row count."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cơ sở")

    def text(value: str) -> object:
        if not value.startswith("="):
            return sheet_text(value)
        return text_cell(sheet, value)  # a name starting with "=" stays text, never a formula

    sheet.append(EXPORT_HEADERS)
    rows = places.order_by("unit_path", "name", "pk").values_list(
        "public_code",
        "name",
        "type__name",
        "unit__code",
        "unit__name",
        "address",
        "latitude",
        "longitude",
        "location_approximate",
        "capacity",
        "contact_name",
        "contact_phone",
        "status",
        "registration",
        "state",
        "assessed_at",
        "valid_until",
    )
    count = 0
    for row in rows.iterator(chunk_size=2000):
        (code, name, kind, unit_code, unit_name, address, lat, lon, approximate, capacity) = row[:10]
        contact_name, contact_phone, status, registration, state, assessed_at, valid_until = row[10:]
        sheet.append(
            sheet_row(
                [
                    code,
                    text(name),
                    kind,
                    unit_code,
                    unit_name,
                    text(address),
                    float(lat),
                    float(lon),
                    "Có" if approximate else "",
                    capacity,
                    text(contact_name),
                    text(contact_phone),
                    STATUS_NAMES[status][0],
                    REGISTRATION_NAMES[registration],
                    STATE_NAMES[state],
                    _local_date(assessed_at),
                    _local_date(valid_until),
                ]
            )
        )
        count += 1
    workbook.save(handle)
    return count

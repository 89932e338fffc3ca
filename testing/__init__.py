"""The test base: a real Đắk Nông tree and users in sibling jurisdictions, one line away.

commune_a and commune_b are sibling communes of Đắk Mil district; district officers Đắk Mil;
other_district officers Krông Nô; province covers Đắk Nông; admin administers it; inspector
inspects Đắk Mil; press speaks for Báo Đắk Nông; owner owns places; the anonymous client is
the public.
"""

import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar

from django.core.cache import cache
from django.test import Client, TestCase
from django.utils import timezone
from openpyxl import Workbook

from accounts.actions import issue_api_token
from accounts.models import Role, RoleAssignment, User
from safety import clusters
from safety.actions.assessments import submit_assessment
from safety.actions.criteria import load_criteria_sets
from safety.models import Assessment, CriteriaSet, CriteriaSetStatus, Establishment, EstablishmentType
from safety.types import load_establishment_types
from territory.loader import load_successions, load_units
from territory.models import AdminUnit, Level, Organisation, Scheme
from territory.organisations import load_organisations
from zones.models import DistancingMeasure, DistancingZone, ZoneUnit

PASSWORD = "correct-horse-battery"


def make_user(username: str, role: str | None = None, unit: AdminUnit | None = None, **extra: Any) -> User:
    organisation = extra.pop("organisation", None)
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit, organisation=organisation)
    return user


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """An Excel workbook whose first sheet holds these rows (the header among them), as uploaded."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_unit(
    code: str, level: str, type_name: str, name: str, short_name: str, parent: AdminUnit | None = None, **extra: Any
) -> AdminUnit:
    """A unit saved with its path; in its parent's scheme, or the legacy one for a top unit."""
    scheme = extra.pop("scheme", parent.scheme if parent else Scheme.LEGACY)
    unit = AdminUnit(
        scheme=scheme,
        code=code,
        level=level,
        type_name=type_name,
        name=name,
        short_name=short_name,
        parent=parent,
        **extra,
    )
    unit.save()
    return unit


def add_village(commune: AdminUnit, number: int, name: str | None = None) -> AdminUnit:
    label = name or f"Thôn {number}"
    return make_unit(f"{commune.code}-{number:03d}", Level.VILLAGE, "Thôn", label, label, parent=commune)


class JurisdictionTestCase(TestCase):
    province: AdminUnit
    district: AdminUnit
    other_district: AdminUnit
    commune_a: AdminUnit
    commune_b: AdminUnit
    other_commune: AdminUnit
    village_a: AdminUnit
    village_b: AdminUnit
    press_agency: Organisation
    admin: User
    province_officer: User
    district_officer: User
    other_district_officer: User
    officer_a: User
    officer_b: User
    inspector: User
    press: User
    owner: User

    @classmethod
    def setUpTestData(cls) -> None:
        load_units(Scheme.LEGACY, ["67"])
        load_units(Scheme.Y2025, ["68"])
        load_successions()
        units = AdminUnit.objects.filter(scheme=Scheme.LEGACY)
        cls.province = units.get(code="67")
        cls.district = units.get(code="663")  # huyện Đắk Mil
        cls.other_district = units.get(code="664")  # huyện Krông Nô
        communes = list(units.filter(parent=cls.district).order_by("code"))
        cls.commune_a, cls.commune_b = communes[0], communes[1]
        cls.other_commune = units.filter(parent=cls.other_district).order_by("code").first()  # type: ignore[assignment]
        cls.village_a = add_village(cls.commune_a, 1)
        cls.village_b = add_village(cls.commune_b, 1)
        add_village(cls.other_commune, 1)
        load_organisations(
            cls.province,
            [{"code": "67-bao-dak-nong", "kind": "press", "name": "Báo Đắk Nông", "short_name": "Báo Đắk Nông"}],
        )
        cls.press_agency = Organisation.objects.get(code="67-bao-dak-nong")

        cls.admin = make_user("admin", Role.ADMINISTRATOR, cls.province, is_staff=True, is_superuser=True)
        cls.province_officer = make_user("province", Role.OFFICER, cls.province)
        cls.district_officer = make_user("district", Role.OFFICER, cls.district)
        cls.other_district_officer = make_user("other_district", Role.OFFICER, cls.other_district)
        cls.officer_a = make_user("commune_a", Role.OFFICER, cls.commune_a)
        cls.officer_b = make_user("commune_b", Role.OFFICER, cls.commune_b)
        cls.inspector = make_user("inspector", Role.INSPECTOR, cls.district)
        cls.press = make_user("press", Role.COMMUNICATOR, organisation=cls.press_agency)
        cls.owner = make_user("owner", Role.OWNER)

    def setUp(self) -> None:
        cache.clear()  # login throttling counters must not leak between tests

    def everyone_but_the_administrator(self) -> tuple[User, ...]:
        """Every signed-in user of the base but the administrator: officers of every level,
        the inspector, the press and the owner."""
        return (
            self.officer_a,
            self.officer_b,
            self.district_officer,
            self.other_district_officer,
            self.province_officer,
            self.inspector,
            self.press,
            self.owner,
        )

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def api_headers(self, user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_api_token(user)}"}

    # The API as `user`, with a token of theirs, or anonymously for None; a body goes as JSON
    # (a text as it is).
    def api_get(self, user: User | None, url: str, params: Any = None) -> Any:
        return self.client.get(url, params, headers=self._token_of(user))

    def api_post(self, user: User | None, url: str, body: Any) -> Any:
        return self.client.post(url, body, content_type="application/json", headers=self._token_of(user))

    def api_put(self, user: User | None, url: str, body: Any) -> Any:
        return self.client.put(url, body, content_type="application/json", headers=self._token_of(user))

    def api_patch(self, user: User | None, url: str, body: Any) -> Any:
        return self.client.patch(url, body, content_type="application/json", headers=self._token_of(user))

    def _token_of(self, user: User | None) -> dict[str, str]:
        return self.api_headers(user) if user is not None else {}


# A small criteria set in the shape of the official ones (safety/scoring.py), for tests that
# need a set but are not about a particular official one.
SIMPLE_DEFINITION: dict[str, Any] = {
    "direction": "safety",
    "basis": "percent",
    "sections": [
        {
            "code": "A",
            "title": "Chuẩn bị",
            "items": [
                {
                    "code": "plan",
                    "text": "Có kế hoạch phòng, chống dịch",
                    "kind": "choice",
                    "options": [
                        {"code": "yes", "label": "Có", "points": 4},
                        {"code": "no", "label": "Không", "points": 0},
                    ],
                },
                {"code": "masks", "text": "Khẩu trang, nước sát khuẩn ở lối vào", "kind": "pass_fail"},
                {
                    "code": "staff",
                    "text": "Số người lao động",
                    "kind": "number",
                    "min": 0,
                    "max": 100000,
                    "bands": [{"below": 50, "points": 5}, {"below": 500, "points": 3}, {"points": 1}],
                },
                {
                    "code": "toilets",
                    "text": "Vệ sinh khu vực chung",
                    "kind": "score",
                    "max_points": 10,
                    "na_allowed": True,
                },
            ],
        }
    ],
    "bands": [
        {"code": "unsafe", "label": "Không an toàn", "min": 0, "state": "unsafe"},
        {"code": "low", "label": "An toàn thấp", "min": 50, "state": "at_risk"},
        {"code": "safe", "label": "An toàn", "min": 75, "min_inclusive": False, "state": "safe"},
    ],
    "rules": [{"kind": "any_item_zero", "band": "unsafe", "message": "Có tiêu chí bị 0 điểm"}],
}
SAFE_ANSWERS = {"plan": "yes", "masks": "pass", "staff": 20, "toilets": 9}
AT_RISK_ANSWERS = {"plan": "yes", "masks": "pass", "staff": 800, "toilets": 6}  # 12/20 = 60 %
UNSAFE_ANSWERS = {"plan": "no", "masks": "pass", "staff": 20, "toilets": 10}


def make_criteria_set(code: str = "test-set", definition: dict[str, Any] | None = None, **extra: Any) -> CriteriaSet:
    return CriteriaSet.objects.create(
        code=code,
        title=extra.pop("title", "Bộ tiêu chí thử nghiệm"),
        legal_basis=extra.pop("legal_basis", "Văn bản thử nghiệm"),
        status=extra.pop("status", CriteriaSetStatus.COMPLETE),
        definition=definition or SIMPLE_DEFINITION,
        **extra,
    )


def make_place(unit: AdminUnit, name: str = "Chợ Đắk Mil", type_code: str = "market", **extra: Any) -> Establishment:
    """A place as registered and accepted (or as `extra` says), counted on the map like one."""
    owners = extra.pop("owners", [])
    kind = EstablishmentType.objects.get(code=type_code)
    place = Establishment.objects.create(
        name=name,
        type=kind,
        unit=unit,
        address=extra.pop("address", f"Trung tâm {unit.name}"),
        latitude=extra.pop("latitude", unit.latitude if unit.latitude is not None else 12.45),
        longitude=extra.pop("longitude", unit.longitude if unit.longitude is not None else 107.6),
        **extra,
    )
    place.owners.set(owners)
    clusters.move(None, clusters.presence(place))
    return place


def add_markets(units: Sequence[AdminUnit], label: str = "Sạp {n}", **fields: Any) -> list[Establishment]:
    """Markets named `label.format(n=n)`, the n-th in `units[n]`, made at once (`bulk_create`: not
    yet counted on the map); a field given as a function is called with n."""
    kind = EstablishmentType.objects.get(code="market")
    fields = {"latitude": Decimal("12.4"), "longitude": Decimal("107.6"), **fields}
    return Establishment.objects.bulk_create(
        Establishment(
            name=label.format(n=n),
            type=kind,
            unit=unit,
            **{name: value(n) if callable(value) else value for name, value in fields.items()},
        )
        for n, unit in enumerate(units)
    )


def write_zone(
    area: AdminUnit,
    measure: DistancingMeasure,
    units: Sequence[AdminUnit] = (),
    starts_at: datetime | None = None,
    planned_end: datetime | None = None,
    **fields: Any,
) -> DistancingZone:
    """A distancing zone over `units` written directly, without the declaration's checks: the
    setting of a scene, or a zone recorded before a rule existed. In force from now for a day
    unless told otherwise."""
    starts_at = starts_at or timezone.now()
    values: dict[str, Any] = {
        "name": "Vùng thử",
        "decision_number": "1/QĐ-UBND",
        "decision_date": timezone.localdate(starts_at),
        "signer_name": "Lê Văn Minh",
        "signer_title": "Chủ tịch UBND huyện",
        "reason": "Ổ dịch",
        **fields,
    }
    zone = DistancingZone.objects.create(
        area=area,
        measure=measure,
        strictness=measure.strictness,
        starts_at=starts_at,
        planned_end=planned_end or starts_at + timedelta(days=1),
        **values,
    )
    for unit in units:
        ZoneUnit.objects.create(zone=zone, unit=unit)
    return zone


class SafetyTestCase(JurisdictionTestCase):
    """The jurisdiction base plus the types of place and one criteria set every type uses."""

    criteria_set: CriteriaSet

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_establishment_types()
        cls.criteria_set = make_criteria_set()
        EstablishmentType.objects.update(criteria_set_code=cls.criteria_set.code)


class CriteriaSetsTestCase(SafetyTestCase):
    """The safety base plus every official criteria set loaded."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_criteria_sets()


class OwnedPlaceTestCase(SafetyTestCase):
    """The safety base plus one place in commune_a that the owner owns: make_place's market
    unless the class's `place_fields` say otherwise."""

    place: Establishment
    place_fields: ClassVar[dict[str, Any]] = {}

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.place = make_place(cls.commune_a, owners=[cls.owner], **cls.place_fields)


class AssessedPlaceTestCase(SafetyTestCase):
    """The safety base plus a place in village_a that the owner owns, with a history of three
    assessments submitted out of order: unsafe two weeks ago (the owner), safe today (officer_a),
    at risk a week ago (the owner)."""

    place: Establishment
    oldest: Assessment
    middle: Assessment
    newest: Assessment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.place = make_place(cls.village_a, owners=[cls.owner])
        now = timezone.now()
        cls.oldest = submit_assessment(
            cls.place, cls.criteria_set, UNSAFE_ANSWERS, by=cls.owner, now=now - timedelta(days=14)
        )
        cls.newest = submit_assessment(cls.place, cls.criteria_set, SAFE_ANSWERS, by=cls.officer_a, now=now)
        cls.middle = submit_assessment(
            cls.place, cls.criteria_set, AT_RISK_ANSWERS, by=cls.owner, now=now - timedelta(days=7)
        )

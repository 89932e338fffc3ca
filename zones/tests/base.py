"""The zones test base: the jurisdiction base plus the shipped frameworks, measures and goods, and
one-line helpers to put cases in a commune, declare a zone or issue a permit."""

import json
from datetime import date, datetime, timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts.models import User
from territory.models import AdminUnit, Level, Scheme
from testing import JurisdictionTestCase
from zones.actions.permits import PermitInput, approve_permit, register_permit
from zones.actions.zones import ZoneInput, declare_zone
from zones.loader import load_zones_data
from zones.models import CaseCount, DistancingZone, GoodsPermit


def today() -> date:
    return timezone.localdate()


def put_cases(unit: AdminUnit, cases: int, untraced: int = 0, linked: int = 0, day: date | None = None) -> CaseCount:
    """A count written directly (no jurisdiction check): the setting of a scene, not the behaviour tested."""
    commune = unit if unit.level == Level.COMMUNE else unit.parent
    assert commune is not None
    province = AdminUnit.objects.get(scheme=unit.scheme, code=unit.path.strip("/").split("/")[1])
    return CaseCount.objects.create(
        unit=unit,
        commune=commune,
        province=province,
        date=day or today(),
        cases=cases,
        untraced_cases=untraced,
        linked_cases=linked,
    )


def zone_values(units: list[Any], measure: str = "ct-16", **changes: Any) -> dict[str, Any]:
    """A declaration of a zone over `units`, in force from an hour ago for 14 days."""
    now = timezone.now()
    values: dict[str, Any] = {
        "units": units,
        "measure": measure,
        "decision_number": "123/QĐ-UBND",
        "decision_date": timezone.localdate(now),
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Chủ tịch UBND huyện Đắk Mil",
        "starts_at": now - timedelta(hours=1),
        "planned_end": now + timedelta(days=14),
        "reason": "Ổ dịch 3 ca chưa rõ nguồn lây",
        "triggering_cases": 3,
        "scope_justification": "",
    }
    values.update(changes)
    return values


def zone_input(units: list[AdminUnit], measure: str = "ct-16", **changes: Any) -> ZoneInput:
    return ZoneInput(**zone_values(units, measure, **changes))


def zone_body(codes: list[str], measure: str = "ct-16", **changes: Any) -> dict[str, Any]:
    """The declaration as the API takes it: units by code, dates and times as ISO text."""
    return json.loads(json.dumps(zone_values(codes, measure, **changes), cls=DjangoJSONEncoder))


def make_zone(by: User, units: list[AdminUnit], measure: str = "ct-16", **changes: Any) -> DistancingZone:
    changes.setdefault("scope_justification", "Cả xã có nguy cơ lây lan")
    return declare_zone(zone_input(units, measure, **changes), by=by)


def permit_input(origin: AdminUnit, destination: AdminUnit, **changes: Any) -> PermitInput:
    values: dict[str, Any] = {
        "operator_name": "Công ty TNHH Vận tải Thử nghiệm",
        "operator_phone": "0912345678",
        "plate": "48C-123.45",
        "driver_name": "Trần Văn Bình",
        "goods_type": "nong-san",
        "origin": origin,
        "destination": destination,
        "valid_from": today(),
        "valid_until": today() + timedelta(days=30),
    }
    values.update(changes)
    return PermitInput(**values)


def typed_permit() -> dict[str, Any]:
    """A permit request as an operator types it, on the page or to the API (plate and phone not
    yet normalised), valid for 30 days from today; the route is the caller's."""
    return {
        "operator_name": "Công ty TNHH Vận tải Thử nghiệm",
        "operator_phone": "0912 345 678",
        "plate": "48c 12345",
        "vehicle_kind": "Xe tải 5 tấn",
        "driver_name": "Trần Văn Bình",
        "goods_type": "nong-san",
        "valid_from": today().isoformat(),
        "valid_until": (today() + timedelta(days=30)).isoformat(),
    }


class ZonesTestCase(JurisdictionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_zones_data()

    def issue_permit(self, approver: User | None = None, **changes: Any) -> GoodsPermit:
        permit = register_permit(permit_input(self.commune_a, self.commune_b, **changes), by=self.owner)
        return approve_permit(permit, by=approver or self.officer_a)

    @staticmethod
    def communes_of(district: AdminUnit) -> list[AdminUnit]:
        return list(AdminUnit.objects.filter(parent=district).order_by("code"))

    @staticmethod
    def legacy(code: str) -> AdminUnit:
        return AdminUnit.objects.get(scheme=Scheme.LEGACY, code=code)

    @staticmethod
    def aware(*args: int) -> datetime:
        return timezone.make_aware(datetime(*args))  # type: ignore[arg-type]

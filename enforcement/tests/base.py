"""Violations in every state, one line away."""

from datetime import timedelta
from typing import Any

from enforcement import actions
from enforcement.models import Violation
from inspections.tests.base import TODAY, InspectionTestCase


class ViolationTestCase(InspectionTestCase):
    @classmethod
    def person(cls, **values: Any) -> dict[str, Any]:
        return {
            "offender_kind": "person",
            "offender_name": "Nguyễn Văn Hùng",
            "type": "khong-deo-khau-trang",
            "act": "Không đeo khẩu trang tại chợ Đức Mạnh",
            "unit": cls.commune_a,
            "occurred_on": TODAY() - timedelta(days=3),
            **values,
        }

    @classmethod
    def official(cls, **values: Any) -> dict[str, Any]:
        return cls.person(
            offender_name="Lê Văn Tâm",
            is_official=True,
            position="Phó Chủ tịch UBND xã",
            agency="UBND xã Đức Mạnh",
            type="tu-tap-noi-cong-cong",
            act="Tổ chức tiệc tại nhà với 15 người khi đang thực hiện cách ly xã hội",
            **values,
        )

    @classmethod
    def draft(cls, values: dict[str, Any] | None = None, by: Any = None) -> Violation:
        return actions.record_violation(by or cls.inspector, values or cls.person())

    @classmethod
    def decided(cls, values: dict[str, Any] | None = None, by: Any = None, **decision: Any) -> Violation:
        """A violation decided with the lowest fine of its type unless told otherwise; `by`
        records and decides it (an inspector records and a district officer decides by default)."""
        violation = cls.draft(values, by=by)
        decision = {
            "decision_number": "15/QĐ-XPVPHC",
            "decision_date": TODAY() - timedelta(days=1),
            "decision_authority": "Chủ tịch UBND xã",
            "fine_amount": violation.type.fine_min,
            **decision,
        }
        return actions.decide_violation(violation, by or cls.district_officer, **decision)

    @classmethod
    def published(cls, values: dict[str, Any] | None = None, by: Any = None, **decision: Any) -> Violation:
        return actions.publish_violation(cls.decided(values, by=by, **decision), by or cls.district_officer)


class PublishedViolationsTestCase(ViolationTestCase):
    """Violations the public sees: an official's in commune_a and a person's in another district
    (published by the province); and ones it must not: a draft and one decided, not published."""

    official_violation: Violation
    elsewhere: Violation
    draft_one: Violation
    decided_only: Violation

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.official_violation = cls.published(cls.official())
        cls.elsewhere = cls.published(
            cls.person(unit=cls.other_commune, offender_name="Phạm Thị Hoa"), by=cls.province_officer
        )
        cls.draft_one = cls.draft(cls.person(offender_name="Chưa quyết định"))
        cls.decided_only = cls.decided(cls.person(offender_name="Chưa công bố"))

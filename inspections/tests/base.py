"""The test base of inspections and enforcement: the jurisdiction tree, places with a criteria
set, the unit checklists, violation types, and one-line helpers."""

import shutil
import tempfile
from datetime import date, timedelta
from typing import Any

from django.test import override_settings
from django.utils import timezone

from enforcement.types import load_violation_types
from inspections import actions
from inspections.actions import Schedule
from inspections.checklists import load_unit_checklists
from inspections.models import Checklist, Inspection
from testing import SafetyTestCase, make_place

TODAY = timezone.localdate


def all_pass(checklist: Checklist) -> dict[str, str]:
    return {item["code"]: "pass" for item in checklist.items}


class InspectionTestCase(SafetyTestCase):
    place_a: Any
    place_b: Any
    commune_checklist: Checklist
    village_checklist: Checklist
    _media: str
    _media_override: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_unit_checklists()
        load_violation_types()
        cls.place_a = make_place(cls.commune_a, "Chợ Đức Mạnh", owners=[cls.owner])
        cls.place_b = make_place(cls.commune_b, "Quán ăn Bình Minh", type_code="restaurant")
        cls.commune_checklist = Checklist.objects.get(code="kiem-tra-cap-huyen-xa")
        cls.village_checklist = Checklist.objects.get(code="kiem-tra-thon-buon")

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._media = tempfile.mkdtemp(prefix="phongdich-inspections-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media)
        cls._media_override.enable()

    @classmethod
    def tearDownClass(cls) -> None:
        cls._media_override.disable()
        shutil.rmtree(cls._media, ignore_errors=True)
        super().tearDownClass()

    def schedule(self, by: Any, target: Any, *, unit: Any = None, days: int = 30, **extra: Any) -> Inspection:
        today = TODAY()
        return actions.schedule_inspection(
            by, target=target, unit=unit, schedule=Schedule(today - timedelta(days=days - 1), today), **extra
        )

    def inspected(
        self, by: Any, target: Any, outcome: str = "compliant", on: date | None = None, **extra: Any
    ) -> Inspection:
        """An inspection planned and recorded, with every item met (units) or the given answers."""
        inspection = self.schedule(by, target, unit=extra.pop("unit", None))
        answers = extra.pop("answers", None)
        if answers is None:
            answers = all_pass(inspection.checklist) if inspection.checklist else {}
        if outcome != "compliant":
            extra.setdefault("findings", "Chưa đạt một số tiêu chí")
        return actions.record_inspection(
            inspection, by, inspected_on=on or TODAY(), answers=answers, outcome=outcome, **extra
        )

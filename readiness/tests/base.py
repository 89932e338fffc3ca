"""The Đắk Nông tree with the readiness data loaded and gaps computed: what readiness tests start from."""

from typing import Any

from readiness import actions
from readiness.gaps import recompute
from readiness.loader import load_readiness
from readiness.models import Scenario, Stock, UnitGap
from territory.models import AdminUnit
from testing import JurisdictionTestCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ReadinessTestCase(JurisdictionTestCase):
    first: Scenario

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_readiness()
        recompute(list(AdminUnit.objects.filter(path__under=cls.province.path)))
        cls.first = Scenario.objects.get(code="1-10")

    def gap(self, unit: AdminUnit, scenario: str = "1-10") -> UnitGap:
        return UnitGap.objects.get(unit=unit, scenario__code=scenario)

    def declare(self, unit: AdminUnit, by: Any = None, **quantities: Any) -> None:
        stocks = {code.replace("_", "-"): actions.StockValue(q) for code, q in quantities.items()}
        actions.declare(unit, by or self.admin, stocks=stocks)

    def stock(self, unit: AdminUnit, kind: str) -> Stock | None:
        return Stock.objects.filter(unit=unit, kind__code=kind).first()

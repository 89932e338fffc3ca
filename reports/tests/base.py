"""The weekly report's tests start from the jurisdiction base with places in both communes of Đắk
Mil and citizens' reports received in the week being reported."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from portal import abuse, actions
from safety.models import PublicState
from safety.types import load_establishment_types
from testing import JurisdictionTestCase, make_place

# Tuesday 8 June 2021: the week before it runs from Monday 31 May to Sunday 6 June.
TODAY = date(2021, 6, 8)
NOW = datetime(2021, 6, 8, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
WEEK = (date(2021, 5, 31), date(2021, 6, 6))
IN_THE_WEEK = datetime(2021, 6, 2, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


class WeeklyTestCase(JurisdictionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_establishment_types()
        for unit, name, state in (
            (cls.commune_a, "Chợ Đức Mạnh", PublicState.SAFE),
            (cls.commune_a, "Quán ăn Đức Mạnh", PublicState.SAFE),
            (cls.commune_b, "Chợ Đắk Lao", PublicState.NOT_ASSESSED),
        ):
            make_place(unit, name, state=state)
        for n, unit in enumerate((cls.commune_a, cls.commune_b)):
            report_a_gathering(unit, n, IN_THE_WEEK)


def report_a_gathering(unit: object, n: int, at: datetime) -> None:
    actions.submit_report(
        {"category": "gathering", "text": f"Tụ tập đông người lần {n} ở chợ.", "unit": unit.code},  # type: ignore[attr-defined]
        client=abuse.Client(address=f"10.8.0.{n}"),
        now=at,
    )

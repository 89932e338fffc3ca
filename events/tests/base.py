"""The 23 May 2021 election organised by the province, with polling areas in two sibling
communes of Đắk Mil and one in Krông Nô: what event tests start from."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from events import actions
from events.loader import load_checklists
from events.models import Event, Site
from testing import SafetyTestCase, make_place

ELECTION_DAY = date(2021, 5, 23)

YES = {
    "gian-cach": True,
    "sat-khuan-khau-trang": True,
    "do-than-nhiet": True,
    "khu-khuan": True,
    "nhan-vien-y-te": True,
    "hom-phieu-phu": 3,
    "kiem-tra-suc-khoe": True,
}


def at(hour: int, minute: int = 0, day: date = ELECTION_DAY) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


class EventTestCase(SafetyTestCase):
    event: Event
    site_a: Site
    site_b: Site
    site_other: Site

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_checklists()
        cls.event = actions.create_event(
            actions.EventData("Bầu cử 23/5/2021", "election", cls.province, ELECTION_DAY, ELECTION_DAY),
            cls.province_officer,
        )
        cls.site_a = cls.site_at(cls.commune_a, "Khu vực bỏ phiếu số 1", cls.officer_a)
        cls.site_b = cls.site_at(cls.commune_b, "Khu vực bỏ phiếu số 2", cls.officer_b)
        cls.site_other = cls.site_at(cls.other_commune, "Khu vực bỏ phiếu số 9", cls.other_district_officer)

    @classmethod
    def site_at(cls, unit: Any, name: str, by: Any) -> Site:
        place = make_place(unit, name=f"Nhà văn hóa {unit.name}", type_code="polling_station")
        return actions.add_site(cls.event, by, place=place, name=name)

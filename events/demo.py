"""The election of 23 May 2021 in Đắk Nông: every polling station of Đắk Mil is a polling area,
the areas in every state of plan and of the day, one mobile ballot box for voters in quarantine,
one incident with its response."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from safety.models import Establishment
from territory.models import AdminUnit

from . import actions
from .loader import load_checklists
from .models import Event, EventKind

DISTRICT = "663"  # huyện Đắk Mil
ELECTION_DAY = date(2021, 5, 23)
NAME = "Bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021–2026"
ANSWERS = {
    "gian-cach": True,
    "sat-khuan-khau-trang": True,
    "do-than-nhiet": True,
    "khu-khuan": True,
    "nhan-vien-y-te": True,
    "hom-phieu-phu": 0,
    "kiem-tra-suc-khoe": True,
}


def _at(hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(ELECTION_DAY, time(hour, minute)))


@transaction.atomic
def load_demo(province: AdminUnit) -> str:
    load_checklists()
    if Event.objects.filter(name=NAME, unit=province).exists():
        return "Events: the election of 23/05/2021 is already loaded."
    organiser, district_officer = User.objects.get(username="province"), User.objects.get(username="district")
    event = actions.create_event(
        actions.EventData(NAME, EventKind.ELECTION, province, ELECTION_DAY, ELECTION_DAY, plans_due_days=10), organiser
    )
    district = AdminUnit.objects.get(scheme=province.scheme, code=DISTRICT)
    places = Establishment.objects.filter(type__code="polling_station", unit_path__startswith=district.path)
    sites = [
        actions.add_site(event, district_officer, place=place, name=f"Khu vực bỏ phiếu số {n}")
        for n, place in enumerate(places.select_related("unit", "type").order_by("unit_path", "name"), start=1)
    ]
    mobile_site = next((s for n, s in enumerate(sites) if n % 5 == 4 and n % 4), None)
    for n, site in enumerate(sites):
        plan_state = n % 4  # 0 no plan, 1 awaiting approval, 2 returned, 3 approved
        mobile = site == mobile_site
        if plan_state:
            actions.submit_plan(
                site,
                district_officer,
                answers={**ANSWERS, "hom-phieu-phu": 4 if mobile else 0},
                now=_at(8).replace(day=10),
            )
        if plan_state == 2:
            actions.review_plan(site, organiser, approve=False, note="Bổ sung phương án khử khuẩn sau bầu cử")
        elif plan_state == 3:
            actions.review_plan(site, organiser, approve=True)
        day_state = n % 5  # not reported, opened, normal, incident, closed
        if day_state >= 1:
            actions.report_status(site, district_officer, status="opened", present=40, now=_at(7))
        if day_state == 2:
            actions.report_status(site, district_officer, status="normal", present=380, now=_at(10, 30))
        if day_state == 3 and not any(s.incidents.exists() for s in sites):
            actions.report_status(
                site,
                district_officer,
                status="incident",
                present=210,
                incident="Một cử tri có biểu hiện sốt, ho khi đo thân nhiệt ở lối vào",
                now=_at(9, 20),
            )
            incident = site.incidents.get()
            actions.add_response(
                incident, district_officer, text="Đưa cử tri vào phòng cách ly tạm thời", at=_at(9, 25)
            )
            actions.add_response(
                incident,
                district_officer,
                text="Test nhanh kháng nguyên: âm tính; khử khuẩn lối vào",
                at=_at(10, 5),
                close=True,
            )
        elif day_state == 3:
            actions.report_status(site, district_officer, status="normal", present=300, now=_at(11))
        if day_state == 4:
            actions.report_status(
                site, district_officer, status="closed", present=612, mobile_served=4 if mobile else 0, now=_at(19)
            )
    return f"Events: the election of 23/05/2021 with {len(sites)} polling areas of Đắk Mil."

"""Inspections at every level of the demo province over the last weeks — province → districts,
district → communes and places, commune → villages — and, for villages → households, a
door-to-door screening campaign with each village's days. Written through the actions, as the
officers of each level; loading twice does nothing the second time."""

import random
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.queries import first_staffed, role_holder
from safety import scoring
from safety.models import Establishment, Registration
from territory.models import AdminUnit, Level

from . import actions, checklists
from .checklists import load_unit_checklists
from .models import Checklist, Inspection, InspectionPlan, Outcome

TEAM = {
    Level.PROVINCE: "Đoàn kiểm tra liên ngành tỉnh: Sở Y tế, Sở Thông tin và Truyền thông, Công an tỉnh",
    Level.DISTRICT: "Đoàn kiểm tra của Ban Chỉ đạo phòng, chống dịch huyện",
    Level.COMMUNE: "Tổ kiểm tra của UBND xã và Tổ COVID cộng đồng",
}
FINDINGS: dict[str, str] = {
    Outcome.NEEDS_FIXES: "Khu cách ly tập trung chưa bố trí đủ giường và nhà vệ sinh; chưa có phương án “4 tại chỗ”.",
    Outcome.VIOLATION: "Cơ sở vẫn hoạt động, khách không đeo khẩu trang, không có bàn khai báo y tế ở lối vào.",
}


def _actor(unit: AdminUnit, *fallbacks: User | None) -> User | None:
    """An officer (else an inspector) of the unit, else the first fallback there is."""
    found = role_holder(unit, Role.OFFICER, Role.INSPECTOR, Role.ADMINISTRATOR)
    return found or next((user for user in fallbacks if user is not None), None)


def _unit_answers(checklist: Checklist | None, quality: float, rng: random.Random) -> dict[str, str]:
    if checklist is None:
        return {}
    return {item["code"]: "pass" if rng.random() < quality else "fail" for item in checklist.items}


def _place_answers(definition: dict[str, Any], quality: float, rng: random.Random) -> dict[str, Any]:
    """Answers an inspector would give a place of the given quality (0 poor … 1 exemplary)."""
    risk = definition.get("direction") == "risk"
    answers: dict[str, Any] = {}
    for item in scoring.items_of(definition):
        good = rng.random() < quality
        kind = item["kind"]
        if kind == "choice":
            options = sorted(item["options"], key=lambda o: o["points"], reverse=not risk)
            answers[item["code"]] = options[0 if good else -1]["code"]
        elif kind == "pass_fail":
            answers[item["code"]] = "pass" if good else "fail"
        elif kind == "score":
            top = int(item["max_points"])
            answers[item["code"]] = (0 if risk else top) if good else (top if risk else 0)
        elif kind == "number":
            low, high = int(item.get("min", 0)), item.get("max")
            answers[item["code"]] = low if good else (int(high) if high is not None else low + 900)
    return answers


def _record(
    inspection: Inspection, by: User, on: date, outcome: str, answers: dict[str, Any], today: date
) -> Inspection:
    return actions.record_inspection(
        inspection,
        by,
        inspected_on=on,
        answers=answers,
        outcome=outcome,
        inspectors=inspection.team,
        findings=FINDINGS.get(outcome, "Thực hiện tốt các nội dung kiểm tra."),
        fix_by=on + timedelta(days=7) if outcome == Outcome.NEEDS_FIXES else None,
        follow_up="Báo cáo kết quả khắc phục bằng văn bản." if outcome == Outcome.NEEDS_FIXES else "",
        today=today,
    )


def _inspect_units(
    by: User, unit: AdminUnit, targets: list[AdminUnit], title: str, start: date, today: date, rng: random.Random
) -> tuple[int, int]:
    """Plan every target; record all but the last two, one with fixes now overdue."""
    plan = actions.plan_inspections(
        by,
        unit=unit,
        title=title,
        period_start=start,
        period_end=today + timedelta(days=10),
        team=TEAM.get(Level(unit.level), ""),
        targets=targets,
        is_demo=True,
    )
    planned = list(plan.inspections.select_related("checklist").order_by("target_path"))
    done = 0
    for number, inspection in enumerate(planned[:-2] if len(planned) > 2 else planned[:1]):
        on = start + timedelta(days=min(2 + 2 * number, (today - start).days))
        outcome = Outcome.NEEDS_FIXES if number % 4 == 1 else Outcome.COMPLIANT
        quality = 0.55 if outcome == Outcome.NEEDS_FIXES else 1.0
        _record(inspection, by, on, outcome, _unit_answers(inspection.checklist, quality, rng), today)
        done += 1
    return done, len(planned)


def _inspect_places(by: User, district: AdminUnit, start: date, today: date, rng: random.Random) -> int:
    """The district checks a few places against their criteria set; one is found in violation."""
    places = list(
        Establishment.objects.filter(unit_path__under=district.path, registration=Registration.ACCEPTED)
        .select_related("type", "unit", "last_assessment__criteria_set")
        .order_by("pk")[:6]
    )
    done = 0
    for place in places:
        try:
            criteria_set = checklists.criteria_set_for(place)
        except ValidationError:
            continue  # its type's criteria set is not imported yet
        inspection = actions.schedule_inspection(
            by,
            target=place,
            unit=district,
            schedule=actions.Schedule(start, today + timedelta(days=10), TEAM[Level.DISTRICT]),
        )
        Inspection.objects.filter(pk=inspection.pk).update(is_demo=True)
        outcome = Outcome.VIOLATION if done == 0 else Outcome.COMPLIANT  # the first one found in violation
        answers = _place_answers(criteria_set.definition, 0.2 if done == 0 else 0.95, rng)
        _record(inspection, by, today - timedelta(days=3 + done), outcome, answers, today)
        done += 1
    return done


def _screening(by: User, commune: AdminUnit, today: date, rng: random.Random) -> int:
    """Villages inspect households: the commune's door-to-door campaign, day by day."""
    start = today - timedelta(days=5)
    campaign = actions.open_campaign(
        by,
        unit=commune,
        title="Đi từng ngõ, gõ từng nhà, rà từng người",
        target_group="Người từ vùng có dịch trở về địa phương từ ngày 27/4/2021",
        period_start=start,
        period_end=start + timedelta(days=9),
        is_demo=True,
    )
    villages = list(commune.children.filter(level=Level.VILLAGE).order_by("code"))
    days = 0
    for number, village in enumerate(villages):
        if number == len(villages) - 1 and len(villages) > 1:
            continue  # one village has not reported: it shows as lagging
        households = 120 + rng.randint(0, 280)
        pace = 0.05 if number % 3 == 2 else 0.14  # every third village trails behind
        for offset in range(6):
            visited = min(households, int(households * pace) + rng.randint(0, 6))
            screened = visited * rng.randint(2, 4)
            actions.record_screening_day(
                campaign,
                by,
                village=village,
                day=start + timedelta(days=offset),
                households=households,
                households_visited=visited,
                people_screened=screened,
                people_referred=rng.randint(0, 2),
                today=today,
            )
            days += 1
    return days


@transaction.atomic
def load_demo(province: AdminUnit) -> str:
    load_unit_checklists()
    if InspectionPlan.objects.filter(is_demo=True, unit_path__under=province.path).exists():
        return "Inspections: demo already loaded."
    rng = random.Random(2021)  # noqa: S311 - a reproducible demo, not a secret
    today = timezone.localdate()
    start = today - timedelta(days=24)
    province_officer = _actor(province, User.objects.filter(is_superuser=True).order_by("pk").first())
    if province_officer is None:
        return "Inspections: no officer of the province to act as; nothing loaded."
    districts = list(province.children.order_by("code"))
    district = first_staffed(districts)
    district_officer = _actor(district, province_officer)
    communes = list(district.children.order_by("code"))
    commune = communes[0]
    commune_officer = _actor(commune, district_officer)
    assert district_officer is not None and commune_officer is not None
    counts = [
        _inspect_units(
            province_officer,
            province,
            districts,
            "Kiểm tra phòng, chống dịch COVID-19 tại các huyện, thành phố",
            start,
            today,
            rng,
        ),
        _inspect_units(
            district_officer,
            district,
            communes,
            f"Kiểm tra các xã, thị trấn của {district.running_name}",
            start,
            today,
            rng,
        ),
    ]
    villages = list(commune.children.filter(level=Level.VILLAGE).order_by("code"))
    if villages:
        title = f"Kiểm tra các thôn, buôn, bon của {commune.running_name}"
        counts.append(_inspect_units(commune_officer, commune, villages, title, start, today, rng))
    first_fix = (
        Inspection.objects.filter(unit=district, outcome=Outcome.NEEDS_FIXES, is_demo=True).order_by("pk").first()
    )
    if first_fix is not None:
        again = actions.reinspect(first_fix, district_officer, today=first_fix.inspected_on)
        _record(
            again,
            district_officer,
            today - timedelta(days=1),
            Outcome.COMPLIANT,
            _unit_answers(again.checklist, 1.0, rng),
            today,
        )
    places = _inspect_places(district_officer, district, start, today, rng)
    days = _screening(commune_officer, commune, today, rng) if villages else 0
    done = sum(d for d, _ in counts)
    planned = sum(p for _, p in counts)
    return (
        f"Inspections: {planned} units planned at three levels, {done} recorded, {places} places re-scored; "
        f"screening campaign in {commune.name} with {days} village-days."
    )

"""Đắk Nông's readiness in May 2021: every district and commune has declared its forces,
equipment and stocks for up to 50 cases, except two communes of Đắk Mil with real gaps (too few
beds, no ambulance, short of test kits); Đắk Mil's committee, plan, a pledge and a drill; a
readiness inspection that found fewer masks and sprayers than declared; weekly updates with a
few communes late."""

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from territory.models import AdminUnit, Level

from . import actions, gaps, periods
from .loader import load_readiness
from .models import PeriodReport, ReportingCycle, ResourceKind, Scenario, Stock, UnitGap

DISTRICT = "663"  # huyện Đắk Mil
COVERED = "10-50"
# A tiny valid PDF standing in for the plan document of the demo.
PLAN_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _inspect(unit: AdminUnit, today: date) -> None:
    """Đắk Mil's inspector counts what the first featured commune declared: fewer masks and
    sprayers than declared."""
    declared = {s.kind.code: s.quantity for s in Stock.objects.filter(unit=unit).select_related("kind")}
    counted = {code: actions.Counted(quantity) for code, quantity in declared.items()}
    counted["khau-trang"] = actions.Counted(declared["khau-trang"] * 6 // 10, "Một phần khẩu trang đã cấp cho các chốt")
    counted["binh-phun-khu-khuan"] = actions.Counted(declared["binh-phun-khu-khuan"] - 1, "Một bình hỏng vòi phun")
    actions.verify(
        unit,
        User.objects.get(username="inspector"),
        inspected_on=today,
        counted=counted,
        outcome="needs_fixes",
        inspectors="Đoàn kiểm tra huyện Đắk Mil",
        findings="Số khẩu trang và bình phun khử khuẩn thực có thấp hơn số đã khai báo.",
        fix_by=today + timedelta(days=14),
    )


def _short_of(needed: dict[str, int], code: str) -> int:
    """What the two featured communes hold: a third of the beds and test kits, no ambulance."""
    if code == "xe-cuu-thuong":
        return 0
    if code in ("giuong-dieu-tri", "kit-xet-nghiem", "may-tao-oxy"):
        return needed[code] // 3
    return needed[code]


@transaction.atomic
def load_demo(province: AdminUnit) -> str:
    load_readiness()
    cycle, _ = ReportingCycle.objects.get_or_create(
        province=province, defaults={"starts_on": date(2021, 5, 3), "levels": [Level.DISTRICT, Level.COMMUNE]}
    )
    units = list(
        AdminUnit.objects.filter(path__under=province.path, level__in=[Level.DISTRICT, Level.COMMUNE]).order_by("path")
    )
    if Stock.objects.filter(unit__in=units).exists():
        return "Readiness: the demo declarations are already loaded."
    district = AdminUnit.objects.get(scheme=province.scheme, code=DISTRICT)
    featured = list(AdminUnit.objects.filter(parent=district).order_by("code")[:2])
    scenario = Scenario.objects.get(code=COVERED)
    table = gaps.need_table([scenario])[scenario.pk]
    kinds = {k.code: k for k in ResourceKind.objects.all()}
    today = timezone.localdate()
    start = periods.period_start(cycle, today)
    previous = start - timedelta(days=cycle.length_days)
    stocks, reports = [], []
    for number, unit in enumerate(units):
        if unit in featured:
            continue
        for code, need in table[unit.level].items():
            # Beds and quarantine places partly occupied, with one spare bed or place beyond the need.
            tracks = kinds[code].tracks_use
            stocks.append(
                Stock(
                    unit=unit,
                    kind=kinds[code],
                    quantity=need + 3 if tracks else need,
                    in_use=2 if tracks else None,
                    updated_on=today - timedelta(days=number % 5),
                )
            )
        moment = timezone.make_aware(datetime.combine(previous, time(9)))
        reports.append(PeriodReport(unit=unit, period_start=previous, submitted_at=moment, on_time=number % 7 != 3))
        if number % 6:  # every sixth unit has not updated yet this period
            reports.append(PeriodReport(unit=unit, period_start=start, submitted_at=timezone.now(), on_time=True))
    Stock.objects.bulk_create(stocks)
    PeriodReport.objects.bulk_create(reports)
    gaps.recompute(AdminUnit.objects.filter(path__under=province.path))

    officer = User.objects.get(username="commune")
    district_officer = User.objects.get(username="district")
    for unit in featured:
        needed = table[Level.COMMUNE]
        by = officer if unit == featured[0] else User.objects.get(username="commune2")
        actions.declare(
            unit,
            by,
            stocks={code: actions.StockValue(_short_of(needed, code)) for code in needed},
            duty_phone="0261 3741 115",
            committee_name=f"Ban Chỉ đạo phòng, chống dịch COVID-19 {unit.running_name}",
            members=[
                actions.Member("Trưởng ban", f"Chủ tịch UBND {unit.running_name}"),
                actions.Member("Phó ban thường trực", "Trưởng Trạm Y tế"),
                actions.Member("Thành viên", "Trưởng Công an"),
                actions.Member("Thành viên", "Chỉ huy trưởng Ban Chỉ huy quân sự"),
            ],
        )
    actions.declare(
        district,
        district_officer,
        duty_phone="0261 3741 333",
        committee_name="Ban Chỉ đạo phòng, chống dịch COVID-19 huyện Đắk Mil",
        members=[
            actions.Member("Trưởng ban", "Chủ tịch UBND huyện Đắk Mil"),
            actions.Member("Phó ban thường trực", "Giám đốc Trung tâm Y tế huyện"),
        ],
    )
    actions.upload_plan(
        district,
        district_officer,
        title="Kế hoạch ứng phó với các cấp độ dịch COVID-19 trên địa bàn huyện Đắk Mil",
        upload=SimpleUploadedFile("ke-hoach-ung-pho.pdf", PLAN_PDF, content_type="application/pdf"),
    )
    actions.pledge(featured[1], district, district_officer, kind=kinds["xe-cuu-thuong"], quantity=1)
    actions.record_drill(
        featured[0],
        officer,
        held_on=today - timedelta(days=10),
        scenario=Scenario.objects.get(code="1-10"),
        participants=42,
        findings=(
            "Lực lượng đến đủ trong 30 phút; thiếu giường cách ly và xe chuyển người bệnh; cần bổ sung bộ xét nghiệm."
        ),
    )
    _inspect(featured[0], today)
    short = UnitGap.objects.filter(unit__in=featured, scenario__code=COVERED, kinds_short__gt=0).count()
    return f"Readiness: {len(units)} districts and communes declared; {short} communes of Đắk Mil short for {COVERED}."

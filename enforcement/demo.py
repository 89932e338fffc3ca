"""Violations in the demo province, in every state: published ones — a citizen, a place found in an
inspection, and a state official shown like anyone else — one decided, one draft, one withdrawn.
Names are invented for the demo. Loading twice does nothing the second time."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.queries import first_staffed, role_holder
from inspections.models import Inspection, Outcome, TargetKind
from territory.models import AdminUnit

from . import actions
from .models import OffenderKind, Violation
from .types import load_violation_types


@transaction.atomic
def load_demo(province: AdminUnit) -> str:
    load_violation_types()
    if Violation.objects.filter(is_demo=True, unit_path__under=province.path).exists():
        return "Enforcement: demo already loaded."
    districts = list(province.children.order_by("code"))
    district = first_staffed(districts)
    commune = district.children.order_by("code").first()
    assert commune is not None
    officer = role_holder(district, Role.OFFICER) or role_holder(province, Role.OFFICER, Role.ADMINISTRATOR)
    if officer is None:
        officer = User.objects.filter(is_superuser=True).order_by("pk").first()
    if officer is None:
        return "Enforcement: no officer of the province to act as; nothing loaded."
    inspector = role_holder(district, Role.INSPECTOR) or officer
    today = timezone.localdate()

    def record(values: dict[str, Any], by: User = inspector) -> Violation:
        return actions.record_violation(by, values, today=today, is_demo=True)

    def decide(violation: Violation, number: int, days_ago: int, fine: int | None, reason: str = "") -> Violation:
        return actions.decide_violation(
            violation,
            officer,
            decision_number=f"{number}/QĐ-XPVPHC",
            decision_date=today - timedelta(days=days_ago),
            decision_authority=f"Chủ tịch UBND {district.running_name}",
            fine_amount=fine,
            fine_reason=reason,
            today=today,
        )

    person = {
        "offender_kind": OffenderKind.PERSON,
        "unit": commune,
        "occurred_on": today - timedelta(days=12),
    }
    citizen = record(
        {
            **person,
            "offender_name": "Hoàng Văn Dũng",
            "type": "khong-deo-khau-trang",
            "act": f"Không đeo khẩu trang tại chợ {commune.short_name} khi đang có yêu cầu bắt buộc.",
        }
    )
    actions.publish_violation(decide(citizen, 112, 10, 2_000_000), officer)
    official = record(
        {
            **person,
            "offender_name": "Trần Quốc Khánh",
            "is_official": True,
            "position": "Phó Trưởng phòng Tài nguyên và Môi trường",
            "agency": f"UBND {district.running_name}",
            "type": "tu-tap-noi-cong-cong",
            "act": "Tổ chức liên hoan tại nhà riêng với 14 người tham dự khi huyện đang thực hiện cách ly xã hội.",
            "occurred_on": today - timedelta(days=9),
        }
    )
    actions.publish_violation(decide(official, 118, 6, 15_000_000), officer)
    published = 2
    found_in = (
        Inspection.objects.filter(
            unit_path__under=province.path, outcome=Outcome.VIOLATION, target_kind=TargetKind.PLACE
        )
        .select_related("target_place")
        .order_by("pk")
        .first()
    )
    if found_in is not None and found_in.target_place is not None and found_in.inspected_on is not None:
        place = record(
            {
                "offender_kind": OffenderKind.PLACE,
                "establishment": found_in.target_place,
                "type": "khong-tam-dung-kinh-doanh",
                "act": "Cơ sở vẫn mở cửa đón khách sau khi có thông báo tạm dừng hoạt động của UBND huyện.",
                "occurred_on": found_in.inspected_on,
                "inspection": found_in,
            },
            by=officer,
        )
        actions.publish_violation(
            decide(place, 121, max((today - found_in.inspected_on).days - 1, 0), 10_000_000), officer
        )
        published += 1
    business = record(
        {
            **person,
            "offender_kind": OffenderKind.BUSINESS,
            "offender_name": "Công ty TNHH Thương mại Nam Tây Nguyên",
            "type": "dua-tin-khong-chinh-xac",
            "act": "Đăng trên trang mạng xã hội của công ty thông tin sai về số ca mắc COVID-19 tại huyện.",
        }
    )
    decide(business, 125, 2, 12_000_000)
    record(
        {
            **person,
            "offender_name": "Y Bhin Niê",
            "type": "che-giau-khai-bao",
            "act": "Không khai báo y tế khi trở về từ vùng có dịch.",
            "occurred_on": today - timedelta(days=1),
        }
    )
    withdrawn = record(
        {
            **person,
            "offender_name": "Nguyễn Thị Lan",
            "type": "khong-deo-khau-trang",
            "act": "Không đeo khẩu trang tại bến xe.",
        }
    )
    decide(withdrawn, 109, 11, 1_000_000)
    actions.withdraw_violation(withdrawn, officer, reason="Quyết định bị hủy: người vi phạm có giấy xác nhận miễn.")
    return (
        f"Enforcement: {published} published violations (one by a state official), "
        "one decided, one draft, one withdrawn."
    )

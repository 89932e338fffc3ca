"""Citizens' reports in the demo province: at each of the two communes of Đắk Mil one report in
every state, one of them overdue and escalated to the district, one answered publicly. Texts are
invented for the demo. Loading twice does nothing the second time."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from accounts.queries import role_holder
from territory.models import AdminUnit, Organisation

from . import abuse, actions
from .categories import load_report_categories
from .models import Report

# category, text, what happens to it
STORIES = [
    (
        "gathering",
        "Đám cưới ở {village}, {commune} tổ chức hơn 100 khách, không ai đeo khẩu trang, tối thứ Bảy.",
        "received",
    ),
    (
        "place_not_complying",
        "Quán cà phê gần chợ {commune} vẫn mở cửa, khách ngồi sát nhau, không có nước rửa tay.",
        "accepted",
    ),
    ("price_gouging", "Cửa hàng tạp hóa gần ngã ba {commune} bán khẩu trang y tế 150.000 đồng một hộp.", "in_progress"),
    (
        "wrong_state",
        "Nhà hàng ở trung tâm {commune} ghi an toàn nhưng không kiểm tra thân nhiệt, không quét mã QR.",
        "answered",
    ),
    ("suggestion", "Đề nghị bố trí thêm điểm tiêm vắc-xin buổi tối cho người đi làm rẫy ở {commune}.", "closed"),
    ("other", "Nhà bên cạnh nuôi chó sủa suốt đêm ở {commune}, đề nghị xử lý.", "rejected"),
    (
        "gathering",
        "Lại thấy đám cưới ở {village}, {commune} tụ tập đông người, hơn 100 khách, không khẩu trang.",
        "duplicate",
    ),
    (
        "misinformation",
        "Trên mạng xã hội lan truyền tin uống nước lá trị khỏi COVID-19, nhiều người ở {commune} làm theo.",
        "transferred",
    ),
]


@transaction.atomic
def load_demo(province: AdminUnit, communes: list[AdminUnit]) -> str:
    if Report.objects.filter(is_demo=True, unit_path__under=province.path).exists():
        return "Reports: demo already loaded."
    load_report_categories()  # the migration loads them, but a flushed database has none
    now = timezone.now()
    agency = (
        Organisation.objects.filter(code="67-stttt").first()
        or Organisation.objects.filter(unit__path__under=province.path).order_by("code").first()
    )
    created = 0
    escalated_one = False
    for c_index, commune in enumerate(communes):
        officer = role_holder(commune, Role.OFFICER)
        if officer is None:
            continue
        village = commune.children.order_by("code").first()
        place_name = village.name if village else commune.name
        reports: dict[str, Report] = {}
        for s_index, (category, text, outcome) in enumerate(STORIES):
            days_ago = 12 if outcome == "received" and not escalated_one else 1 + s_index
            report = actions.submit_report(
                {
                    "category": category,
                    "text": text.format(commune=commune.short_name, village=place_name),
                    "unit": (village or commune).code,
                    "scheme": commune.scheme,
                    "contact_name": "Người dân (demo)" if s_index % 2 else "",
                },
                client=abuse.Client(address=f"demo-{c_index}-{s_index}"),
                now=now - timedelta(days=days_ago),
                is_demo=True,
            )
            reports[outcome] = report
            created += 1
            public = f"Phản ánh: {text.format(commune=commune.short_name, village=place_name)}"
            if outcome in ("accepted", "in_progress", "answered", "closed"):
                actions.accept_report(report, officer, public)
            if outcome in ("in_progress", "answered", "closed"):
                actions.assign_report(report, officer, officer)
                actions.record_action(report, officer, "Đã cử tổ công tác đến kiểm tra thực tế.")
            if outcome in ("answered", "closed"):
                actions.answer_report(
                    report,
                    officer,
                    "UBND xã đã kiểm tra, nhắc nhở và yêu cầu cơ sở thực hiện đúng các biện pháp phòng, chống dịch; "
                    "sẽ tiếp tục giám sát.",
                )
            if outcome == "closed":
                actions.close_report(report, officer)
            if outcome == "rejected":
                actions.reject_report(report, officer, "Nội dung không thuộc phạm vi phòng, chống dịch.")
            if outcome == "duplicate":
                actions.mark_duplicate(report, officer, reports["received"].tracking_code)
            if outcome == "transferred" and agency is not None:
                actions.transfer_report(
                    report, officer, organisation=agency, note=f"Chuyển {agency.name} xử lý theo thẩm quyền."
                )
            if outcome == "received" and not escalated_one:
                escalated_one = True
    escalated = actions.escalate_overdue(now)
    return f"Reports: {created} citizens' reports in every state, {escalated} overdue and escalated."

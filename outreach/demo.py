"""Communication activities reported on the demo letter: articles and programmes of the provincial
press, loudspeaker rounds and broadcasts of Đắk Mil's culture centre, banners of a commune."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Min

from directives.demo import _author, _moment, demo_directive
from directives.demo import load_demo as load_directives_demo
from directives.models import Delivery
from territory.models import AdminUnit, Level, Organisation

from . import actions
from .channels import load_channels
from .models import Activity, Channel

DISTRICT = "663"  # huyện Đắk Mil


@transaction.atomic
def load_demo(province: AdminUnit) -> str:
    directives_summary = load_directives_demo(province)
    directive = demo_directive(province)
    assert directive is not None
    if Activity.objects.filter(directive=directive).exists():
        return f"{directives_summary}\nOutreach: the demo activities are already loaded."
    load_channels()
    author = _author()
    items = {item.number: item for item in directive.items.all()}
    channels = {c.code: c for c in Channel.objects.select_related("measure")}
    scheme = province.scheme
    district = AdminUnit.objects.get(scheme=scheme, code=DISTRICT)
    communes = list(AdminUnit.objects.filter(parent=district).order_by("code")[:3])
    villages = {c.pk: list(AdminUnit.objects.filter(parent=c, level=Level.VILLAGE).order_by("code")) for c in communes}
    day0 = directive.issued_on
    assert day0 is not None
    plan: list[tuple[str, int, str, int, int, list[AdminUnit], str, str]] = [
        ("67-bao-dak-nong", 1, "bao-in", 2, 1, [], "", "Tin, bài về chỉ đạo phòng, chống dịch của Tỉnh ủy"),
        ("67-bao-dak-nong", 4, "bao-in", 1, 3, [], "", "Phóng sự về tự đánh giá an toàn tại chợ Gia Nghĩa"),
        ("67-bao-dak-nong", 7, "trang-tin-mang-xa-hoi", 5, 4, [], "", "Tin trên trang điện tử và fanpage"),
        ("67-dai-ptth", 1, "phat-thanh-truyen-hinh", 30, 2, [], "", "Chuyên mục phòng, chống dịch"),
        ("67-dai-ptth", 6, "phat-thanh-truyen-hinh", 15, 9, [], "", "Bầu cử an toàn trong điều kiện có dịch"),
    ]
    centre = f"trung-tam-vhtt-tt-{scheme}-{DISTRICT}"
    for index, commune in enumerate(communes[:2]):
        plan.append(
            (centre, 7, "xe-loa", 3, 2 + index, villages[commune.pk][:4], "", f"Xe loa lưu động {commune.name}")
        )
        plan.append((centre, 2, "truyen-thanh-co-so", 6, 5 + index, [commune], "uu-tien", "Phát thông báo trên loa"))
    if communes:
        first = communes[0]
        plan.append((f"ubnd-{scheme}-{first.code}", 7, "bang-ron", 6, 6, villages[first.pk][:2], "", "Treo băng rôn"))
    count = 0
    for code, item, channel, quantity, offset, units, priority, title in plan:
        organisation = Organisation.objects.select_related("unit").filter(code=code).first()
        if organisation is None or not directive.deliveries.filter(organisation=organisation).exists():
            continue
        actions.report_activity(
            actions.ActivityData(
                directive=directive,
                content_item=items[item],
                channel=channels[channel],
                quantity=quantity,
                occurred_on=day0 + timedelta(days=offset),
                organisation=organisation,
                units=units,
                priority=priority,
                title=title,
            ),
            by=author,
        )
        count += 1
    # Reports carry the day they were made in 2021, not the day the demo was loaded.
    spans = (
        Activity.objects.filter(directive=directive)
        .values("organisation")
        .annotate(a=Min("occurred_on"), b=Max("occurred_on"))
    )
    for span in spans:
        first_day: date = span["a"]
        last_day: date = span["b"]
        Delivery.objects.filter(directive=directive, organisation=span["organisation"]).update(
            first_reported_at=_moment(first_day, 17), last_reported_at=_moment(last_day, 17)
        )
    return f"{directives_summary}\nOutreach: {count} activities reported on {directive.reference}."

"""The weekly report to the People's Committee: its period, the snapshot of the situation's
figures it keeps when issued, and those figures in sections and tables, in the words of the
document (Vietnamese whatever the reader's language: it is the official text, not the interface).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.periods import Period
from territory.models import AdminUnit

from .queries import as_json, figures

SYMBOL = "BC-BCĐ"
LONGEST_DAYS = 7
STATE_WORDS = {"safe": "An toàn", "at_risk": "Có rủi ro", "unsafe": "Không an toàn", "not_assessed": "Chưa đánh giá"}


def last_week(today: date | None = None) -> Period:
    """Monday to Sunday of the last week that has ended (in the project's time zone)."""
    today = today or timezone.localdate()
    end = today - timedelta(days=today.weekday() + 1)
    start = end - timedelta(days=6)
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def check_period(start: date | None, end: date | None, today: date) -> Period:
    """The period of a weekly report, or ValidationError saying what is wrong with it."""
    if start is None or end is None:
        raise ValidationError({"period": _("Give the first and the last day of the period.")})
    if end < start:
        raise ValidationError({"period": _("The period ends before it starts.")})
    if end > today:
        raise ValidationError(
            {"period": _("A report covers days already over: the period ends by %(today)s.") % {"today": dmy(today)}}
        )
    if (end - start).days + 1 > LONGEST_DAYS:
        raise ValidationError({"period": _("A weekly report covers at most %(days)d days.") % {"days": LONGEST_DAYS}})
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def snapshot(unit: AdminUnit, period: Period, now: datetime | None = None) -> dict[str, Any]:
    """The figures of the unit for the period as plain JSON (what the issued report keeps)."""
    now = now or timezone.now()
    found = as_json(figures(unit, now, period))
    parent = unit.parent
    found["unit"] = {
        "code": unit.code,
        "scheme": unit.scheme,
        "name": unit.name,
        "short_name": unit.short_name,
        "level": unit.level,
        "running_name": unit.running_name,
        "parent_running_name": parent.running_name if parent else "",
    }
    found["as_of"] = timezone.localtime(now)
    return json.loads(json.dumps(found, cls=DjangoJSONEncoder))


def as_day(value: str) -> date:
    return date.fromisoformat(value)


def number(value: Any) -> str:
    """1234567 → "1.234.567"; 12.5 → "12,5"; nothing → "—"."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def money(value: Any) -> str:
    return f"{number(value or 0)}\u00a0đ"


def percent(value: Any) -> str:
    return "—" if value is None else f"{number(value)}%"


@dataclass
class Line:
    label: str
    value: Any
    kind: str = "number"  # number, percent or money

    @property
    def text(self) -> str:
        return {"number": number, "percent": percent, "money": money}[self.kind](self.value)


@dataclass
class Section:
    title: str
    lines: list[Line]


@dataclass
class UnitTable:
    title: str
    sheet: str  # the XLSX sheet's name (at most 31 characters)
    header: list[str]
    rows: list[list[Any]]  # the unit's name, then numbers (None for "no figure")
    kinds: list[str]  # per number column: number or percent
    widths: list[float]

    @property
    def text_rows(self) -> list[list[str]]:
        return [
            [row[0], *(cell_text(value, kind) for value, kind in zip(row[1:], self.kinds, strict=True))]
            for row in self.rows
        ]


def title_line(figures_: dict[str, Any]) -> str:
    start, end = as_day(figures_["period"]["start"]), as_day(figures_["period"]["end"])
    return f"Tình hình phòng, chống dịch COVID-19 tuần từ {dmy(start)} đến {dmy(end)}"


def sections(found: dict[str, Any]) -> list[Section]:
    places, inspections, screening = found["places"], found["inspections"], found["screening"]
    violations, outreach, reports = found["violations"], found["outreach"], found["reports"]
    total = places["total"]
    safe = places["by_state"].get("safe", 0)
    result = [
        Section(
            "1. Tự đánh giá an toàn COVID-19 của cơ sở",
            [Line("Tổng số cơ sở đang hoạt động", total)]
            + [Line(f"Cơ sở {word.lower()}", places["by_state"].get(state, 0)) for state, word in STATE_WORDS.items()]
            + [
                Line("Tỷ lệ cơ sở an toàn", round(100 * safe / total, 1) if total else None, "percent"),
                Line("Cơ sở quá hạn tự đánh giá", places["overdue"]),
                Line("Cơ sở chưa tự đánh giá lần nào", places["never_assessed"]),
            ],
        ),
        Section(
            "2. Kiểm tra, giám sát",
            [
                Line("Số cuộc kiểm tra đã thực hiện trong kỳ", inspections["done"]),
                Line("Số cuộc kiểm tra theo kế hoạch chưa thực hiện", inspections["planned"]),
                Line("Số việc khắc phục sau kiểm tra quá hạn", inspections["overdue"]),
            ],
        ),
        Section(
            "3. Sàng lọc, rà soát từng hộ gia đình",
            [
                Line("Số đợt rà soát đang triển khai", screening["campaigns"]),
                Line("Số hộ gia đình", screening["households"]),
                Line("Số hộ đã đến rà soát", screening["visited"]),
                Line("Tỷ lệ hộ đã rà soát", screening["coverage"], "percent"),
                Line("Số người được sàng lọc", screening["screened"]),
                Line("Số người chuyển cơ sở y tế", screening["referred"]),
            ],
        ),
        Section(
            "4. Xử lý vi phạm",
            [
                Line("Số vụ vi phạm đã ra quyết định xử phạt trong kỳ", violations["decided"]),
                Line("Tổng số tiền phạt", violations["fines"], "money"),
                Line("Số vụ vi phạm đã công khai (lũy kế)", violations["published"]),
            ],
        ),
        Section(
            "5. Cấp độ dịch và vùng áp dụng biện pháp",
            [Line(f"Số đơn vị ở cấp độ “{row['name']}”", row["units"]) for row in found["levels"]]
            + [Line("Số vùng cách ly, giãn cách đang áp dụng", found["zones_in_force"])],
        ),
        Section(
            "6. Thông tin, tuyên truyền",
            [Line("Số thôn, buôn, bon, tổ dân phố", outreach["villages"])]
            + [
                Line(f"Đã được tuyên truyền trong {window['days']} ngày qua", window["reached"])
                for window in outreach["windows"]
            ]
            + [
                Line(f"Tỷ lệ được tuyên truyền trong {window['days']} ngày qua", window["share"], "percent")
                for window in outreach["windows"]
            ]
            + [Line("Chưa từng được tuyên truyền", outreach["never"])],
        ),
        Section(
            "7. Phản ánh, kiến nghị của người dân",
            [
                Line("Số phản ánh nhận được trong kỳ", reports["received"]),
                Line("Đã trả lời", reports["answered"]),
                Line("Đang xử lý", reports["open"]),
                Line("Quá hạn trả lời", reports["overdue"]),
                Line("Chuyển lên cấp này do quá hạn", reports["escalated"]),
            ],
        ),
    ]
    return result


def unit_tables(found: dict[str, Any]) -> list[UnitTable]:
    children = found["children"]
    if not children:
        return []
    windows = [str(window["days"]) for window in found["outreach"]["windows"]]
    return [
        UnitTable(
            "Cơ sở và kiểm tra theo đơn vị",
            "Cơ sở và kiểm tra",
            ["Đơn vị", "Số cơ sở", "Tỷ lệ an toàn (%)", "Quá hạn tự đánh giá", "Kiểm tra đã thực hiện", "Kế hoạch"],
            [
                [
                    row["unit"]["name"],
                    row["places"],
                    row.get("safe_share"),
                    row["overdue"],
                    row["inspections_done"],
                    row["inspections_planned"],
                ]
                for row in children
            ],
            ["number", "percent", "number", "number", "number"],
            [0.3, 0.12, 0.14, 0.16, 0.16, 0.12],
        ),
        UnitTable(
            "Tuyên truyền đến thôn, buôn, bon, tổ dân phố theo đơn vị",
            "Tuyên truyền",
            ["Đơn vị", "Số thôn", *(f"Tuyên truyền trong {days} ngày (%)" for days in windows)],
            [
                [row["unit"]["name"], row["villages"], *(row["reached"].get(days) for days in windows)]
                for row in children
            ],
            ["number", *("percent" for _days in windows)],
            [0.34, 0.15, *(0.51 / len(windows) for _days in windows)],
        ),
    ]


def cell_text(value: Any, kind: str) -> str:
    return percent(value) if kind == "percent" else number(value)

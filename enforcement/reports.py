"""The report of a jurisdiction over a period: inspections done and planned by level,
violations by type and by unit one level down, fines, officials among the violators — a handful
of grouped queries — and the same as an Excel workbook."""

from dataclasses import dataclass, field
from typing import IO, Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from inspections.coverage import child_segment, done_in, planned_in
from inspections.models import Inspection, TargetKind
from inspections.periods import Period
from lib.sheets import sheet_row, text_cell
from territory.models import LEVEL_ORDER, AdminUnit, Level

from .models import Violation, ViolationStatus, ViolationType

COUNTED = (ViolationStatus.DECIDED, ViolationStatus.PUBLISHED)
EXPORT_LIMIT = 200_000


@dataclass
class Tally:
    count: int = 0
    fines: int = 0
    officials: int = 0


@dataclass
class Report:
    unit: AdminUnit
    period: Period
    inspections: list[tuple[str, str, int, int]] = field(default_factory=list)  # level, label, done, planned
    by_type: list[tuple[ViolationType, Tally]] = field(default_factory=list)
    by_unit: list[tuple[AdminUnit | None, Tally]] = field(default_factory=list)
    total: Tally = field(default_factory=Tally)
    drafts: int = 0
    withdrawn: int = 0

    @property
    def inspections_done(self) -> int:
        return sum(done for _level, _label, done, _planned in self.inspections)

    @property
    def inspections_planned(self) -> int:
        return sum(planned for _level, _label, _done, planned in self.inspections)


def level_label(level: str) -> str:
    if level == TargetKind.PLACE:
        return str(TargetKind.PLACE.label)
    return str(Level(level).label)


def decided_in(period: Period) -> Q:
    return Q(status__in=COUNTED, decision_date__gte=period.start, decision_date__lte=period.end)


def build(unit: AdminUnit, period: Period) -> Report:
    """Inspections by level from two grouped queries (done, planned), violations by type and unit
    from one (grouped by both, folded here), and the drafts and withdrawals from one more."""
    report = Report(unit, period)
    under = Inspection.objects.filter(target_path__under=unit.path)
    by_level = under.values("target_level").annotate(n=Count("pk")).order_by()
    done = {row["target_level"]: row["n"] for row in by_level.filter(done_in(period))}
    planned = {row["target_level"]: row["n"] for row in by_level.filter(planned_in(period))}
    order = [str(level) for level in LEVEL_ORDER[unit.depth + 1 :]] + [TargetKind.PLACE.value]
    report.inspections = [(level, level_label(level), done.get(level, 0), planned.get(level, 0)) for level in order]

    violations = Violation.objects.filter(unit_path__under=unit.path)
    rows = (
        violations.filter(decided_in(period))
        .annotate(segment=child_segment("unit_path", unit))
        .values("segment", "type")
        .annotate(count=Count("pk"), fines=Sum("fine_amount"), officials=Count("pk", filter=Q(is_official=True)))
        .order_by()
    )
    by_type: dict[int, Tally] = {}
    by_segment: dict[str, Tally] = {}
    for row in rows:
        tallies = (
            by_type.setdefault(row["type"], Tally()),
            by_segment.setdefault(row["segment"], Tally()),
            report.total,
        )
        for tally in tallies:
            tally.count += row["count"]
            tally.fines += row["fines"] or 0
            tally.officials += row["officials"]
    kinds = ViolationType.objects.all()
    report.by_type = [(kind, by_type.get(kind.pk, Tally())) for kind in kinds if kind.is_active or kind.pk in by_type]
    report.by_unit = [(child, by_segment.get(child.code, Tally())) for child in unit.children.order_by("code")]
    if "" in by_segment:
        report.by_unit.append((None, by_segment[""]))
    others = violations.aggregate(
        drafts=Count(
            "pk", filter=Q(status=ViolationStatus.DRAFT, occurred_on__gte=period.start, occurred_on__lte=period.end)
        ),
        withdrawn=Count(
            "pk",
            filter=Q(
                status=ViolationStatus.WITHDRAWN,
                withdrawn_at__date__gte=period.start,
                withdrawn_at__date__lte=period.end,
            ),
        ),
    )
    report.drafts, report.withdrawn = others["drafts"], others["withdrawn"]
    return report


def write_workbook(handle: IO[bytes], report: Report) -> None:
    """Summary, inspections by level, violations by type and by unit, and every violation counted."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)

    def text(sheet: Any, value: str) -> WriteOnlyCell:
        return text_cell(sheet, value)  # names typed by people stay text, never a formula

    summary = workbook.create_sheet(_("Summary"))
    summary.append(sheet_row([_("Unit"), report.unit.name]))
    summary.append([_("Period"), f"{report.period.start:%d/%m/%Y} – {report.period.end:%d/%m/%Y}"])
    summary.append([_("Inspections done"), report.inspections_done])
    summary.append([_("Inspections planned"), report.inspections_planned])
    summary.append([_("Violations decided"), report.total.count])
    summary.append([_("Fines (VND)"), report.total.fines])
    summary.append([_("State officials among violators"), report.total.officials])
    summary.append([_("Drafts waiting for a decision"), report.drafts])
    summary.append([_("Withdrawn"), report.withdrawn])

    levels = workbook.create_sheet(_("Inspections"))
    levels.append([_("Level inspected"), _("Done"), _("Planned")])
    for _level, label, done, planned in report.inspections:
        levels.append([label, done, planned])

    types = workbook.create_sheet(_("By type"))
    types.append([_("Violation type"), _("Legal basis"), _("Violations"), _("Fines (VND)"), _("Officials")])
    for kind, tally in report.by_type:
        types.append(sheet_row([kind.name, kind.legal_basis, tally.count, tally.fines, tally.officials]))

    units = workbook.create_sheet(_("By unit"))
    units.append([_("Unit"), _("Violations"), _("Fines (VND)"), _("Officials")])
    for child, tally in report.by_unit:
        units.append(sheet_row([child.name if child else report.unit.name, tally.count, tally.fines, tally.officials]))

    listing = workbook.create_sheet(_("Violations"))
    listing.append(
        [
            _("Name"),
            _("State official"),
            _("Position"),
            _("Agency"),
            _("Violation type"),
            _("Act"),
            _("Unit"),
            _("Date"),
            _("Decision number"),
            _("Decision date"),
            _("Fine (VND)"),
            _("Status"),
        ]
    )
    statuses = dict(ViolationStatus.choices)
    rows = (
        Violation.objects.filter(decided_in(report.period), unit_path__under=report.unit.path)
        .order_by("decision_date", "pk")
        .values_list(
            "offender_name",
            "is_official",
            "position",
            "agency",
            "type__name",
            "act",
            "unit__name",
            "occurred_on",
            "decision_number",
            "decision_date",
            "fine_amount",
            "status",
        )[:EXPORT_LIMIT]
    )
    for (
        name,
        official,
        position,
        agency,
        kind_name,
        act,
        unit_name,
        occurred,
        number,
        decided,
        fine,
        status,
    ) in rows.iterator(chunk_size=2000):
        listing.append(
            sheet_row(
                [
                    text(listing, name),
                    _("yes") if official else _("no"),
                    text(listing, position),
                    text(listing, agency),
                    kind_name,
                    text(listing, act),
                    unit_name,
                    occurred,
                    text(listing, number),
                    decided,
                    fine,
                    str(statuses.get(status, status)),
                ]
            )
        )
    workbook.save(handle)

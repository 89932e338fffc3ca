"""Checking case counts and populations, one by one or a file (CSV or XLSX) row by row."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from lib.tabular import CheckedFile, TableError, quote, table
from territory.models import AdminUnit, Level

FIRST_DAY = date(2019, 12, 1)  # no COVID-19 case was counted before
MAX_CASES_WITHOUT_POPULATION = 100_000  # a day's cases in one unit whose population is not known
MAX_POPULATION = {
    Level.VILLAGE: 100_000,
    Level.COMMUNE: 1_000_000,
    Level.DISTRICT: 5_000_000,
    Level.PROVINCE: 20_000_000,
}
CASE_LEVELS = (Level.COMMUNE, Level.VILLAGE)
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%d/%m/%y")

CASE_COLUMNS = {
    "unit_code": ("Mã đơn vị", "unit_code", "Mã xã, thôn", "Mã xã", "code"),
    "date": ("Ngày", "date"),
    "cases": ("Số ca", "cases", "Số ca mắc"),
    "untraced_cases": ("Chưa rõ nguồn lây", "untraced_cases", "Số ca chưa rõ nguồn lây"),
    "linked_cases": (
        "Liên quan KCN, trường học, siêu thị",
        "linked_cases",
        "Số ca liên quan khu công nghiệp, trường học, siêu thị",
    ),
}
CASE_REQUIRED = {"unit_code", "date", "cases"}
POPULATION_COLUMNS = {"unit_code": ("Mã đơn vị", "unit_code", "code"), "population": ("Dân số", "population")}


@dataclass
class CaseRow:
    row: int
    unit: AdminUnit
    date: date
    cases: int
    untraced_cases: int
    linked_cases: int


@dataclass
class PopulationRow:
    row: int
    unit: AdminUnit
    population: int


def populations(units: list[AdminUnit]) -> dict[int, int | None]:
    """Each unit's population: its own, or else the sum over its villages that have one."""
    ids = [u.pk for u in units if u.population is None and u.level == Level.COMMUNE]
    sums = {
        row["parent_id"]: row["total"]
        for row in AdminUnit.objects.filter(parent_id__in=ids, level=Level.VILLAGE)
        .values("parent_id")
        .annotate(total=Sum("population"), known=Count("population"))
        .filter(known__gt=0)
    }
    return {u.pk: u.population if u.population is not None else sums.get(u.pk) for u in units}  # type: ignore[misc]


def case_problems(
    unit: AdminUnit, day: Any, cases: Any, untraced: Any, linked: Any, population: int | None
) -> dict[str, str]:
    """What is wrong with one day's count, by field; empty when it may be recorded."""
    errors: dict[str, str] = {}
    if unit.level not in CASE_LEVELS:
        errors["unit"] = _("Cases are counted per commune or village, not per %(level)s.") % {
            "level": unit.get_level_display()
        }
    if not isinstance(day, date):
        errors["date"] = _("Enter a date.")
    elif day > timezone.localdate():
        errors["date"] = _("The date is in the future.")
    elif day < FIRST_DAY:
        errors["date"] = _("The date is before the first COVID-19 cases (1/12/2019).")
    for name, value in (("cases", cases), ("untraced_cases", untraced), ("linked_cases", linked)):
        if not isinstance(value, int) or isinstance(value, bool):
            errors[name] = _("Enter a whole number.")
        elif value < 0:
            errors[name] = _("A number of cases cannot be negative.")
    if "cases" in errors:
        return errors
    limit = population if population is not None else MAX_CASES_WITHOUT_POPULATION
    if cases > limit:
        errors["cases"] = (
            _("%(cases)s cases is more than the population of %(unit)s (%(population)s).")
            % {"cases": cases, "unit": unit.name, "population": f"{population:,}".replace(",", ".")}
            if population is not None
            else _("%(cases)s cases in one day is not plausible for one unit.") % {"cases": cases}
        )
    if "untraced_cases" not in errors and untraced > cases:
        errors["untraced_cases"] = _("Cases of untraced source cannot be more than the cases.")
    if "linked_cases" not in errors and linked > cases:
        errors["linked_cases"] = _("Linked cases cannot be more than the cases.")
    return errors


def population_problem(unit: AdminUnit, population: Any) -> str:
    if not isinstance(population, int) or isinstance(population, bool):
        return _("Enter a whole number.")
    limit = MAX_POPULATION[Level(unit.level)]
    if not 0 <= population <= limit:
        return _("The population of a %(level)s is between 0 and %(max)s.") % {
            "level": unit.get_level_display().lower(),
            "max": f"{limit:,}".replace(",", "."),
        }
    return ""


def parse_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse_whole(text: str, default: int | None = None) -> int | str | None:
    """A whole number from a cell ("1.250" and "1,250" are 1250); the text itself when it is not one."""
    cleaned = text.strip().replace(".", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return default
    try:
        return int(cleaned)
    except ValueError:
        return text


def _units_by_code(scheme: str, codes: set[str]) -> dict[str, AdminUnit]:
    return {u.code: u for u in AdminUnit.objects.filter(scheme=scheme, code__in=codes)}


def _read(handle: IO[bytes], filename: str, columns: dict[str, tuple[str, ...]], required: set[str]) -> Any:
    found, rows = table(handle, filename, columns, required)
    read = []
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        read.append((number, {key: cells[i] if i < len(cells) else "" for key, i in found.items()}))
    if not read:
        raise TableError(_("The file has no rows under its header."))
    return read


def _unit_problem(user: AnyUser, unit: AdminUnit | None, code: str) -> str:
    if not code:
        return _("the unit code is missing")
    if unit is None:
        return _("no unit has code %(code)s") % {"code": quote(code)}
    if not jurisdiction.can_change_unit(user, unit):
        return _("%(unit)s is outside your jurisdiction") % {"unit": unit.name}
    return ""


def check_case_file(handle: IO[bytes], filename: str, scheme: str, user: AnyUser) -> CheckedFile:
    """Every row checked as a single count would be, plus rows repeating a unit and day."""
    result: CheckedFile[CaseRow] = CheckedFile()
    try:
        table = _read(handle, filename, CASE_COLUMNS, CASE_REQUIRED)
    except TableError as exc:
        result.refuse(exc)
        return result
    units = _units_by_code(scheme, {cells["unit_code"].strip() for _n, cells in table})
    people = populations(list(units.values()))
    seen: set[tuple[str, date]] = set()
    for number, cells in table:
        code = cells["unit_code"].strip()
        unit = units.get(code)
        problems = [p for p in (_unit_problem(user, unit, code),) if p]
        day = parse_date(cells["date"]) if cells["date"].strip() else None
        if day is None:
            problems.append(_("the date %(value)s is not a date (dd/mm/yyyy)") % {"value": quote(cells["date"])})
        values = {
            key: parse_whole(cells.get(key, ""), 0 if key != "cases" else None)
            for key in ("cases", "untraced_cases", "linked_cases")
        }
        for value in values.values():
            if value is None:
                problems.append(_("the number of cases is missing"))
            elif isinstance(value, str):
                problems.append(_("%(value)s is not a whole number") % {"value": quote(value)})
        if unit is not None and day is not None and not problems:
            found = case_problems(
                unit, day, values["cases"], values["untraced_cases"], values["linked_cases"], people[unit.pk]
            )
            problems.extend(found.values())
        if unit is not None and day is not None:
            if (code, day) in seen:
                problems.append(_("%(unit)s on %(date)s appears twice") % {"unit": code, "date": f"{day:%d/%m/%Y}"})
            seen.add((code, day))
        if problems:
            result.add_error(number, "; ".join(problems))
        else:
            assert unit is not None and day is not None
            result.rows.append(
                CaseRow(number, unit, day, values["cases"], values["untraced_cases"], values["linked_cases"])  # type: ignore[arg-type]
            )
    return result


def check_population_file(handle: IO[bytes], filename: str, scheme: str, user: AnyUser) -> CheckedFile[PopulationRow]:
    result: CheckedFile[PopulationRow] = CheckedFile()
    try:
        table = _read(handle, filename, POPULATION_COLUMNS, set(POPULATION_COLUMNS))
    except TableError as exc:
        result.refuse(exc)
        return result
    units = _units_by_code(scheme, {cells["unit_code"].strip() for _n, cells in table})
    seen: set[str] = set()
    for number, cells in table:
        code = cells["unit_code"].strip()
        unit = units.get(code)
        problems = [p for p in (_unit_problem(user, unit, code),) if p]
        value = parse_whole(cells["population"])
        if value is None:
            problems.append(_("the population is missing"))
        elif isinstance(value, str):
            problems.append(_("%(value)s is not a whole number") % {"value": quote(value)})
        elif unit is not None:
            problems.extend(p for p in (population_problem(unit, value),) if p)
        if code in seen:
            problems.append(_("unit %(code)s appears twice") % {"code": code})
        seen.add(code)
        if problems:
            result.add_error(number, "; ".join(problems))
        else:
            assert unit is not None and isinstance(value, int)
            result.rows.append(PopulationRow(number, unit, value))
    return result

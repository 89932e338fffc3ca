"""The official criteria sets: their data files, the version in force, and a full set read from
an Excel workbook for import (the format is in docs/criteria-import.md).

Each file in safety/data/criteria/ holds one set: its code (the file's name), title,
legal_basis, status, status_note and validity_days, and the definition of safety/scoring.py.
"""

import copy
import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from lib.sheets import sheet_row
from lib.tabular import RowError, TableError, check_row, check_workbook_zip, limits, match_headers
from lib.text import fold

from . import scoring
from .models import CriteriaSet, CriteriaSetStatus, Establishment

DATA_DIR = Path(__file__).parent / "data" / "criteria"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


# Checking a set -----------------------------------------------------------------------------

FIELDS = ("title", "legal_basis", "status", "status_note", "validity_days")
SOURCE_KEY = "source_file"
MAX_VALIDITY_DAYS = 366
ITEM_FLAGS = ("key", "na_allowed", "official_text")


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _is_whole(value: Any, least: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def definition_problems(definition: Any) -> list[str]:
    """Everything that keeps a definition from being scored, in the shape checks first (so the
    engine's own validation never meets a malformed value), then the engine's checks."""
    if not isinstance(definition, dict):
        return [_("The definition must be a JSON object.")]
    problems: list[str] = []
    if definition.get("direction", "safety") not in {"risk", "safety"}:
        problems.append(_("direction must be risk or safety"))
    sections = definition.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
        return [*problems, _("sections must be a list of objects")]
    for section in sections:
        if not _text(section.get("code")) or not isinstance(section.get("title", ""), str):
            problems.append(_("every section needs a code and a title"))
        items = section.get("items", [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(_("section %(code)s: items must be a list of objects") % {"code": section.get("code")})
            continue
        for item in items:
            problems.extend(_item_problems(item))
    problems.extend(_band_problems(definition.get("bands")))
    problems.extend(_rule_problems(definition.get("rules", []), definition.get("bands")))
    if problems:
        return problems
    return scoring.validate_definition(definition)


def _item_problems(item: dict[str, Any]) -> list[str]:
    code = item.get("code")
    if not _text(code):
        return [_("every criterion needs a code")]
    problems: list[str] = []
    where = {"code": code}
    if not _text(item.get("text")):
        problems.append(_("%(code)s: the criterion's text is missing") % where)
    for flag in ITEM_FLAGS:
        if flag in item and not isinstance(item[flag], bool):
            problems.append(_("%(code)s: %(flag)s must be true or false") % {**where, "flag": flag})
    kind = item.get("kind")
    if kind == "choice":
        options = item.get("options")
        if not isinstance(options, list) or not options or not all(isinstance(o, dict) for o in options):
            problems.append(_("%(code)s: a choice needs options") % where)
        else:
            codes = [str(o.get("code", "")) for o in options]
            if any(not c.strip() for c in codes) or len(codes) != len(set(codes)):
                problems.append(_("%(code)s: every option needs its own code") % where)
            if not all(_is_whole(o.get("points")) for o in options):
                problems.append(_("%(code)s: option points must be whole numbers from 0") % where)
    elif kind == "number":
        problems.extend(_number_problems(item))
    elif kind == "score":
        if not _is_whole(item.get("max_points"), 1):
            problems.append(_("%(code)s: a score needs max_points, a whole number from 1") % where)
    elif kind != "pass_fail":
        problems.append(_("%(code)s: unknown kind %(kind)s") % {**where, "kind": kind})
    return problems


def _number_problems(item: dict[str, Any]) -> list[str]:
    where = {"code": item["code"]}
    bands = item.get("bands")
    if not isinstance(bands, list) or not bands or not all(isinstance(b, dict) for b in bands):
        return [_("%(code)s: a number criterion needs bands") % where]
    problems: list[str] = []
    if not all(_is_whole(b.get("points")) for b in bands):
        problems.append(_("%(code)s: band points must be whole numbers from 0") % where)
    thresholds = [b["below"] for b in bands if "below" in b]
    if not all(_is_number(t) for t in thresholds):
        problems.append(_("%(code)s: every 'below' must be a number") % where)
    elif any(b >= a for a, b in zip(thresholds[1:], thresholds, strict=False)) or any(
        "below" not in b for b in bands[:-1]
    ):
        problems.append(_("%(code)s: 'below' thresholds must rise from band to band") % where)
    low, high = item.get("min", 0), item.get("max")
    if not _is_number(low) or (high is not None and (not _is_number(high) or high < low)):
        problems.append(_("%(code)s: min and max must be numbers, min not above max") % where)
    return problems


def _band_problems(bands: Any) -> list[str]:
    if not isinstance(bands, list) or not all(isinstance(b, dict) for b in bands):
        return [_("bands must be a list of objects")]
    problems: list[str] = []
    codes = [b.get("code") for b in bands]
    if not all(_text(c) for c in codes) or len(codes) != len(set(codes)):
        problems.append(_("every band needs its own code"))
    if not all(_text(b.get("label")) for b in bands):
        problems.append(_("every band needs a label"))
    if not all(_is_number(b.get("min")) for b in bands):
        problems.append(_("every band needs a number as its lower bound (min)"))
    if not all(isinstance(b.get("min_inclusive", True), bool) for b in bands):
        problems.append(_("min_inclusive must be true or false"))
    return problems


def _rule_problems(rules: Any, bands: Any) -> list[str]:
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        return [_("rules must be a list of objects")]
    band_codes = {b.get("code") for b in bands} if isinstance(bands, list) else set()
    problems: list[str] = []
    for rule in rules:
        kind = rule.get("kind")
        if kind == "any_item_at_least" and not _is_number(rule.get("value")):
            problems.append(_("rule any_item_at_least needs a number as its value"))
        if kind == "key_items_failed":
            items = rule.get("items")
            if not isinstance(items, list) or not items or not all(_text(i) for i in items):
                problems.append(_("rule key_items_failed needs the codes of its key criteria"))
        when = rule.get("when_bands", [])
        if not isinstance(when, list) or any(code not in band_codes for code in when):
            problems.append(_("rule %(kind)s: when_bands must list codes of bands") % {"kind": kind})
        if not isinstance(rule.get("message", ""), str):
            problems.append(_("rule %(kind)s: the message must be text") % {"kind": kind})
    return problems


def field_problems(fields: dict[str, Any]) -> dict[str, str]:
    """Per-field messages for the descriptive fields of a version."""
    errors: dict[str, str] = {}
    unknown = set(fields) - set(FIELDS)
    if unknown:
        errors["__all__"] = _("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))}
    for name in ("title", "legal_basis"):
        value = fields.get(name)
        if not isinstance(value, str) or not value.strip():
            errors[name] = _("This field is required.")
        elif len(value) > 300:
            errors[name] = _("At most 300 characters.")
    if fields.get("status") not in CriteriaSetStatus.values:
        errors["status"] = _("Choose complete or partial.")
    if not isinstance(fields.get("status_note", ""), str):
        errors["status_note"] = _("The note must be text.")
    if not _is_whole(fields.get("validity_days"), 1) or fields["validity_days"] > MAX_VALIDITY_DAYS:
        errors["validity_days"] = _("A whole number of days from 1 to %(max)s.") % {"max": MAX_VALIDITY_DAYS}
    return errors


def check_criteria_set(fields: dict[str, Any], definition: Any) -> None:
    """ValidationError with a message per field (the definition's problems listed in full)."""
    errors: dict[str, Any] = dict(field_problems(fields))
    problems = definition_problems(definition)
    if problems:
        errors["definition"] = problems
    if errors:
        raise ValidationError(errors)


# Data files ---------------------------------------------------------------------------------


@dataclass
class SetFile:
    code: str
    fields: dict[str, Any]
    definition: dict[str, Any]


def read_set_file(path: Path) -> SetFile:
    """One data file, checked; ValidationError naming the file otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ValidationError(f"{path.name}: the file must hold one JSON object")
    if data.get("code") != path.stem:
        raise ValidationError(f"{path.name}: code must be the file's name, {path.stem}")
    fields = {name: data.get(name, "" if name == "status_note" else None) for name in FIELDS}
    definition = {k: v for k, v in data.items() if k != "code" and k not in FIELDS and not k.startswith("_")}
    definition[SOURCE_KEY] = path.name
    try:
        check_criteria_set(fields, definition)
    except ValidationError as exc:
        raise ValidationError([f"{path.name}: {message}" for message in exc.messages]) from exc
    return SetFile(path.stem, fields, definition)


# The version in force -----------------------------------------------------------------------


def current_set(code: str) -> CriteriaSet:
    """The current version of the set, or a clear 404."""
    found = CriteriaSet.objects.filter(code=code, is_current=True).first()
    if found is None:
        raise Http404(_("No criteria set with code %(code)s.") % {"code": code})
    return found


def set_version(code: str, version: int | None = None) -> CriteriaSet:
    """A given version of the set (the current one by default), or a clear 404."""
    if version is None:
        return current_set(code)
    found = CriteriaSet.objects.filter(code=code, version=version).first()
    if found is None:
        current_set(code)  # an unknown set says so rather than "no such version"
        raise Http404(_("The criteria set %(code)s has no version %(version)s.") % {"code": code, "version": version})
    return found


# A version never changes once stored (editing makes a new one), so a process keeps the versions
# it has read, definition parsed, and every submission after the first reads none. Only which
# version is current changes: that is asked of the database each time (CURRENT_SET).
_versions: dict[int, CriteriaSet] = {}

# Annotates places with the primary key of their type's current set (CURRENT_SET_KEY).
CURRENT_SET_KEY = "current_set_pk"
CURRENT_SET = Subquery(
    CriteriaSet.objects.filter(code=OuterRef("type__criteria_set_code"), is_current=True).values("pk")[:1]
)


def version(pk: int) -> CriteriaSet:
    found = _versions.get(pk)
    if found is None:
        found = _versions[pk] = CriteriaSet.objects.get(pk=pk)
    return found


def forget_versions(**kwargs: Any) -> None:
    """A set was written or deleted in this process (a test's rolled-back data reuses numbers)."""
    _versions.clear()


def current_set_for(establishment: Establishment) -> CriteriaSet | None:
    """The current version of the set the place's type uses, if the type has one and it is loaded."""
    code = establishment.type.criteria_set_code
    if not code:
        return None
    if CURRENT_SET_KEY in establishment.__dict__:
        pk = establishment.__dict__[CURRENT_SET_KEY]
        return version(pk) if pk is not None else None
    return CriteriaSet.objects.filter(code=code, is_current=True).first()


def set_for_place(establishment: Establishment) -> CriteriaSet:
    """The current version of the set the place's type uses, or a clear 404."""
    found = current_set_for(establishment)
    if found is not None:
        return found
    code = establishment.type.criteria_set_code
    if not code:
        raise Http404(_("The type of place %(type)s has no criteria set yet.") % {"type": establishment.type.name})
    raise Http404(_("No criteria set with code %(code)s.") % {"code": code})


# Import from Excel --------------------------------------------------------------------------

ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    "section_code": ("Mã phần", "section_code", "section code"),
    "section_title": ("Tên phần", "section_title", "section title"),
    "item_code": ("Mã tiêu chí", "item_code", "item code"),
    "item_text": ("Nội dung tiêu chí", "item_text", "item text"),
    "kind": ("Loại", "kind"),
    "option_code": ("Mã lựa chọn", "option_code", "option code"),
    "option_label": ("Nội dung lựa chọn", "option_label", "option label"),
    "points": ("Điểm", "points"),
    "max_points": ("Điểm tối đa", "max_points", "max points"),
    "below": ("Dưới", "below"),
    "min": ("Giá trị nhỏ nhất", "min"),
    "max": ("Giá trị lớn nhất", "max"),
    "key": ("Then chốt", "key"),
    "na_allowed": ("Cho phép không áp dụng", "na_allowed", "N/A"),
    "official_text": ("Nguyên văn chính thức", "official_text", "official text"),
    "note": ("Ghi chú", "note"),
}
ITEM_REQUIRED = {"section_code", "item_code", "item_text", "kind"}

BAND_COLUMNS: dict[str, tuple[str, ...]] = {
    "row_type": ("Loại dòng", "row_type", "row type"),
    "code": ("Mã", "code"),
    "label": ("Tên", "label"),
    "min": ("Từ", "min"),
    "min_inclusive": ("Tính cả ngưỡng", "min_inclusive"),
    "state": ("Trạng thái", "state"),
    "value": ("Giá trị", "value"),
    "when_bands": ("Khi ở mức", "when_bands"),
    "band": ("Chuyển về mức", "band", "to_band"),
    "items": ("Tiêu chí", "items"),
    "message": ("Thông báo", "message"),
}
BAND_REQUIRED = {"row_type", "code"}

# Accepted spellings of each value; the first is what a template writes.
KINDS = {
    "choice": ("Lựa chọn", "choice"),
    "number": ("Số", "number"),
    "pass_fail": ("Đạt/Không đạt", "pass_fail", "Đạt không đạt"),
    "score": ("Chấm điểm", "score"),
}
STATES = {
    "safe": ("An toàn", "safe"),
    "at_risk": ("Có rủi ro", "at_risk"),
    "unsafe": ("Không an toàn", "unsafe"),
}
ROW_TYPES = {"setting": ("Cách tính", "setting"), "band": ("Mức", "band"), "rule": ("Quy tắc", "rule")}
RULE_KINDS = ("any_item_at_least", "any_item_zero", "key_items_failed")
SETTINGS = {"basis": ("percent", "points", "passed"), "direction": ("risk", "safety")}
YES = ("Có", "x", "yes", "true", "1")
GUIDE_TITLE = "Hướng dẫn"
GUIDE_TITLES = {fold(GUIDE_TITLE), "guide"}
NO = ("Không", "no", "false", "0")


def _lookup(table: Mapping[str, tuple[str, ...]], value: str) -> str | None:
    folded = fold(value)
    return next((code for code, names in table.items() if folded in {fold(n) for n in names}), None)


@dataclass
class CriteriaWorkbook:
    """A checked workbook: the definition it gives, or every problem with its sheet and row."""

    definition: dict[str, Any] | None = None
    errors: list[RowError] = field(default_factory=list)
    item_count: int = 0
    replaces_bands: bool = False


class _Row:
    def __init__(self, number: int, cells: list[Any], columns: dict[str, int]) -> None:
        self.number, self.cells, self.columns = number, cells, columns
        self.problems: list[str] = []

    def raw(self, key: str) -> Any:
        index = self.columns.get(key)
        value = self.cells[index] if index is not None and index < len(self.cells) else None
        return value.strip() if isinstance(value, str) else value

    def text(self, key: str) -> str:
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def numeric(self, key: str, label: str, *, whole: bool = False, least: float | None = None) -> int | float | None:
        """The cell as a number (None when empty); a problem is noted when it is not one."""
        value = self.raw(key)
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                value = None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problems.append(_("%(column)s is not a number") % {"column": label})
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if whole and not isinstance(value, int):
            self.problems.append(_("%(column)s must be a whole number") % {"column": label})
            return None
        if least is not None and value < least:
            self.problems.append(_("%(column)s must be at least %(least)s") % {"column": label, "least": least})
            return None
        return value

    def flag(self, key: str, label: str) -> bool | None:
        text = self.text(key)
        if not text:
            return None
        if fold(text) in {fold(v) for v in YES}:
            return True
        if fold(text) in {fold(v) for v in NO}:
            return False
        self.problems.append(_("%(column)s must be “có” or “không”") % {"column": label})
        return None

    def codes(self, key: str) -> list[str]:
        return [part.strip() for part in self.text(key).replace(";", ",").split(",") if part.strip()]


def _read_sheets(handle: IO[bytes]) -> list[tuple[str, list[tuple[int, list[Any]]]]]:
    """The first two worksheets as (title, numbered rows), leaving out the template's guide."""
    from openpyxl import load_workbook

    bounds = limits(rows=MAX_ROWS)
    check_workbook_zip(handle, bounds)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableError(_("The file is not a readable Excel (.xlsx) workbook.")) from exc
    try:
        sheets = []
        read = [sheet for sheet in workbook.worksheets if fold(sheet.title) not in GUIDE_TITLES]
        for sheet in read[:2]:
            rows: list[tuple[int, list[Any]]] = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                check_row(number, ["" if value is None else str(value) for value in row], bounds)
                if any(value not in (None, "") for value in row):
                    rows.append((number, list(row)))
            sheets.append((sheet.title, rows))
        return sheets
    finally:
        workbook.close()


def check_criteria_workbook(handle: IO[bytes], base: CriteriaSet) -> CriteriaWorkbook:
    """Read the criteria (first sheet) and, if given, the bands and rules (second sheet); keep
    the current version's bands and rules otherwise. Nothing is written."""
    result = CriteriaWorkbook()
    try:
        sheets = _read_sheets(handle)
    except TableError as exc:
        result.errors.append(RowError(None, str(exc)))
        return result
    if not sheets:
        result.errors.append(RowError(None, _("The workbook has no sheet of criteria.")))
        return result
    title, rows = sheets[0]
    sections = _read_items(title, rows, result)
    bands = copy.deepcopy(base.definition.get("bands", []))
    rules = copy.deepcopy(base.definition.get("rules", []))
    settings = {
        "basis": base.definition.get("basis", "percent"),
        "direction": base.definition.get("direction", "safety"),
    }
    if len(sheets) > 1 and sheets[1][1]:
        bands, rules = _read_bands(sheets[1][0], sheets[1][1], result, bands, rules, settings)
    if result.errors:
        return result
    items = [item for section in sections for item in section["items"]]
    key_codes = [item["code"] for item in items if item.get("key")]
    for rule in rules:
        if rule["kind"] == "key_items_failed" and key_codes and (not result.replaces_bands or not rule.get("items")):
            rule["items"] = key_codes
    definition = {
        "direction": settings["direction"],
        "basis": settings["basis"],
        "sections": sections,
        "bands": bands,
        "rules": rules,
    }
    for problem in definition_problems(definition):
        result.errors.append(RowError(None, problem))
    if not result.errors:
        result.definition = definition
        result.item_count = len(items)
    return result


def _header(
    rows: list[tuple[int, list[Any]]], columns: dict[str, tuple[str, ...]], required: set[str]
) -> dict[str, int]:
    return match_headers([str(cell or "").strip() for cell in rows[0][1]], columns, required)


def _read_items(title: str, rows: list[tuple[int, list[Any]]], result: CriteriaWorkbook) -> list[dict[str, Any]]:
    if len(rows) < 2:
        result.errors.append(RowError(None, _("The first sheet has no criteria rows under its header."), sheet=title))
        return []
    try:
        columns = _header(rows, ITEM_COLUMNS, ITEM_REQUIRED)
    except TableError as exc:
        result.errors.append(RowError(rows[0][0], str(exc), sheet=title))
        return []
    builder = _ItemBuilder(title, result)
    for number, cells in rows[1:]:
        builder.add(_Row(number, cells, columns))
    builder.finish()
    return builder.sections


class _ItemBuilder:
    """Rows to sections and items: a blank section code continues the section above, a blank
    (or repeated) criterion code continues the criterion above with another option or band."""

    def __init__(self, sheet: str, result: CriteriaWorkbook) -> None:
        self.sheet, self.result = sheet, result
        self.sections: list[dict[str, Any]] = []
        self.section: dict[str, Any] | None = None
        self.item: dict[str, Any] | None = None
        self.item_rows: dict[str, list[int]] = {}
        self.broken: set[str] = set()

    def add(self, row: _Row) -> None:
        self._add(row)
        if row.problems:
            self.result.errors.append(RowError(row.number, "; ".join(row.problems), sheet=self.sheet))
            if self.item is not None:
                self.broken.add(self.item["code"])

    def _add(self, row: _Row) -> None:
        section_code, item_code = row.text("section_code"), row.text("item_code")
        if section_code and (self.section is None or section_code != self.section["code"]):
            if item_code == "" and self.item is not None:
                row.problems.append(_("a row that starts another section needs a criterion code"))
                return
            self._start_section(row, section_code)
        elif self.section is None:
            row.problems.append(_("section code is missing"))
            return
        if item_code and (self.item is None or item_code != self.item["code"]):
            self._start_item(row, item_code)
        elif self.item is None:
            row.problems.append(_("criterion code is missing"))
            return
        else:
            self._continue_item(row)
            return
        if self.item is not None and not row.problems:
            self._add_part(row)

    def _start_section(self, row: _Row, code: str) -> None:
        if any(s["code"] == code for s in self.sections):
            row.problems.append(_("the rows of section %(code)s must be together") % {"code": code})
        title = row.text("section_title")
        if not title:
            row.problems.append(_("section title is missing"))
        self.section = {"code": code, "title": title, "items": []}
        self.sections.append(self.section)
        self.item = None

    def _start_item(self, row: _Row, code: str) -> None:
        assert self.section is not None
        if code in self.item_rows:
            first = self.item_rows[code][0]
            row.problems.append(
                _("criterion %(code)s appears again (first at row %(row)d)") % {"code": code, "row": first}
            )
        if len(code) > 40:
            row.problems.append(_("criterion code is longer than 40 characters"))
        text = row.text("item_text")
        if not text:
            row.problems.append(_("criterion text is missing"))
        elif len(text) > 2000:
            row.problems.append(_("criterion text is longer than 2000 characters"))
        kind = _lookup(KINDS, row.text("kind"))
        if kind is None:
            names = ", ".join(names[0] for names in KINDS.values())
            row.problems.append(
                _("kind %(kind)s is not one of: %(kinds)s") % {"kind": row.text("kind") or "—", "kinds": names}
            )
        item: dict[str, Any] = {"code": code, "text": text, "kind": kind}
        official = row.flag("official_text", ITEM_COLUMNS["official_text"][0])
        item["official_text"] = official is not False
        for flag in ("key", "na_allowed"):
            if row.flag(flag, ITEM_COLUMNS[flag][0]):
                item[flag] = True
        if row.text("note"):
            item["note"] = row.text("note")
        if kind == "score":
            max_points = row.numeric("max_points", ITEM_COLUMNS["max_points"][0], whole=True, least=1)
            if max_points is None and not row.problems:
                row.problems.append(_("a score criterion needs its maximum points"))
            item["max_points"] = max_points
        elif kind == "choice":
            item["options"] = []
        elif kind == "number":
            item["bands"] = []
            for bound in ("min", "max"):
                value = row.numeric(bound, ITEM_COLUMNS[bound][0])
                if value is not None:
                    item[bound] = value
        self.item = item
        self.section["items"].append(item)
        self.item_rows.setdefault(code, []).append(row.number)

    def _continue_item(self, row: _Row) -> None:
        assert self.item is not None
        kind = self.item["kind"]
        if self.item["code"] in self.broken:
            return  # its first row is reported already
        if row.text("kind") and _lookup(KINDS, row.text("kind")) != kind:
            row.problems.append(_("the kind differs from the criterion's first row"))
            return
        if kind not in ("choice", "number"):
            row.problems.append(
                _("criterion %(code)s takes one row; only choices and numbers take more") % {"code": self.item["code"]}
            )
            return
        self.item_rows[self.item["code"]].append(row.number)
        self._add_part(row)

    def _add_part(self, row: _Row) -> None:
        """The option or number band a row gives, according to its criterion's kind."""
        assert self.item is not None
        kind = self.item["kind"]
        points = row.numeric("points", ITEM_COLUMNS["points"][0], whole=True, least=0)
        if kind == "choice":
            code = row.text("option_code")
            if not code:
                row.problems.append(_("option code is missing"))
            elif any(o["code"] == code for o in self.item["options"]):
                row.problems.append(_("option %(code)s appears twice") % {"code": code})
            if points is None and not row.problems:
                row.problems.append(_("option points are missing"))
            if not row.problems:
                self.item["options"].append({"code": code, "label": row.text("option_label") or code, "points": points})
        elif kind == "number":
            below = row.numeric("below", ITEM_COLUMNS["below"][0])
            if points is None and not row.problems:
                row.problems.append(_("band points are missing"))
            previous = self.item["bands"][-1] if self.item["bands"] else None
            if previous is not None and "below" not in previous:
                row.problems.append(_("only the last band may leave “below” empty"))
            elif previous is not None and below is not None and below <= previous["below"]:
                row.problems.append(_("“below” must rise from band to band"))
            if not row.problems:
                band: dict[str, Any] = {"points": points} if below is None else {"below": below, "points": points}
                self.item["bands"].append(band)
        elif any(row.text(key) for key in ("option_code", "points", "below")):
            row.problems.append(_("options, points and “below” are only for choices and numbers"))

    def finish(self) -> None:
        for section in self.sections:
            for item in section["items"]:
                code = item["code"]
                if code in self.broken:
                    continue
                last_row = self.item_rows[code][-1]
                if item["kind"] == "choice" and not item["options"]:
                    self.result.errors.append(RowError(last_row, _("a choice needs options"), sheet=self.sheet))
                if item["kind"] == "number" and (not item["bands"] or "below" in item["bands"][-1]):
                    self.result.errors.append(
                        RowError(last_row, _("the last band of a number must leave “below” empty"), sheet=self.sheet)
                    )


def _read_bands(
    title: str,
    rows: list[tuple[int, list[Any]]],
    result: CriteriaWorkbook,
    bands: list[dict[str, Any]],
    rules: list[dict[str, Any]],
    settings: dict[str, Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Settings, bands and rules from the second sheet; with no band row there, the given ones stay."""
    try:
        columns = _header(rows, BAND_COLUMNS, BAND_REQUIRED)
    except TableError as exc:
        result.errors.append(RowError(rows[0][0], str(exc), sheet=title))
        return bands, rules
    new_bands: list[dict[str, Any]] = []
    new_rules: list[tuple[_Row, dict[str, Any]]] = []
    for number, cells in rows[1:]:
        row = _Row(number, cells, columns)
        row_type = _lookup(ROW_TYPES, row.text("row_type"))
        if row_type == "band":
            band = _band_row(row, new_bands)
            if band is not None:
                new_bands.append(band)
        elif row_type == "rule":
            new_rules.append((row, _rule_row(row)))
        elif row_type == "setting":
            _setting_row(row, settings)
        else:
            names = ", ".join(names[0] for names in ROW_TYPES.values())
            row.problems.append(_("row type must be one of: %(types)s") % {"types": names})
        if row.problems:
            result.errors.append(RowError(row.number, "; ".join(row.problems), sheet=title))
    if not new_bands:
        if new_rules:
            result.errors.append(
                RowError(new_rules[0][0].number, _("give the bands too when giving rules"), sheet=title)
            )
        return bands, rules
    codes = {band["code"] for band in new_bands}
    for row, rule in new_rules:
        unknown = [c for c in [rule.get("band"), *rule.get("when_bands", [])] if c and c not in codes]
        if unknown:
            message = _("no band has code %(code)s") % {"code": ", ".join(unknown)}
            result.errors.append(RowError(row.number, message, sheet=title))
    result.replaces_bands = True
    return new_bands, [rule for _row, rule in new_rules]


def _band_row(row: _Row, earlier: list[dict[str, Any]]) -> dict[str, Any] | None:
    code, label = row.text("code"), row.text("label")
    if not code:
        row.problems.append(_("band code is missing"))
    elif any(b["code"] == code for b in earlier):
        row.problems.append(_("band %(code)s appears twice") % {"code": code})
    if not label:
        row.problems.append(_("band name is missing"))
    low = row.numeric("min", BAND_COLUMNS["min"][0])
    if low is None and not row.problems:
        row.problems.append(_("the band's lower bound is missing"))
    elif low is not None and earlier and low < earlier[-1]["min"]:
        row.problems.append(_("bands must be listed from the lowest bound up"))
    state = _lookup(STATES, row.text("state"))
    if state is None:
        names = ", ".join(names[0] for names in STATES.values())
        row.problems.append(_("state must be one of: %(states)s") % {"states": names})
    inclusive = row.flag("min_inclusive", BAND_COLUMNS["min_inclusive"][0])
    if row.problems:
        return None
    band: dict[str, Any] = {"code": code, "label": label, "min": low, "state": state}
    if inclusive is False:
        band["min_inclusive"] = False
    return band


def _rule_row(row: _Row) -> dict[str, Any]:
    kind = row.text("code")
    if kind not in RULE_KINDS:
        row.problems.append(_("rule must be one of: %(kinds)s") % {"kinds": ", ".join(RULE_KINDS)})
    rule: dict[str, Any] = {"kind": kind, "band": row.text("band")}
    if not rule["band"]:
        row.problems.append(_("the band the rule moves the result to is missing"))
    if kind == "any_item_at_least":
        value = row.numeric("value", BAND_COLUMNS["value"][0])
        if value is None and not row.problems:
            row.problems.append(_("the rule's value is missing"))
        rule["value"] = value
    if row.codes("when_bands"):
        rule["when_bands"] = row.codes("when_bands")
    if kind == "key_items_failed" and row.codes("items"):
        rule["items"] = row.codes("items")
    if row.text("message"):
        rule["message"] = row.text("message")
    return rule


def _setting_row(row: _Row, settings: dict[str, Any]) -> None:
    name, value = row.text("code"), row.text("value")
    if name not in SETTINGS:
        row.problems.append(_("setting must be one of: %(names)s") % {"names": ", ".join(SETTINGS)})
    elif value not in SETTINGS[name]:
        row.problems.append(
            _("%(name)s must be one of: %(values)s") % {"name": name, "values": ", ".join(SETTINGS[name])}
        )
    else:
        settings[name] = value


# The template: the current version as a workbook the importer reads back --------------------


def _yes_no(value: Any) -> str:
    return YES[0] if value else NO[0]


def item_rows(definition: dict[str, Any]) -> Iterable[list[Any]]:
    for section in definition.get("sections", []):
        first_of_section = True
        for item in section.get("items", []):
            head = [
                section["code"],
                section.get("title", "") if first_of_section else "",
                item["code"],
                item["text"],
                KINDS[item["kind"]][0],
            ]
            first_of_section = False
            flags = [
                item.get("min") if item["kind"] == "number" else None,
                item.get("max") if item["kind"] == "number" else None,
                _yes_no(item.get("key")),
                _yes_no(item.get("na_allowed")),
                _yes_no(item.get("official_text", True)),
                item.get("note", ""),
            ]
            if item["kind"] == "choice":
                parts = [[o["code"], o.get("label", ""), o["points"], None, None] for o in item["options"]]
            elif item["kind"] == "number":
                parts = [[None, None, b["points"], None, b.get("below")] for b in item["bands"]]
            elif item["kind"] == "score":
                parts = [[None, None, None, item["max_points"], None]]
            else:
                parts = [[None, None, None, None, None]]
            for index, part in enumerate(parts):
                yield head + part + flags if index == 0 else [section["code"], "", item["code"], "", "", *part]


def band_rows(definition: dict[str, Any]) -> Iterable[list[Any]]:
    setting = ROW_TYPES["setting"][0]
    yield [setting, "basis", None, None, None, None, definition.get("basis", "percent")]
    yield [setting, "direction", None, None, None, None, definition.get("direction", "safety")]
    for band in definition.get("bands", []):
        state = STATES[band["state"]][0]
        yield [
            ROW_TYPES["band"][0],
            band["code"],
            band["label"],
            band["min"],
            _yes_no(band.get("min_inclusive", True)),
            state,
        ]
    for rule in definition.get("rules", []):
        yield [
            ROW_TYPES["rule"][0],
            rule["kind"],
            None,
            None,
            None,
            None,
            rule.get("value"),
            ", ".join(rule.get("when_bands", [])),
            rule["band"],
            ", ".join(rule.get("items", [])),
            rule.get("message", ""),
        ]


def guide_rows() -> list[tuple[str, str]]:
    """What each column means, for the third sheet of the template (not read on import)."""
    c, b = ITEM_COLUMNS, BAND_COLUMNS
    kinds = ", ".join(names[0] for names in KINDS.values())
    return [
        (_("Sheet 1: one row per criterion, or per option or number band"), ""),
        (c["section_code"][0], _("Code of the section (chapter); blank continues the section above.")),
        (c["section_title"][0], _("Title of the section, on its first row.")),
        (
            c["item_code"][0],
            _("Code of the criterion; blank (or the same code) continues it with another option or band."),
        ),
        (c["item_text"][0], _("Text of the criterion, on its first row.")),
        (c["kind"][0], _("One of: %(kinds)s.") % {"kinds": kinds}),
        (c["option_code"][0], _("Choice: the option's code, one row per option.")),
        (c["option_label"][0], _("Choice: the option's text.")),
        (c["points"][0], _("Choice: the option's points. Number: the band's points.")),
        (c["max_points"][0], _("Score: the most points the criterion gives (answers are 0 to this).")),
        (c["below"][0], _("Number: the band applies below this value; the last band leaves it empty.")),
        (c["min"][0], _("Number: the smallest answer accepted (0 when empty).")),
        (c["max"][0], _("Number: the largest answer accepted (no limit when empty).")),
        (c["key"][0], _("“có” for a key criterion: failing it decides the result (key_items_failed rule).")),
        (
            c["na_allowed"][0],
            _("“có” when the criterion may be answered “not applicable”; it then leaves the maximum."),
        ),
        (c["official_text"][0], _("“không” when the text is a summary, not the official wording (“có” when empty).")),
        (c["note"][0], _("A note shown with the criterion.")),
        (_("Sheet 2 (optional): settings, bands and rules"), ""),
        (b["row_type"][0], _("Cách tính (setting), Mức (band) or Quy tắc (rule).")),
        (
            b["code"][0],
            _(
                "Setting: basis or direction. Band: its code. "
                "Rule: any_item_at_least, any_item_zero or key_items_failed."
            ),
        ),
        (b["label"][0], _("Band: the result shown.")),
        (b["min"][0], _("Band: its lower bound (percent, points or criteria passed); list bands from the lowest up.")),
        (b["min_inclusive"][0], _("Band: “không” when a result equal to the bound belongs to the band below.")),
        (
            b["state"][0],
            _("Band: public state, one of: %(states)s.") % {"states": ", ".join(n[0] for n in STATES.values())},
        ),
        (
            b["value"][0],
            _(
                "Setting: percent, points or passed (basis); risk or safety (direction). "
                "Rule any_item_at_least: the threshold."
            ),
        ),
        (b["when_bands"][0], _("Rule: apply only when the result is one of these bands (codes, comma-separated).")),
        (b["band"][0], _("Rule: the band the result moves to.")),
        (b["items"][0], _("Rule key_items_failed: codes of the key criteria (empty: those marked key on sheet 1).")),
        (b["message"][0], _("Rule: the message shown when it applies.")),
        (_("With no band row on sheet 2, the bands and rules of the current version are kept."), ""),
    ]


def criteria_workbook(criteria_set: CriteriaSet) -> bytes:
    """The set as an importable workbook: criteria, then settings, bands and rules, then a guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    criteria = workbook.active
    assert criteria is not None
    criteria.title = "Tiêu chí"
    criteria.append([names[0] for names in ITEM_COLUMNS.values()])
    for row in item_rows(criteria_set.definition):
        criteria.append(sheet_row(row))
    bands = workbook.create_sheet("Mức và quy tắc")
    bands.append([names[0] for names in BAND_COLUMNS.values()])
    for row in band_rows(criteria_set.definition):
        bands.append(sheet_row(row))
    guide = workbook.create_sheet(GUIDE_TITLE)
    for name, meaning in guide_rows():
        guide.append([name, meaning])
    for sheet in (criteria, bands):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

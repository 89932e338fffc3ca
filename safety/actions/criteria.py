"""Criteria sets: every change makes a new version; assessments keep the version they used.

A version loaded from a data file carries the file's name under SOURCE_KEY in its definition,
so a later load can tell the shipped text from an administrator's edit and never overwrite
the latter silently.
"""

from numbers import Real
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from .. import scoring
from ..models import CriteriaSet, CriteriaSetStatus

if TYPE_CHECKING:
    from ..criteria import CriteriaWorkbook

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


def without_source(definition: Any) -> Any:
    if not isinstance(definition, dict):
        return definition  # definition_problems says what is wrong with it
    return {key: value for key, value in definition.items() if key != SOURCE_KEY}


def same_content(criteria_set: CriteriaSet, fields: dict[str, Any], definition: dict[str, Any]) -> bool:
    """Whether a version says the same as these fields and definition (where it came from aside)."""
    return all(getattr(criteria_set, name) == fields[name] for name in FIELDS) and without_source(
        criteria_set.definition
    ) == without_source(definition)


def _add_version(code: str, fields: dict[str, Any], definition: dict[str, Any], by: User | None) -> CriteriaSet:
    """Version n+1 of the set, made current; the versions before stay as they were."""
    versions = list(CriteriaSet.objects.select_for_update().filter(code=code).order_by("-version"))
    for old in versions:
        if old.is_current:
            old.is_current = False
            old.save(update_fields=["is_current"])
    return CriteriaSet.objects.create(
        code=code,
        version=versions[0].version + 1 if versions else 1,
        definition=definition,
        is_current=True,
        created_by=by,
        **fields,
    )


@transaction.atomic
def create_criteria_set(code: str, definition: dict[str, Any], *, by: User | None, **fields: Any) -> CriteriaSet:
    """Version 1 of a set that does not exist yet."""
    fields = {"status": CriteriaSetStatus.PARTIAL, "status_note": "", "validity_days": 7, **fields}
    if not code or len(code) > 60 or not code.replace("-", "").replace("_", "").isalnum() or not code.isascii():
        raise ValidationError({"code": _("A code of letters, digits and dashes, at most 60 characters.")})
    if CriteriaSet.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A criteria set with this code exists: edit it to make a new version.")})
    check_criteria_set(fields, definition)
    return _add_version(code, fields, without_source(definition), by)


@transaction.atomic
def revise_criteria_set(
    criteria_set: CriteriaSet, *, by: User | None, definition: dict[str, Any] | None = None, **fields: Any
) -> CriteriaSet:
    """Make version n+1 of the set, current, from this version with the given changes; the
    versions before (and the assessments scored with them) stay as they were. When nothing
    changes, the current version is returned and nothing is written."""
    merged = {name: getattr(criteria_set, name) for name in FIELDS} | fields
    new_definition = without_source(criteria_set.definition if definition is None else definition)
    check_criteria_set(merged, new_definition)
    current = CriteriaSet.objects.select_for_update().filter(code=criteria_set.code, is_current=True).first()
    if current is not None and same_content(current, merged, new_definition):
        return current
    return _add_version(criteria_set.code, merged, new_definition, by)


@transaction.atomic
def import_criteria_set(
    criteria_set: CriteriaSet,
    checked: "CriteriaWorkbook",
    *,
    by: User | None,
    partial: bool = False,
    status_note: str = "",
) -> CriteriaSet:
    """A new version with the criteria of an imported workbook; a workbook with any bad row
    imports nothing."""
    if checked.errors or checked.definition is None:
        raise ValidationError(
            _("The file has %(count)d problems, so nothing was imported.") % {"count": len(checked.errors)}
        )
    if partial:
        fields = {"status": CriteriaSetStatus.PARTIAL, "status_note": status_note or criteria_set.status_note}
    else:
        fields = {"status": CriteriaSetStatus.COMPLETE, "status_note": status_note}
    return revise_criteria_set(criteria_set, by=by, definition=checked.definition, **fields)


@transaction.atomic
def load_set_file(
    code: str, fields: dict[str, Any], definition: dict[str, Any], *, replace_edited: bool = False
) -> tuple[str, CriteriaSet]:
    """Bring a set in line with its data file: "created" (version 1), "unchanged", "updated"
    (a new version from a changed file), or "kept" when the current version is an
    administrator's edit ("kept_file_changed" when the file has changed since it was loaded)."""
    check_criteria_set(fields, definition)
    versions = list(CriteriaSet.objects.select_for_update().filter(code=code).order_by("-version"))
    if not versions:
        return "created", _add_version(code, fields, definition, None)
    current = next((v for v in versions if v.is_current), versions[0])
    if same_content(current, fields, definition):
        return "unchanged", current
    if SOURCE_KEY not in current.definition and not replace_edited:
        last_loaded = next((v for v in versions if SOURCE_KEY in v.definition), None)
        changed = last_loaded is None or not same_content(last_loaded, fields, definition)
        return ("kept_file_changed" if changed else "kept"), current
    return "updated", _add_version(code, fields, definition, None)

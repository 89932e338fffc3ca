"""Criteria sets: every change makes a new version; assessments keep the version they used.

A version loaded from a data file carries the file's name under SOURCE_KEY in its definition,
so a later load can tell the shipped text from an administrator's edit and never overwrite
the latter silently.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User

from ..criteria import DATA_DIR, FIELDS, SOURCE_KEY, CriteriaWorkbook, SetFile, check_criteria_set, read_set_file
from ..models import CriteriaSet, CriteriaSetStatus


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
    """Version 1 of a set that does not exist yet (by the administrator; None for shipped data)."""
    jurisdiction.require(by is None or jurisdiction.is_administrator(by))
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
    jurisdiction.require(by is None or jurisdiction.is_administrator(by))
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
    checked: CriteriaWorkbook,
    *,
    by: User | None,
    partial: bool = False,
    status_note: str = "",
) -> CriteriaSet:
    """A new version with the criteria of an imported workbook; a workbook with any bad row
    imports nothing."""
    jurisdiction.require(by is None or jurisdiction.is_administrator(by))
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


@dataclass
class Loaded:
    code: str
    outcome: str
    version: int


def load_criteria_sets(directory: Path = DATA_DIR, *, replace_edited: bool = False) -> list[Loaded]:
    """Bring every set in line with its file, all or nothing: a new set gets version 1, a
    changed file a new version (the old ones stay), an unchanged file nothing. A version an
    administrator made since is kept unless `replace_edited`. Safe to run again."""
    sets: list[SetFile] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.json")):
        try:
            sets.append(read_set_file(path))
        except ValidationError as exc:
            problems.extend(exc.messages)
    if problems:
        raise ValidationError(problems)
    loaded: list[Loaded] = []
    with transaction.atomic():
        for entry in sets:
            outcome, version = load_set_file(entry.code, entry.fields, entry.definition, replace_edited=replace_edited)
            loaded.append(Loaded(entry.code, outcome, version.version))
    return loaded

"""Criteria sets, public: what a place is assessed against is public information."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Schema
from pydantic import Field

from lib.routes import Router

from .. import scoring
from ..criteria import set_version
from ..models import CriteriaSet

router = Router(tags=["safety"])


class CriteriaSetSummary(Schema):
    code: str
    version: int
    title: str
    legal_basis: str
    status: str
    status_note: str
    validity_days: int
    usable: bool


class OptionOut(Schema):
    code: str
    label: str
    points: int


class NumberBandOut(Schema):
    below: int | float | None = Field(None, description="the band applies below this value; the last has none")
    points: int


class CriterionOut(Schema):
    code: str
    text: str
    kind: str = Field(description="choice, number, pass_fail or score")
    official_text: bool = Field(description="false when the text is a summary, not the official wording")
    key: bool
    na_allowed: bool
    max_points: int
    note: str
    min: int | float | None
    max: int | float | None
    options: list[OptionOut]
    bands: list[NumberBandOut]


class SectionOut(Schema):
    code: str
    title: str
    items: list[CriterionOut]


class BandOut(Schema):
    code: str
    label: str
    min: int | float
    min_inclusive: bool
    state: str


class RuleOut(Schema):
    kind: str
    band: str
    value: int | float | None
    when_bands: list[str]
    items: list[str]
    message: str


class CriteriaSetOut(CriteriaSetSummary):
    is_current: bool
    created_at: datetime
    direction: str
    basis: str
    versions: list[int]
    sections: list[SectionOut]
    bands: list[BandOut]
    rules: list[RuleOut]


class VersionQuery(Schema):
    version: int | None = Field(None, ge=1, description="an older version; the current one by default")


def _summary(criteria_set: CriteriaSet) -> dict[str, Any]:
    return {
        "code": criteria_set.code,
        "version": criteria_set.version,
        "title": criteria_set.title,
        "legal_basis": criteria_set.legal_basis,
        "status": criteria_set.status,
        "status_note": criteria_set.status_note,
        "validity_days": criteria_set.validity_days,
        "usable": criteria_set.is_usable,
    }


def _item(item: dict[str, Any]) -> dict[str, Any]:
    is_number = item["kind"] == "number"
    return {
        "code": item["code"],
        "text": item["text"],
        "kind": item["kind"],
        "official_text": item.get("official_text", True),
        "key": item.get("key", False),
        "na_allowed": item.get("na_allowed", False),
        "max_points": scoring.item_max(item),
        "note": item.get("note", ""),
        "min": item.get("min", 0) if is_number else None,
        "max": item.get("max") if is_number else None,
        "options": [
            {"code": str(o["code"]), "label": o.get("label", str(o["code"])), "points": o["points"]}
            for o in item.get("options", [])
        ],
        "bands": item.get("bands", []) if is_number else [],
    }


@router.get(
    "/criteria-sets",
    response=list[CriteriaSetSummary],
    access="public",
    auth=None,
    summary="The criteria sets in force",
)
def list_criteria_sets(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(s) for s in CriteriaSet.objects.filter(is_current=True).order_by("code")]


@router.get(
    "/criteria-sets/{code}",
    response=CriteriaSetOut,
    access="nobody",
    auth=None,
    summary="One criteria set: sections, criteria, options, bands and rules (?version=N for an older one)",
)
def get_criteria_set(request: HttpRequest, code: str, query: Query[VersionQuery]) -> dict[str, Any]:
    criteria_set = set_version(code, query.version)
    definition = criteria_set.definition
    return {
        **_summary(criteria_set),
        "is_current": criteria_set.is_current,
        "created_at": criteria_set.created_at,
        "direction": definition.get("direction", "safety"),
        "basis": definition.get("basis", "percent"),
        "versions": list(CriteriaSet.objects.filter(code=code).order_by("version").values_list("version", flat=True)),
        "sections": [
            {"code": s["code"], "title": s.get("title", ""), "items": [_item(i) for i in s.get("items", [])]}
            for s in definition.get("sections", [])
        ],
        "bands": [{"min_inclusive": True, **band} for band in definition.get("bands", [])],
        "rules": [
            {"value": None, "when_bands": [], "items": [], "message": "", **rule}
            for rule in definition.get("rules", [])
        ],
    }

"""Officers override a unit's level (with a reason); a province's administrator chooses its framework."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from accounts.api import AUTH
from accounts.http import request_user
from lib.routes import Router
from territory.queries import get_unit
from territory.schemas import SchemeName, UnitRefOut

from ..actions.levels import choose_framework, clear_override, override_level
from ..computing import current_figures
from ..models import UnitLevel

router = Router(tags=["zones: levels"], auth=AUTH)


class OverrideIn(Schema):
    level: str = Field(..., description="code of a level of the province's framework")
    reason: str


class ClearIn(Schema):
    reason: str


class FrameworkIn(Schema):
    framework: str


class FrameworkChosenOut(Schema):
    province: UnitRefOut
    framework: str


class UnitLevelOut(Schema):
    unit: UnitRefOut
    framework: str
    level: str
    level_name: str
    computed_level: str
    computed_level_name: str
    overridden: bool
    override_reason: str
    metrics: dict[str, Any]


def _out(row: UnitLevel) -> dict[str, Any]:
    return {
        "unit": row.unit,
        "framework": row.framework.code,
        "level": row.level.code,
        "level_name": row.level.name,
        "computed_level": row.computed_level.code,
        "computed_level_name": row.computed_level.name,
        "overridden": row.is_overridden,
        "override_reason": row.override_reason,
        "metrics": current_figures(row.unit).as_dict(),
    }


@router.post(
    "/levels/{scheme}/{code}/override",
    response=UnitLevelOut,
    access="signed-in",
    summary="Set a unit's level whatever the figures say, with a reason; the computed level stays visible",
)
def override(request: HttpRequest, scheme: SchemeName, code: str, payload: OverrideIn) -> dict[str, Any]:
    row = override_level(get_unit(code, scheme), payload.level, payload.reason, by=request_user(request))
    return _out(row)


@router.post(
    "/levels/{scheme}/{code}/override/clear",
    response=UnitLevelOut,
    access="signed-in",
    summary="Withdraw an override: the unit goes back to its computed level",
)
def clear(request: HttpRequest, scheme: SchemeName, code: str, payload: ClearIn) -> dict[str, Any]:
    return _out(clear_override(get_unit(code, scheme), payload.reason, by=request_user(request)))


@router.put(
    "/levels/{scheme}/{code}/framework",
    response=FrameworkChosenOut,
    access="signed-in",
    summary="The province's administrator chooses the framework its levels are assessed with",
)
def framework(request: HttpRequest, scheme: SchemeName, code: str, payload: FrameworkIn) -> dict[str, Any]:
    state = choose_framework(get_unit(code, scheme), payload.framework, by=request_user(request))
    assert state.framework is not None
    return {"province": state.province, "framework": state.framework.code}

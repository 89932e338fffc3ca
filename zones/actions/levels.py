"""An officer's override of a unit's level, and a province's choice of framework."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from lib import publiccache
from lib.privacy import require_public_text
from territory.models import AdminUnit, Level

from ..computing import COMPUTED_LEVELS, compute_locked, framework_of, province_of, state_for
from ..models import ChangeSource, LevelChange, LevelFramework, ProvinceLevels, RiskLevel, UnitLevel
from . import require_unit_change

MAX_REASON = 2000


def _locked_state(unit: AdminUnit) -> ProvinceLevels:
    """The unit's province row, locked (waiting for a recomputation in progress)."""
    state = state_for(province_of(unit))
    return (
        ProvinceLevels.objects.select_for_update(of=("self",)).select_related("province", "framework").get(pk=state.pk)
    )


def _unit_level(state: ProvinceLevels, unit: AdminUnit) -> UnitLevel:
    row = UnitLevel.objects.filter(unit=unit).first()
    if row is None:
        compute_locked(state, state.last_as_of or timezone.localdate())
        row = UnitLevel.objects.get(unit=unit)
    return row


def _check(by: User, unit: AdminUnit, reason: str) -> str:
    require_unit_change(by, unit)
    if unit.level not in COMPUTED_LEVELS:
        raise ValidationError({"unit": _("Levels are set for communes, districts and provinces, not villages.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this decision.")})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("At most %(max)s characters.") % {"max": MAX_REASON}})
    require_public_text({"reason": reason}, LevelChange)
    return reason


@transaction.atomic
def override_level(unit: AdminUnit, level_code: str, reason: str, *, by: User) -> UnitLevel:
    """Put a unit at a level of its province's framework whatever the figures say. The computed
    level stays recorded beside it; districts and the province are rolled up again at once."""
    reason = _check(by, unit, reason)
    state = _locked_state(unit)
    framework = framework_of(state)
    level = framework.levels.filter(code=level_code).first()
    if level is None:
        raise ValidationError(
            {"level": _("%(code)s is not a level of %(framework)s.") % {"code": level_code, "framework": framework}}
        )
    row = _unit_level(state, unit)
    row.override_level, row.override_reason, row.override_by, row.override_at = level, reason, by, timezone.now()
    return _put_in_force(state, row, framework, level, ChangeSource.OVERRIDE, reason, by)


@transaction.atomic
def clear_override(unit: AdminUnit, reason: str, *, by: User) -> UnitLevel:
    """Withdraw an override: the unit goes back to its computed level."""
    reason = _check(by, unit, reason)
    state = _locked_state(unit)
    row = _unit_level(state, unit)
    if row.override_level_id is None:
        raise ValidationError({"level": _("This unit's level was not set by an officer.")})
    row.override_level, row.override_reason, row.override_by, row.override_at = None, "", None, None
    return _put_in_force(state, row, row.framework, row.computed_level, ChangeSource.OVERRIDE_CLEARED, reason, by)


def _put_in_force(
    state: ProvinceLevels,
    row: UnitLevel,
    framework: LevelFramework,
    level: RiskLevel,
    source: ChangeSource,
    reason: str,
    by: User,
) -> UnitLevel:
    """Put the unit at `level` from today (its "since" moves only when the level changes), write
    the step on its timeline, and roll the province's levels up again."""
    if row.level_id != level.pk:
        row.since = timezone.localdate()
    row.level = level
    row.save()
    LevelChange.objects.create(
        unit_id=row.unit_id,
        framework=framework,
        date=timezone.localdate(),
        level=level,
        computed_level=row.computed_level,
        source=source,
        reason=reason,
        by=by,
    )
    compute_locked(state, state.last_as_of or timezone.localdate())
    return UnitLevel.objects.get(pk=row.pk)


@transaction.atomic
def choose_framework(province: AdminUnit, framework_code: str, *, by: User) -> ProvinceLevels:
    """The province's administrator chooses how its levels are assessed. Officers' overrides,
    made in the old framework's levels, are withdrawn; levels are recomputed at once."""
    if province.level != Level.PROVINCE:
        raise ValidationError({"province": _("A framework is chosen for a province.")})
    jurisdiction.require(
        jurisdiction.is_administrator(by) and jurisdiction.can_change_unit(by, province),
        _("Only the province's administrator chooses its framework."),
    )
    framework = LevelFramework.objects.filter(code=framework_code).first()
    if framework is None:
        raise ValidationError({"framework": _("No framework has code %(code)s.") % {"code": framework_code}})
    state = _locked_state(province)
    if framework_of(state).pk == framework.pk and state.framework_id == framework.pk:
        return state
    state.framework = framework
    state.save()
    today = timezone.localdate()
    for row in UnitLevel.objects.filter(unit_path__under=province.path, override_level__isnull=False):
        row.override_level, row.override_reason, row.override_by, row.override_at = None, "", None, None
        row.save()
    compute_locked(state, max(state.last_as_of or today, today))
    changes = [
        LevelChange(
            unit_id=row.unit_id,
            framework=framework,
            date=today,
            level_id=row.level_id,
            computed_level_id=row.computed_level_id,
            source=ChangeSource.FRAMEWORK,
            reason=framework.name,
            by=by,
        )
        for row in UnitLevel.objects.filter(unit_path__under=province.path)
    ]
    # The recomputation wrote "computed" steps for today; the framework step says why.
    LevelChange.objects.filter(
        unit_id__in=[c.unit_id for c in changes], date=today, source=ChangeSource.COMPUTED, framework=framework
    ).delete()
    LevelChange.objects.bulk_create(changes, batch_size=2000)
    publiccache.bump("zones")
    return state

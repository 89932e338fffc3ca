"""Who sees which violation, the public list and its filters."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from inspections.periods import Period, parse_period
from lib.queries import one_or_404
from territory.models import AdminUnit
from territory.queries import get_unit

from .models import Violation, ViolationStatus, ViolationType


def visible_violations(user: AnyUser) -> QuerySet[Violation]:
    """Every violation (drafts and withdrawn included) under the user's jurisdiction."""
    return jurisdiction.filter_by_unit(user, Violation.objects.all(), path_field="unit_path")


def get_violation(user: AnyUser, pk: int) -> Violation:
    related = ("type", "unit", "establishment", "inspection", "created_by", "decided_by")
    violations = visible_violations(user).select_related(*related)
    return one_or_404(violations, _("No violation with this number is visible to you."), pk=pk)


def published_violations() -> QuerySet[Violation]:
    return Violation.objects.filter(status=ViolationStatus.PUBLISHED)


def get_published(pk: int) -> Violation:
    published = published_violations().select_related("type", "unit", "establishment")
    return one_or_404(published, _("No published violation has this number."), pk=pk)


@dataclass
class Filters:
    unit: AdminUnit | None = None
    type: ViolationType | None = None
    period: Period | None = None
    status: str = ""


def parse_filters(
    unit: str | None, type_code: str | None, period: str | None, scheme: str | None = None, status: str | None = None
) -> Filters:
    """Filters as written in a query string; 404 for an unknown unit, ValidationError for the rest."""
    errors: dict[str, str] = {}
    found = Filters()
    if unit and unit.strip():
        found.unit = get_unit(unit.strip(), scheme or settings.DEFAULT_SCHEME)
    if type_code and type_code.strip():
        found.type = ViolationType.objects.filter(code=type_code.strip()).first()
        if found.type is None:
            errors["type"] = _("No violation type has code %(code)s.") % {"code": type_code.strip()}
    try:
        found.period = parse_period(period)
    except ValidationError as invalid:
        errors.update({key: " ".join(messages) for key, messages in invalid.message_dict.items()})
    if status and status.strip():
        if status.strip() not in ViolationStatus.values:
            errors["status"] = _("The status must be one of: %(values)s.") % {
                "values": ", ".join(ViolationStatus.values)
            }
        else:
            found.status = status.strip()
    if errors:
        raise ValidationError(errors)
    return found


def apply_filters(violations: QuerySet[Violation], filters: Filters) -> QuerySet[Violation]:
    if filters.unit is not None:
        violations = violations.filter(unit_path__under=filters.unit.path)
    if filters.type is not None:
        violations = violations.filter(type=filters.type)
    if filters.period is not None:
        violations = violations.filter(decision_date__gte=filters.period.start, decision_date__lte=filters.period.end)
    if filters.status:
        violations = violations.filter(status=filters.status)
    return violations

"""Self-assessments: scoring answers, keeping the place's public state and its map cell, and expiry."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.jurisdiction import AnyUser
from accounts.models import User

from .. import assessing, clusters
from ..models import Assessment, CriteriaSet, Establishment, PublicState


@transaction.atomic
def submit_assessment(
    establishment: Establishment,
    criteria_set: CriteriaSet | None,
    answers: dict[str, Any],
    *,
    by: AnyUser | None,
    expected_code: str | None = None,
    now: datetime | None = None,
) -> Assessment:
    """Assess the place as `by` (None: the system, for demo data and commands).

    Checks first that `by` may assess the place (its owner, or an officer above it:
    PermissionDenied otherwise), then the set (the place's current one unless given;
    `expected_code` is the code the client believes it answered), then scores the answers
    once (ValidationError with one message per bad answer). Nothing is written unless all of
    that holds; then the assessment is stored with the set version it used, becomes the
    place's public state, and the place moves to its new state's map cell."""
    by_officer = assessing.assessing_as_officer(by, establishment) if by is not None else False
    if criteria_set is None:
        criteria_set = assessing.usable_set_for(establishment, expected_code)
    result = assessing.check(criteria_set, answers)
    now = now or timezone.now()
    place = Establishment.objects.select_for_update().get(pk=establishment.pk)
    before = clusters.presence(place)
    assessment = Assessment.objects.create(
        establishment=place,
        criteria_set=criteria_set,
        answers=answers,
        item_points=result.item_points,
        score=result.score,
        max_score=result.max_score,
        percent=result.percent,
        band=result.band,
        band_label=result.band_label,
        state=result.state,
        vetoes=[veto.__dict__ for veto in result.vetoes],
        submitted_by=by if isinstance(by, User) else None,
        by_officer=by_officer,
        submitted_at=now,
        valid_until=now + timedelta(days=criteria_set.validity_days),
    )
    for target in (place, establishment):
        target.last_assessment = assessment
        target.state = result.state
        target.assessed_at = now
        target.valid_until = assessment.valid_until
    place.save(update_fields=["last_assessment", "state", "assessed_at", "valid_until"])
    clusters.move(before, clusters.presence(place))
    return assessment


@transaction.atomic
def expire_ratings(now: datetime | None = None) -> int:
    """Expired safe or at-risk ratings no longer vouch for a place: they fall back to "not
    assessed". Unsafe ones stay unsafe until a new assessment. Safe to run twice at once."""
    now = now or timezone.now()
    expired = Establishment.objects.filter(valid_until__lt=now, state__in=[PublicState.SAFE, PublicState.AT_RISK])
    changed = expired.update(state=PublicState.NOT_ASSESSED)  # re-checked row by row under lock
    if changed:
        clusters.rebuild()
    return changed

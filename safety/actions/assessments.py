"""Self-assessments: scoring answers, keeping the place's public state, and expiry."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .. import clusters, scoring
from ..models import Assessment, CriteriaSet, Establishment, PublicState


@transaction.atomic
def submit_assessment(
    establishment: Establishment,
    criteria_set: CriteriaSet,
    answers: dict[str, Any],
    *,
    by: User | None,
    by_officer: bool = False,
    now: datetime | None = None,
) -> Assessment:
    """Score the answers (scoring.AnswersInvalid lists every bad one; nothing is written then),
    store the assessment with the set version it used, and make it the place's public state."""
    result = scoring.score(criteria_set.definition, answers)
    now = now or timezone.now()
    assessment = Assessment.objects.create(
        establishment=establishment,
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
        submitted_by=by,
        by_officer=by_officer,
        submitted_at=now,
        valid_until=now + timedelta(days=criteria_set.validity_days),
    )
    establishment.last_assessment = assessment
    establishment.state = result.state
    establishment.assessed_at = now
    establishment.valid_until = assessment.valid_until
    establishment.save(
        update_fields=["last_assessment", "state", "assessed_at", "valid_until", "search_name", "unit_path"]
    )
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

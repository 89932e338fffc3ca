"""Self-assessments: scoring answers, keeping the place's public state and its map cell, and expiry."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.jurisdiction import AnyUser
from accounts.models import User
from audit import recorder
from lib import publiccache

from .. import assessing, clusters, scoring
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
    place's public state, and the place moves to its new state's map cell. A place the caller
    read with `assessing.place_for(..., lock=True)` in its transaction is not read again."""
    by_officer = assessing.assessing_as_officer(by, establishment) if by is not None else False
    if criteria_set is None:
        criteria_set = assessing.usable_set_for(establishment, expected_code)
    result = assessing.check(criteria_set, answers)
    now = now or timezone.now()
    if establishment.__dict__.get(assessing.LOCKED):
        place = establishment
    else:
        place = Establishment.objects.select_for_update().get(pk=establishment.pk)
    before = clusters.presence(place)
    row_before = recorder.snapshot(place)
    # Places submit thousands a day: the place is written with one update() and both audit
    # entries in one statement; the map cells only move when the state changes.
    with recorder.together():
        assessment = _scored(place, criteria_set, answers, result, by, by_officer, now)
        assessment.save()
        for target in (place, establishment):
            _make_latest(target, assessment)
        Establishment.objects.filter(pk=place.pk).update(**{name: getattr(place, name) for name in LATEST_FIELDS})
        recorder.record_update(place, row_before)
    assessing.remember_to_fix(assessment, result.to_fix)
    publiccache.bump(f"place:{place.public_code}")  # update() sends no signal
    clusters.move(before, clusters.presence(place))
    return assessment


LATEST_FIELDS = ["last_assessment", "state", "assessed_at", "valid_until"]


def _scored(
    place: Establishment,
    criteria_set: CriteriaSet,
    answers: dict[str, Any],
    result: scoring.Result,
    by: AnyUser | None,
    by_officer: bool,
    now: datetime,
) -> Assessment:
    """The assessment row (not saved yet) for answers already scored."""
    return Assessment(
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


def _make_latest(place: Establishment, assessment: Assessment) -> None:
    place.last_assessment = assessment
    place.state = assessment.state
    place.assessed_at = assessment.submitted_at
    place.valid_until = assessment.valid_until


@dataclass
class PastAssessment:
    """One assessment of generated data: a place, the set, the answers, who and when."""

    place: Establishment
    criteria_set: CriteriaSet
    answers: dict[str, Any]
    by: User | None
    at: datetime


@transaction.atomic
def record_past_assessments(entries: list[PastAssessment]) -> int:
    """Write many assessments at once, for demo and benchmark data (no permission check: the
    system writes them): each is scored by the engine as `submit_assessment` scores it, the rows
    are inserted in batches, each place takes its latest as its state, and the map cells and
    counts are rebuilt once. A bad answer raises ValidationError before anything is written."""
    rows = [
        _scored(e.place, e.criteria_set, e.answers, assessing.check(e.criteria_set, e.answers), e.by, False, e.at)
        for e in entries
    ]
    Assessment.objects.bulk_create(rows, batch_size=500)
    # One UPDATE per batch of places, each taking its latest assessment (bulk_update's CASE per
    # row and field costs seconds here).
    latest = Assessment.objects.filter(establishment=OuterRef("pk")).order_by("-submitted_at", "-pk")
    ids = sorted({row.establishment_id for row in rows})
    for start in range(0, len(ids), 500):
        Establishment.objects.filter(pk__in=ids[start : start + 500]).update(
            last_assessment=Subquery(latest.values("pk")[:1]),
            state=Subquery(latest.values("state")[:1]),
            assessed_at=Subquery(latest.values("submitted_at")[:1]),
            valid_until=Subquery(latest.values("valid_until")[:1]),
        )
    clusters.rebuild()
    return len(rows)


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

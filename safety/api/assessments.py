"""Self-assessments through the API: submit one for a place, read a place's history."""

from datetime import datetime
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Body, Field, Schema, Status
from ninja.pagination import paginate

from accounts.api import AUTH
from lib.pagination import Pages
from lib.routes import Router

from .. import assessing
from ..actions import assessments as actions
from ..models import Assessment

router = Router(tags=["safety"], auth=AUTH)


class AssessedWithSet(Schema):
    code: str
    version: int


class CriterionRef(Schema):
    code: str
    text: str


class VetoRuleOut(Schema):
    rule: str
    band: str
    message: str
    items: list[CriterionRef]


class AssessmentOut(Schema):
    id: int
    score: float
    max_score: float
    percent: float
    band: str
    band_label: str
    public_state: str = Field(alias="state")
    criteria_set: AssessedWithSet
    submitted_at: datetime
    valid_until: datetime
    by_officer: bool
    vetoes: list[VetoRuleOut]
    to_fix: list[CriterionRef]

    @staticmethod
    def resolve_vetoes(assessment: Assessment) -> list[dict[str, Any]]:
        return assessing.vetoes(assessment)

    @staticmethod
    def resolve_to_fix(assessment: Assessment) -> list[dict[str, str]]:
        return assessing.to_fix(assessment)


@router.post(
    "/establishments/{establishment_id}/assessments",
    response={201: AssessmentOut},
    access="signed-in",
    summary="Submit a self-assessment of a place (its owner, or an officer above it)",
)
def submit_assessment(
    request: HttpRequest,
    establishment_id: int,
    criteria_set: Annotated[str, Body(description="code of the place's current criteria set")],
    answers: Annotated[
        dict[str, Any], Body(description="criterion code → answer: option code, number, pass/fail or na")
    ],
) -> Status[Assessment]:
    with transaction.atomic():
        place = assessing.place_for(request.user, establishment_id, lock=True)
        assessment = actions.submit_assessment(place, None, answers, by=request.user, expected_code=criteria_set)
    return Status(201, assessment)


@router.get(
    "/establishments/{establishment_id}/assessments",
    response=list[AssessmentOut],
    access="place",
    summary="A place's assessments, newest first",
)
@paginate(Pages, page_size=50)
def list_assessments(request: HttpRequest, establishment_id: int):  # type: ignore[no-untyped-def]
    place = assessing.place_for(request.user, establishment_id)
    return assessing.history_of(place)

"""Self-assessment as pages and the API see it: who may assess a place, with which criteria
set, the answers read from a form and checked, the running score, and what to fix. The one
write, actions.assessments.submit_assessment, uses these checks."""

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser

from . import scoring
from .criteria import CURRENT_SET, CURRENT_SET_KEY, current_set_for
from .models import Assessment, CriteriaSet, Establishment, Registration

SCALARS = (str, int, float, bool)


def is_owner(user: AnyUser, place: Establishment) -> bool:
    """Asked by the page or endpoint and again by the action on the same request's place:
    remembered on the place object, so the request asks the database once."""
    if not user.is_authenticated:
        return False
    known: dict[int, bool] = place.__dict__.setdefault("_owners_known", {})
    if user.pk not in known:
        known[user.pk] = place.owners.filter(pk=user.pk).exists()
    return known[user.pk]


# Set on a place read with place_for(..., lock=True): its row is fresh and locked until the
# transaction ends, so the submission need not read it again.
LOCKED = "_locked_for_update"


def place_for(user: AnyUser, pk: int, *, lock: bool = False) -> Establishment:
    """A place its owners and the officers and inspectors above it may see; 404 or 403 otherwise.
    Read in one query with whether the user owns it and its current criteria set's number; with
    `lock` (inside a transaction), its row stays locked for a submission until the commit."""
    # A submission (`lock`) needs the type, for its criteria set, but not the unit: an owner is
    # not checked against it, and an officer's check reads it when it must.
    related = ("type",) if lock else ("type", "unit")
    places = Establishment.objects.select_related(*related).annotate(**{CURRENT_SET_KEY: CURRENT_SET})
    if user.is_authenticated:
        owner = Establishment.owners.through.objects.filter(establishment=OuterRef("pk"), user=user.pk)
        places = places.annotate(_is_owner=Exists(owner))
    if lock:
        places = places.select_for_update(of=("self",))
    try:
        place = places.get(pk=pk)
    except Establishment.DoesNotExist:
        raise Http404(_("No place with this number.")) from None
    if user.is_authenticated:
        place.__dict__["_owners_known"] = {user.pk: place.__dict__.pop("_is_owner")}
    if not is_owner(user, place):
        jurisdiction.require_unit(user, place.unit)
    place.__dict__[LOCKED] = lock
    return place


def assessing_as_officer(user: AnyUser, place: Establishment) -> bool:
    """Whether the user assesses the place as an officer (False for its owner); PermissionDenied
    when they may not assess it at all (an inspector, another owner, another commune)."""
    if is_owner(user, place):
        return False
    jurisdiction.require_unit(
        user,
        place.unit,
        change=True,
        message=_("Only the owners of this place and the officers above it may assess it."),
    )
    return True


def usable_set_for(place: Establishment, expected_code: str | None = None) -> CriteriaSet:
    """The set the place assesses with, or ValidationError saying why it cannot be assessed yet
    (or, given the code the client thinks it answers, why that is not the place's set). A place
    whose registration is not accepted has no public state yet, so it cannot be assessed."""
    if place.registration != Registration.ACCEPTED:
        raise ValidationError(
            {
                "registration": _(
                    "The registration of this place has not been accepted by the commune yet: "
                    "it can be assessed once it is accepted."
                )
            }
        )
    code = place.type.criteria_set_code
    if not code:
        raise ValidationError(
            {
                "criteria_set": _(
                    "There is no official criteria set for places of type “%(type)s” yet: they are not "
                    "rated until the province imports one and assigns it to this type."
                )
                % {"type": place.type.name}
            }
        )
    criteria_set = current_set_for(place)
    if criteria_set is None:
        raise ValidationError(
            {
                "criteria_set": _(
                    "Places of type “%(type)s” have no current criteria set (%(code)s): "
                    "the province must import it before they can self-assess."
                )
                % {"type": place.type.name, "code": code}
            }
        )
    if not criteria_set.is_usable:
        raise ValidationError(
            {
                "criteria_set": _(
                    "The criteria set “%(title)s” has no criteria yet: the province must import "
                    "the full official set before places can self-assess with it."
                )
                % {"title": criteria_set.title}
            }
        )
    if expected_code is not None and expected_code != criteria_set.code:
        raise ValidationError(
            {
                "criteria_set": _(
                    "Places of type “%(type)s” are assessed with the criteria set %(code)s, not %(given)s."
                )
                % {"type": place.type.name, "code": criteria_set.code, "given": expected_code}
            }
        )
    return criteria_set


def _unreadable(answers: dict[str, Any]) -> dict[str, str]:
    """Answers the engine must never see: lists, objects, and numbers that are not finite."""
    errors: dict[str, str] = {}
    for code, value in answers.items():
        if value is None:
            continue
        if not isinstance(value, SCALARS):
            errors[code] = _("give a single value")
            continue
        if isinstance(value, bool):
            continue
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            continue
        if not math.isfinite(number):
            errors[code] = _("must be a number")
    return errors


def check(criteria_set: CriteriaSet, answers: dict[str, Any]) -> scoring.Result:
    """The score of complete, valid answers, or ValidationError with one message per bad item
    (field "answers.CODE")."""
    bad = _unreadable(answers)
    readable = {code: value for code, value in answers.items() if code not in bad}
    try:
        result = scoring.score(criteria_set.definition, readable)
    except scoring.AnswersInvalid as invalid:
        bad = {**invalid.errors, **bad}
    if bad:
        raise ValidationError({f"answers.{code}" if code else "answers": message for code, message in bad.items()})
    return result


def item_errors(error: ValidationError) -> dict[str, str]:
    """Per-item messages keyed by criterion code ("" for the set as a whole)."""
    messages: dict[str, str] = {}
    for field, texts in error.message_dict.items():
        code = field.removeprefix("answers").removeprefix(".")
        messages[code if field.startswith("answers") else ""] = " ".join(texts)
    return messages


def answers_from_form(definition: dict[str, Any], data: Any) -> dict[str, Any]:
    """Answers as posted by the assessment form (fields "item-CODE", and "item-CODE-na" for the
    "not applicable" box of number items); numbers become numbers, blanks stay unanswered."""
    answers: dict[str, Any] = {}
    for item in scoring.items_of(definition):
        code = item["code"]
        if data.get(f"item-{code}-na"):
            answers[code] = scoring.NA
            continue
        value = str(data.get(f"item-{code}", "")).strip()
        if not value:
            continue
        if item["kind"] in ("number", "score") and value != scoring.NA:
            try:
                number = float(value.replace(",", "."))
            except ValueError:
                pass
            else:
                if math.isfinite(number):
                    answers[code] = int(number) if number.is_integer() else number
                    continue
        answers[code] = value
    return answers


@dataclass
class Running:
    """The score as the user answers: final when every answer is in, points so far otherwise."""

    complete: bool
    answered: int
    total_items: int
    points: Decimal
    max_points: Decimal
    result: scoring.Result | None = None


def running_score(definition: dict[str, Any], answers: dict[str, Any]) -> Running:
    items = scoring.items_of(definition)
    readable = {code: value for code, value in answers.items() if code not in _unreadable(answers)}
    try:
        result = scoring.score(definition, readable)
    except scoring.AnswersInvalid:
        result = None
    if result is not None:
        return Running(True, len(items), len(items), result.score, result.max_score, result)
    points = maximum = Decimal(0)
    answered = 0
    for item in items:
        value = readable.get(item["code"])
        if value in ("", None):
            continue
        try:
            got = scoring.item_points(item, value)
        except (ValueError, TypeError, OverflowError):
            continue
        answered += 1
        if got is not None:
            points += got
            maximum += scoring.item_max(item)
    return Running(False, answered, len(items), points, maximum)


def item_texts(definition: dict[str, Any]) -> dict[str, str]:
    return {item["code"]: item.get("text", item["code"]) for item in scoring.items_of(definition)}


def to_fix(assessment: Assessment) -> list[dict[str, str]]:
    """What to fix first, as the engine ranks it for the set version the assessment used."""
    cached: list[dict[str, str]] | None = getattr(assessment, "_to_fix", None)
    if cached is not None:
        return cached
    try:
        codes = scoring.score(assessment.criteria_set.definition, assessment.answers).to_fix
    except (scoring.AnswersInvalid, ValueError, KeyError):
        codes = []  # a stored assessment always scored; an edited definition must not break its page
    return remember_to_fix(assessment, codes)


def remember_to_fix(assessment: Assessment, codes: list[str]) -> list[dict[str, str]]:
    """Keep what to fix on the assessment: the action that scored it knows already."""
    texts = item_texts(assessment.criteria_set.definition)
    found = [{"code": code, "text": texts.get(code, code)} for code in codes]
    assessment.__dict__["_to_fix"] = found
    return found


def vetoes(assessment: Assessment) -> list[dict[str, Any]]:
    """The rules that moved the result, each with the texts of the criteria that triggered it."""
    texts = item_texts(assessment.criteria_set.definition)
    return [
        {
            "rule": veto.get("rule", ""),
            "band": veto.get("band", ""),
            "message": veto.get("message", ""),
            "items": [{"code": code, "text": texts.get(code, code)} for code in veto.get("items", [])],
        }
        for veto in assessment.vetoes
    ]


def history_of(place: Establishment) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(establishment=place)
        .select_related("criteria_set", "submitted_by")
        .order_by("-submitted_at", "-pk")
    )

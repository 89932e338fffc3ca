from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import HttpBearer, django_auth

from lib.pagination import Pages
from lib.routes import Router
from lib.text import fold
from territory.models import OrganisationKind
from territory.schemas import UnitRefOut

from . import jurisdiction
from .actions import LoginRefused, check_credentials, issue_api_token, user_for_token
from .models import User


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            # Pages, the audit trail and jurisdiction checks all read request.user.
            request.user = user
        return user


# Every authenticated endpoint accepts a bearer token or the browser's session.
AUTH = [BearerAuth(), django_auth]
router = Router(tags=["accounts"], auth=AUTH)


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class UnitRef(Schema):
    code: str
    scheme: str
    name: str
    level: str
    path: str


class OrganisationRef(Schema):
    code: str
    name: str
    kind: str


class RoleOut(Schema):
    role: str
    unit: UnitRef | None
    organisation: OrganisationRef | None


class MeOut(Schema):
    username: str
    full_name: str
    is_administrator: bool
    roles: list[RoleOut]


@router.post(
    "/auth/token", response=TokenOut, access="public", auth=None, summary="Exchange username and password for a token"
)
def create_token(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    try:
        user = check_credentials(request, payload.username, payload.password)
    except LoginRefused as refused:
        raise HttpError(refused.status, str(refused)) from refused
    request.user = user  # the token is issued to, and audited as, this user
    return {"token": issue_api_token(user)}


@router.get("/me", response=MeOut, access="signed-in", summary="The caller, their roles and the unit each is scoped to")
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    assert isinstance(user, User)
    return {
        "username": user.username,
        "full_name": user.full_name,
        "is_administrator": jurisdiction.is_administrator(user),
        "roles": [
            {"role": a.role, "unit": a.unit, "organisation": a.organisation} for a in jurisdiction.assignments(user)
        ],
    }


class OrganisationOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    unit: UnitRefOut


class OrganisationFilter(Schema):
    kind: Literal[tuple(OrganisationKind.values)] | None = None  # type: ignore[valid-type]
    unit: str | None = Field(None, description="code of a unit: organisations based in its subtree")
    q: str | None = None


# Listed with the units, under the operation id clients already use.
@router.get(
    "/organisations",
    response=list[OrganisationOut],
    access="signed-in",
    summary="Organisations in the caller's jurisdiction",
    tags=["territory"],
    operation_id="territory_api_list_organisations",
)
@paginate(Pages, page_size=100)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilter]):  # type: ignore[no-untyped-def]
    organisations = jurisdiction.visible_organisations(request.user)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    unit = jurisdiction.requested_unit(request.user, filters.unit)
    if unit is not None:
        organisations = organisations.filter(unit__path__under=unit.path)
    if filters.q:
        for word in fold(filters.q).split():
            organisations = organisations.filter(search_name__contains=word)
    return organisations.order_by("kind", "name")

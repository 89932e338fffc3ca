from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from . import jurisdiction
from .actions import LoginRefused, check_credentials, issue_api_token, user_for_token
from .models import User

router = Router(tags=["accounts"])


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            # Pages, the audit trail and jurisdiction checks all read request.user.
            request.user = user
        return user


# Every authenticated endpoint accepts a bearer token or the browser's session.
AUTH = [BearerAuth(), django_auth]


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


@router.post("/auth/token", response={200: TokenOut}, auth=None, summary="Exchange username and password for a token")
def create_token(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    try:
        user = check_credentials(request, payload.username, payload.password)
    except LoginRefused as refused:
        raise HttpError(refused.status, str(refused)) from refused
    request.user = user  # the token is issued to, and audited as, this user
    return {"token": issue_api_token(user)}


@router.get("/me", response=MeOut, auth=AUTH, summary="The caller, their roles and the unit each is scoped to")
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

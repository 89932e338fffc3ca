"""Writes of the accounts app: one function per action."""

from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from territory import actions as territory_actions
from territory.actions import VillageImport
from territory.villages import VillageFile

from . import jurisdiction, throttling
from .models import ApiToken, Role, User, hash_token

CACHED_TOKEN_KEY = "api-token:"  # noqa: S105 - a cache key prefix, not a secret
TOKEN_CACHE_SECONDS = 60


class LoginRefused(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def check_credentials(request: HttpRequest, username: str, password: str) -> User:
    """Authenticate with throttling; raise LoginRefused with a message a person can act on."""
    from django.utils.translation import gettext as _

    address = throttling.client_address(request)
    if not throttling.claim_attempt(username, address):
        raise LoginRefused(_("Too many failed sign-in attempts. Please wait 15 minutes and try again."), 429)
    user = authenticate(request, username=username, password=password)
    if user is None:
        raise LoginRefused(_("Wrong username or password."), 401)
    throttling.forgive(username, address)
    assert isinstance(user, User)
    return user


def issue_api_token(user: User) -> str:
    """Create a bearer token for the user and return its secret once; only its hash is kept."""
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, key_hash=hash_token(key), prefix=key[:8])
    return key


def user_for_token(key: str) -> User | None:
    """The active user a bearer token belongs to, or None. Owners' apps send one with every
    submission, so the token and its user are kept in the shared cache for a minute; saving the
    user or changing or deleting the token forgets them at once (`forget_tokens`)."""
    key_hash = hash_token(key)
    token = cache.get(CACHED_TOKEN_KEY + key_hash)
    if token is None:
        try:
            token = ApiToken.objects.select_related("user").get(key_hash=key_hash)
        except ApiToken.DoesNotExist:
            return None
        cache.set(CACHED_TOKEN_KEY + key_hash, token, TOKEN_CACHE_SECONDS)
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        cache.set(CACHED_TOKEN_KEY + key_hash, token, TOKEN_CACHE_SECONDS)
    return token.user


def forget_tokens(*key_hashes: str) -> None:
    """Tokens whose cached user is out of date (the user was saved, the token changed or deleted)."""
    cache.delete_many([CACHED_TOKEN_KEY + key_hash for key_hash in key_hashes])


def import_villages(checked: VillageFile, *, by: User, skip_bad_rows: bool = False) -> VillageImport:
    """The provincial administrator imports a checked villages file (the import_villages command
    imports as the operator, through territory.actions directly)."""
    jurisdiction.require_role(by, Role.ADMINISTRATOR)
    return territory_actions.import_villages(checked, skip_bad_rows=skip_bad_rows)

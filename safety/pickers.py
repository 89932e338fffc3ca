"""The place picker (lib/picker.py explains the picker): places the user sees, found by name,
address or the public code on their poster, for any app's form."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from lib.picker import PickField, code_of

from .models import Establishment
from .places import search, visible_places


def place_label(place: Establishment) -> str:
    """ "Chợ Đức Mạnh — xã Đức Mạnh (K7Q2M9PA)": the name, where it is, and the code a form reads back."""
    return f"{place.name} — {place.unit.running_name} ({place.public_code})"


def pickable_places(user: AnyUser, types: Iterable[str] = ()) -> QuerySet[Establishment]:
    places = visible_places(user).select_related("unit")
    wanted = [code for code in types if code]
    return places.filter(type__code__in=wanted) if wanted else places


def find_places(places: QuerySet[Establishment], text: str, limit: int) -> list[dict[str, Any]]:
    """The picker's matches: a public code by its first letters, else every word of the name or
    address. Unordered in the database, so that it stops at the first few matches instead of
    sorting every match among a million places; the few are then put in the order of the tree."""
    text = text.strip()
    code = text.upper()
    found: list[Establishment] = []
    if 6 <= len(code) <= 12 and code.isalnum():  # shorter, it could be the start of a name
        found = list(places.filter(public_code__startswith=code).order_by()[:limit])
    if not found:
        found = list(search(places, text).order_by()[:limit])
    return [_match(place) for place in sorted(found, key=lambda place: (place.unit_path, place.name))]


def _match(place: Establishment) -> dict[str, Any]:
    return {"value": place.public_code, "label": place_label(place), "hint": place.address}


class PlaceField(PickField):
    """A place picked by its public code among those the user sees."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(code_of(value).upper())


def place_field(
    label: Any,
    user: AnyUser,
    *,
    types: Iterable[str] = (),
    places: QuerySet[Establishment] | None = None,
    url: str = "safety:place_pick",
    **kwargs: Any,
) -> PlaceField:
    """A place picked by its public code among `places` (by default those the user sees, of the
    types given), searched at `url`: an app narrowing the places offers its own endpoint that
    answers `find_places` over the same places."""
    types = [code for code in types if code]
    params = {"types": ",".join(types)} if types else {}
    kwargs.setdefault("help_text", _("Type part of the name or address, or the code on its QR poster, then pick."))
    return PlaceField(
        places if places is not None else pickable_places(user, types),
        url,
        params=params,
        to_field_name="public_code",
        label_from=place_label,
        label=label,
        **kwargs,
    )

"""What the public may know about violations — one function, used by the public page, the API,
the feeds and the place's public page, so the same facts show everywhere: name, position and
agency of an official exactly like anyone else's name; the act, legal basis, decision and fine.
No ID number, address or phone is ever stored for an offender, so none can leak."""

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from territory.models import AdminUnit

from .models import DisclosurePolicy, Violation, ViolationStatus

DEFAULT_POLICY = DisclosurePolicy(days_on_place_page=90)


def unit_names(unit: AdminUnit) -> str:
    """ "xã Đức Mạnh, huyện Đắk Mil, tỉnh Đắk Nông" from the unit's path, in one query."""
    parts = unit.path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) + "/" for i in range(1, len(parts))]
    ancestors = {u.path: u for u in AdminUnit.objects.filter(path__in=prefixes)}
    return ", ".join(ancestors[p].running_name for p in reversed(prefixes) if p in ancestors)


def public_facts(violation: Violation, *, area: str | None = None) -> dict[str, Any]:
    place = violation.establishment
    kind = violation.type
    return {
        "id": violation.pk,
        "offender_kind": violation.offender_kind,
        "offender_kind_label": str(violation.get_offender_kind_display()),
        "name": violation.offender_name,
        "is_official": violation.is_official,
        "position": violation.position if violation.is_official else None,
        "agency": violation.agency if violation.is_official else None,
        "place_code": place.public_code if place is not None else None,
        "type": kind.code,
        "type_name": kind.name,
        "legal_basis": kind.legal_basis,
        "act": violation.act,
        "unit": {
            "code": violation.unit.code,
            "scheme": violation.unit.scheme,
            "level": violation.unit.level,
            "name": violation.unit.name,
        },
        "area": area if area is not None else violation.unit.name,
        "occurred_on": violation.occurred_on,
        "decision_number": violation.decision_number,
        "decision_date": violation.decision_date,
        "decision_authority": violation.decision_authority,
        "fine_amount": violation.fine_amount,
        "fine_reason": violation.fine_reason,
        "additional_measures": kind.additional_measures,
        "published_at": violation.published_at,
        "url": (
            reverse("enforcement:public_detail", kwargs={"pk": violation.pk})
            if violation.status == ViolationStatus.PUBLISHED
            else None
        ),
    }


def policy_for(unit: AdminUnit) -> DisclosurePolicy:
    scheme, province_code = unit.path.split("/")[:2]
    return DisclosurePolicy.objects.filter(unit__path=f"{scheme}/{province_code}/").first() or DEFAULT_POLICY


def violations_shown_for(establishment: Any, today: date | None = None) -> list[dict[str, Any]]:
    """The violations a place's public page shows: published ones (the one rule of disclosure,
    as on the public list, the API and the feeds) whose decision is no older than the province's
    period."""
    policy = policy_for(establishment.unit)
    today = today or timezone.localdate()
    found = (
        Violation.objects.filter(
            establishment=establishment,
            status=ViolationStatus.PUBLISHED,
            decision_date__gte=today - timedelta(days=policy.days_on_place_page),
        )
        .select_related("type", "unit", "establishment")
        .order_by("-decision_date", "-pk")
    )
    return [public_facts(violation) for violation in found]


def place_section(establishment: Any) -> dict[str, Any]:
    """The context of the violations part of a place's public page (shown by safety)."""
    return {"violations": violations_shown_for(establishment)}

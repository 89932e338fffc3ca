"""Reads about users and their roles that other apps need."""

from territory.models import AdminUnit

from .models import RoleAssignment, User


def role_holder(unit: AdminUnit, *roles: str) -> User | None:
    """The user assigned longest (the earliest assignment) to the first of `roles` the unit has
    anyone in, or None."""
    for role in roles:
        found = RoleAssignment.objects.filter(unit=unit, role=role).select_related("user").order_by("pk").first()
        if found is not None:
            return found.user
    return None


def first_staffed(units: list[AdminUnit]) -> AdminUnit:
    """The first of `units` where anyone holds a role, else the first."""
    return next((unit for unit in units if RoleAssignment.objects.filter(unit=unit).exists()), units[0])

from django.conf import settings
from django.http import HttpRequest

from . import jurisdiction
from .models import Role


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    roles = jurisdiction.assignments(user)
    return {
        "nav_roles": roles,
        "nav_home_unit": jurisdiction.home_unit(user),
        "nav_is_administrator": jurisdiction.is_administrator(user),
        "nav_is_owner": jurisdiction.has_role(user, Role.OWNER),
        # Pages for those who change things in their units (zones, levels): not inspectors.
        "nav_may_change": user.is_superuser or bool(jurisdiction.scope_units(user, jurisdiction.CHANGE_ROLES)),
        "nav_organisations": jurisdiction.member_organisations(user),
        "map_tile_url": settings.MAP_TILE_URL,
    }

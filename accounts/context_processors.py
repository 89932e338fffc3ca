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
        "nav_organisations": jurisdiction.member_organisations(user),
        "map_tile_url": settings.MAP_TILE_URL,
    }

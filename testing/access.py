"""The authorization matrix: every route of the site and the API, every demo role, and for a
route that takes a unit or a place, one in the role's own jurisdiction, a sibling's and the
parent's. What each role may do is declared with the route, with one of the rules below: a page
with `lib.routes.route(..., access=…)`, an API operation with `@lib.routes.api_access(…)` under
its router decorator, the API's own documents in the `ACCESS` dict of `phongdich/api.py`.
"""

import pkgutil
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings

from lib.routes import access_of

from .routes import Route, all_routes

ROLES = ("anonymous", "admin", "province", "district", "commune_a", "commune_b", "inspector", "press", "owner")
OFFICERS = {"admin", "province", "district", "commune_a", "commune_b", "inspector"}
CHANGERS = OFFICERS - {"inspector"}
# Which roles see a record of each variant: commune A ("own" for commune_a), its sibling commune
# B, and their district (the "parent" of both communes).
SEES = {
    "own": {"admin", "province", "district", "commune_a", "inspector"},
    "sibling": {"admin", "province", "district", "commune_b", "inspector"},
    "parent": {"admin", "province", "district", "inspector"},
}
CHANGES = {variant: roles - {"inspector"} for variant, roles in SEES.items()}


def _anyone(role: str, variant: str) -> bool:
    return True


RULES: dict[str, Callable[[str, str], bool]] = {
    # anyone, the public included
    "public": _anyone,
    # any signed-in user (what they see is cut to their own records)
    "signed-in": lambda role, variant: role != "anonymous",
    # officers and inspectors of any level, and the administrator
    "officers": lambda role, variant: role in OFFICERS,
    # officers and inspectors, and owners (for their own places)
    "officers-and-owners": lambda role, variant: role in OFFICERS | {"owner"},
    # officers who change records (not inspectors)
    "changers": lambda role, variant: role in CHANGERS,
    # agencies that speak for an organisation, and officers
    "communicators": lambda role, variant: role in CHANGERS | {"press"},
    # the provincial administrator only
    "administrator": lambda role, variant: role == "admin",
    # officers who change records, and owners (who register their places)
    "changers-and-owners": lambda role, variant: role in CHANGERS | {"owner"},
    # a place in the role's jurisdiction, or the owner's own place (seeing)
    "place": lambda role, variant: role in SEES[variant] or (role == "owner" and variant == "own"),
    # a place in the role's jurisdiction, or the owner's own place (changing)
    "place-change": lambda role, variant: role in CHANGES[variant] or (role == "owner" and variant == "own"),
    # a unit or record in the role's jurisdiction (seeing)
    "jurisdiction": lambda role, variant: role in SEES[variant],
    # a unit or record in the role's jurisdiction (changing)
    "jurisdiction-change": lambda role, variant: role in CHANGES[variant],
    # a unit strictly below a unit of the role's jurisdiction (inspecting it)
    "inspecting": lambda role, variant: (
        role in SEES["parent"] - ({"district", "inspector"} if variant == "parent" else set())
    ),
    # a unit strictly below a unit the role changes (pledging resources to it)
    "above-change": lambda role, variant: role in CHANGES["parent"] - ({"district"} if variant == "parent" else set()),
    # a record nobody may reach with a made-up number: everyone is refused
    "nobody": lambda role, variant: False,
}


def _module(app: str, name: str) -> Any:
    try:
        return import_module(f"{app}.{name}")
    except ModuleNotFoundError:
        return None


def _with_submodules(module: Any) -> list[Any]:
    if module is None:
        return []
    found = [module]
    for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
        found.append(import_module(f"{module.__name__}.{info.name}"))
    return found


def _api_modules() -> Iterator[Any]:
    """Every app's api module, and the modules of an api package."""
    for config in apps.get_app_configs():
        if config.path.startswith(str(settings.BASE_DIR)):
            yield from _with_submodules(_module(config.name, "api"))


def _api_operations() -> Iterator[tuple[str, Any]]:
    """Every operation of the apps' routers, with the URL name django-ninja gives it: its
    url_name, else its function's."""
    for module in _api_modules():
        router = getattr(module, "router", None)
        for path_view in getattr(router, "path_operations", {}).values():
            for operation in path_view.operations:
                yield getattr(operation, "url_name", "") or operation.view_func.__name__, operation


def api_declarations() -> dict[str, str | None]:
    """The rule of every operation of every app's api module (and of the modules of an api
    package), by its URL name (None for an operation declared without one), and the `ACCESS` of
    the API's own routes."""
    declared: dict[str, str | None] = {}
    for module in _api_modules():
        declared.update(getattr(module, "ACCESS", {}))
    for name, operation in _api_operations():
        declared[name] = access_of(operation.view_func)
    return declared


def api_methods() -> dict[str, str]:
    """The method of every operation, by its URL name: operations on one address (a GET and a
    PATCH of /violations/{id}) each have a route of their own, probed with its own method."""
    return {name: operation.methods[0] for name, operation in _api_operations()}


def declared_rule(route: Route, api: dict[str, str | None]) -> str | None:
    """The rule declared for the route: next to its endpoint, or with the page's route."""
    namespace, _, name = route.name.rpartition(":")
    if namespace == "api":
        return api.get(name)
    return route.access


def routes_to_probe() -> Iterable[Route]:
    return [r for r in all_routes() if not r.pattern.startswith("admin/")]

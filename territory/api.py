from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from lib.pagination import Pages
from lib.routes import Router

from . import queries
from .models import AdminUnit
from .schemas import LevelName, SchemeName, UnitRefOut

router = Router(tags=["territory"])


class UnitOut(Schema):
    code: str
    scheme: str
    level: str
    type_name: str
    name: str
    short_name: str
    parent_code: str | None
    path: str
    latitude: Decimal | None
    longitude: Decimal | None
    population: int | None

    @staticmethod
    def resolve_parent_code(unit: AdminUnit) -> str | None:
        return unit.parent.code if unit.parent else None


class UnitDetailOut(UnitOut):
    ancestors: list[UnitRefOut]
    children_count: int
    descendant_counts: dict[str, int]
    successors: list[UnitRefOut]
    predecessors: list[UnitRefOut]

    @staticmethod
    def resolve_ancestors(unit: AdminUnit) -> list[AdminUnit]:
        return list(unit.ancestors())

    @staticmethod
    def resolve_children_count(unit: AdminUnit) -> int:
        return unit.children.count()

    @staticmethod
    def resolve_descendant_counts(unit: AdminUnit) -> dict[str, int]:
        return queries.descendant_counts(unit)

    @staticmethod
    def resolve_successors(unit: AdminUnit) -> list[AdminUnit]:
        return queries.successors_of(unit)

    @staticmethod
    def resolve_predecessors(unit: AdminUnit) -> list[AdminUnit]:
        return queries.predecessors_of(unit)


class UnitFilter(Schema):
    parent: str | None = Field(None, description="code of the parent unit")
    scheme: SchemeName | None = Field(None, description="defaults to the province's scheme")
    level: LevelName | None = None
    q: str | None = Field(None, description="name, diacritics and case ignored")


@router.get("/units", response=list[UnitOut], access="public", auth=None, summary="Administrative units (public data)")
@paginate(Pages, page_size=100)
def list_units(request: HttpRequest, filters: Query[UnitFilter]):  # type: ignore[no-untyped-def]
    scheme = filters.scheme or settings.DEFAULT_SCHEME
    units = AdminUnit.objects.filter(scheme=scheme).select_related("parent")
    if filters.parent:
        units = units.filter(parent=queries.get_unit(filters.parent, scheme))
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.q:
        units = queries.search_units(units, filters.q)
    return units.order_by("path")


@router.get(
    "/units/{scheme}/{code}",
    response=UnitDetailOut,
    access="public",
    auth=None,
    summary="One unit with its ancestors and counts",
)
def unit_detail(request: HttpRequest, scheme: SchemeName, code: str) -> AdminUnit:
    return queries.get_unit(code, scheme)

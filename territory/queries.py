"""Read-side helpers of the territory app that other apps may call."""

from django.conf import settings
from django.db.models import Count, Model, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from lib.text import fold

from .models import LEVEL_ORDER, AdminUnit, Level


def get_unit(code: str, scheme: str | None = None) -> AdminUnit:
    """The unit with this code in the scheme (the province's scheme by default), or a clear 404."""
    scheme = scheme or settings.DEFAULT_SCHEME
    unit = AdminUnit.objects.filter(scheme=scheme, code=code).first()
    if unit is None:
        raise Http404(
            _("No administrative unit with code %(code)s in scheme %(scheme)s.") % {"code": code, "scheme": scheme}
        )
    return unit


def search_units(queryset: QuerySet[AdminUnit], text: str) -> QuerySet[AdminUnit]:
    """Filter by name ignoring diacritics and case ("dak rlap" finds "Đắk R'Lấp")."""
    words = fold(text).split()
    for word in words:
        queryset = queryset.filter(search_name__contains=word)
    return queryset


def find_units(queryset: QuerySet[AdminUnit], text: str) -> QuerySet[AdminUnit]:
    """What a picker shows for typed text: units whose code starts with the digits typed, or
    whose name holds every word (diacritics ignored); higher levels first, then in tree order."""
    text = text.strip()
    found = queryset.filter(code__startswith=text) if text.isdigit() else search_units(queryset, text)
    return found.select_related("parent").order_by("path")


def unit_label(unit: AdminUnit) -> str:
    """ "Xã Đức Mạnh — huyện Đắk Mil (24637)": the name, where it is, and the code a form reads back."""
    parent = f" — {unit.parent.running_name}" if unit.parent else ""
    return f"{unit.name}{parent} ({unit.code})"


def children_with_counts(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """Direct children, each annotated with how many children it has in turn."""
    return unit.children.annotate(child_count=Count("children")).order_by("code")


def descendant_counts(unit: AdminUnit) -> dict[str, int]:
    """How many units of each lower level lie under the unit."""
    rows = unit.descendants().values("level").annotate(n=Count("id"))
    found = {row["level"]: row["n"] for row in rows}
    return {str(level): found.get(level, 0) for level in LEVEL_ORDER[unit.depth + 1 :]}


def villages_of(unit: AdminUnit) -> QuerySet[AdminUnit]:
    return AdminUnit.objects.filter(path__under=unit.path, level=Level.VILLAGE)


def successors_of(unit: AdminUnit) -> list[AdminUnit]:
    """2025 units a legacy unit became part of (the main one first)."""
    links = unit.successions.select_related("successor__parent").order_by("-is_main", "successor__code")
    return [link.successor for link in links]


def predecessors_of(unit: AdminUnit) -> list[AdminUnit]:
    links = unit.predecessions.select_related("predecessor__parent").order_by("predecessor__code")
    return [link.predecessor for link in links]


def population_of(unit: AdminUnit) -> int | None:
    """The unit's own population, or else the sum over its villages that have one."""
    if unit.population is not None:
        return unit.population
    total: int | None = villages_of(unit).aggregate(total=Sum("population"))["total"]
    return total


def count_below(units: list[AdminUnit], records: QuerySet[Model], prefix: str = "") -> dict[int | None, int]:
    """How many of `records` lie under each of `units`, in one query."""
    if not units:
        return {}
    totals = records.aggregate(**{f"u{u.pk}": Count("pk", filter=Q(**{f"{prefix}path__under": u.path})) for u in units})
    return {u.pk: totals[f"u{u.pk}"] for u in units}

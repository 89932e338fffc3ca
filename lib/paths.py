"""`<path field>__under=<path>`: the records of a unit's subtree, by its materialised path.

Every subtree filter uses this lookup. On PostgreSQL it is `LIKE 'path%'`, which the path
indexes (varchar_pattern_ops) serve. SQLite cannot use an index for LIKE (it ignores case),
so there it is a range on the path, `path >= 'p/' AND path < 'p0'` — the next character after
the final slash — which the plain index serves: a district's places among a million in a
millisecond instead of a table scan.
"""

from typing import Any

from django.db.models import Case, CharField, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import StartsWith


class Under(StartsWith):
    lookup_name = "under"

    def get_rhs_op(self, connection: Any, rhs: str) -> Any:
        # The backends know the SQL of "startswith", not of this lookup's name.
        if hasattr(self.rhs, "as_sql") or self.bilateral_transforms:
            return connection.pattern_ops["startswith"].format(connection.pattern_esc).format(rhs)
        return connection.operators["startswith"] % rhs

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        prefix = self.rhs
        if not isinstance(prefix, str) or not prefix or ord(prefix[-1]) >= 0x10FFFF:
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, end]


def register() -> None:
    CharField.register_lookup(Under)


def child_segment(path_field: str, path: str) -> Case:
    """The code of the child of the unit at `path` that a record's path runs through ("" for the
    unit itself): what a grouped count per unit one level down groups by."""
    rest = Substr(path_field, len(path) + 1)
    return Case(
        When(**{path_field: path}, then=Value("")),
        default=Substr(rest, 1, StrIndex(rest, Value("/")) - 1),
        output_field=CharField(),
    )

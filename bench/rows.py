"""Writing many synthetic rows fast: COPY on PostgreSQL, batched INSERTs elsewhere."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction


def insert_rows(model: type, columns: Sequence[str], rows: Iterable[Sequence[Any]], batch_size: int = 10_000) -> int:
    """Insert `rows` (values in the order of `columns`) into the model's table; how many were written."""
    table = model._meta.db_table  # type: ignore[attr-defined]
    names = ", ".join(columns)
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('%s' for _ in columns)})"
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == batch_size:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def next_id(model: Any) -> int:
    return (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1


def reset_sequences(*models: Any) -> None:
    """After inserting explicit ids, PostgreSQL's sequences continue after the largest."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


def defer_constraints() -> None:
    """On PostgreSQL, check foreign keys at the commit, so rows may be written before those they point to."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def analyze() -> None:
    """Fresh planner statistics on PostgreSQL after writing many rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def vacuum_analyze() -> None:
    """Fresh statistics, and on PostgreSQL a visibility map so index-only scans need no table reads
    (what autovacuum gives a live database)."""
    with connection.cursor() as cursor:
        # VACUUM cannot run inside a transaction (a test's); ANALYZE alone can.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def insert_and_vacuum(
    model: type, columns: Sequence[str], rows: Iterable[Sequence[Any]], batch_size: int = 10_000
) -> int:
    """`insert_rows` in one transaction, then `vacuum_analyze`; how many rows were written."""
    with transaction.atomic():
        written = insert_rows(model, columns, rows, batch_size=batch_size)
    vacuum_analyze()
    return written

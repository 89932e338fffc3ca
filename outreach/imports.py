"""Bulk entry of activities from an XLSX (or CSV) file, for the press: every row is checked, every
bad row is reported with its number, and nothing is written unless the user chooses to import
the good rows."""

import re
from datetime import date, datetime
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from directives.models import Directive
from lib.tabular import CheckedFile, TableError, cell_of, table
from lib.text import fold
from territory.models import Organisation

from . import actions
from .models import Channel

MAX_ROWS = 5000
COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("Nội dung", "content_item", "item"),
    "channel": ("Hình thức", "channel"),
    "quantity": ("Số lượng", "quantity"),
    "date": ("Ngày", "date", "occurred_on"),
    "units": ("Địa bàn", "units"),
    "priority": ("Mức ưu tiên", "priority"),
    "title": ("Mô tả", "title", "description"),
    "link": ("Đường dẫn minh chứng", "evidence_url", "link"),
}
REQUIRED = {"item", "channel", "quantity", "date"}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y")

Activities = CheckedFile[tuple[int, actions.ActivityData]]


def _date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(m for messages in error.message_dict.values() for m in messages)
    return " ".join(error.messages)


def check_file(
    handle: IO[bytes], filename: str, *, directive: Directive, organisation: Organisation, by: User
) -> Activities:
    checked: Activities = CheckedFile()
    items = {str(item.number): item for item in directive.items.all()}
    channels: dict[str, Channel] = {}
    for known in Channel.objects.select_related("measure").filter(is_active=True):
        channels[known.code] = channels[fold(known.name)] = known
    try:
        columns, rows = table(handle, filename, COLUMNS, REQUIRED)
        for number, cells in rows:
            if not any(cells):
                continue
            if checked.total >= MAX_ROWS:
                raise TableError(_("A file holds at most %(n)d rows.") % {"n": MAX_ROWS})

            def cell(key: str, cells: list[str] = cells) -> str:
                return cell_of(columns, cells, key)

            problems = []
            item = items.get(cell("item").rstrip("."))
            if item is None:
                problems.append(_("no content item %(n)s in this directive") % {"n": cell("item") or "—"})
            channel = channels.get(cell("channel")) or channels.get(fold(cell("channel")))
            if channel is None:
                problems.append(_("unknown channel “%(c)s”") % {"c": cell("channel")})
            quantity = int(cell("quantity")) if re.fullmatch(r"-?\d+", cell("quantity")) else None
            if quantity is None:
                problems.append(_("the quantity is not a whole number"))
            day = _date(cell("date"))
            if day is None:
                problems.append(_("the date is not dd/mm/yyyy"))
            codes = [c for c in re.split(r"[,;\s]+", cell("units")) if c]
            units, missing = actions.units_by_code(codes, organisation.unit.scheme)
            if missing:
                problems.append(_("unknown unit codes: %(codes)s") % {"codes": ", ".join(missing[:5])})
            priority = cell("priority")
            if channel is not None and priority:
                priority = next(
                    (
                        p["code"]
                        for p in channel.priorities
                        if fold(p["label"]) == fold(priority) or p["code"] == priority
                    ),
                    priority,
                )
            if problems:
                checked.add_error(number, "; ".join(problems))
                continue
            assert item is not None and channel is not None and quantity is not None and day is not None
            data = actions.ActivityData(
                directive=directive,
                content_item=item,
                channel=channel,
                quantity=quantity,
                occurred_on=day,
                organisation=organisation,
                units=units,
                priority=priority,
                title=cell("title"),
                evidence_url=cell("link"),
            )
            try:
                actions.clean(data, by)
            except ValidationError as error:
                checked.add_error(number, _messages(error))
                continue
            checked.rows.append((number, data))
    except TableError as error:
        checked.refuse(error)
    except PermissionDenied:
        checked.file_error = _("You do not report for %(organisation)s.") % {"organisation": organisation}
    return checked


def import_activities(checked: Activities, *, by: User, skip_bad_rows: bool = False) -> int:
    """Write the good rows in one transaction; refuse a file with bad rows unless told to skip them."""
    checked.require_importable(skip_bad_rows=skip_bad_rows)
    with transaction.atomic():
        for _number, data in checked.rows:
            actions.report_activity(data, by=by)
    return len(checked.rows)

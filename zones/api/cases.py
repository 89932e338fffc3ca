"""Case counts and populations: recorded one by one or imported from a file, by officers of the unit."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from lib.api_errors import ErrorOut
from lib.pagination import Pages
from lib.routes import Router
from lib.tabular import ImportRefused
from territory.queries import get_unit
from territory.schemas import SchemeName, SubtreeFilter, UnitRefOut

from .. import cases as checking
from ..actions.cases import (
    import_case_counts,
    import_populations,
    record_case_count,
    set_unit_population,
)
from ..models import CaseCount
from ..public import parse_scheme
from .common import ImportOut

router = Router(tags=["zones: cases"], auth=AUTH)

MAX_UPLOAD = 5 * 1024 * 1024


class CaseIn(Schema):
    unit: str = Field(..., description="code of the commune or village")
    scheme: SchemeName | None = None
    date: date
    cases: int
    untraced_cases: int = Field(0, description="of which the source is not traced")
    linked_cases: int = Field(0, description="of which linked to an industrial zone, school or large supermarket")


class CaseOut(Schema):
    id: int
    unit: UnitRefOut
    date: date
    cases: int
    untraced_cases: int
    linked_cases: int
    recorded_at: datetime


class CaseRecordedOut(CaseOut):
    created: bool


class CaseFilter(SubtreeFilter):
    since: date | None = None
    until: date | None = None


class PopulationIn(Schema):
    population: int


class PopulationOut(Schema):
    unit: UnitRefOut
    population: int | None


@router.post(
    "/cases",
    response={200: CaseRecordedOut, 201: CaseRecordedOut},
    access="signed-in",
    summary="Record (or correct) the confirmed cases of a commune or village on a day",
)
def record(request: HttpRequest, payload: CaseIn) -> Status:
    unit = get_unit(payload.unit, payload.scheme)
    row, created = record_case_count(
        unit, payload.date, payload.cases, payload.untraced_cases, payload.linked_cases, by=request_user(request)
    )
    row.created = created  # type: ignore[attr-defined]
    return Status(201 if created else 200, row)


@router.get("/cases", response=list[CaseOut], access="signed-in", summary="Case counts in the caller's jurisdiction")
@paginate(Pages, page_size=200)
def list_cases(request: HttpRequest, filters: Query[CaseFilter]):  # type: ignore[no-untyped-def]
    rows = jurisdiction.filter_by_unit(request.user, CaseCount.objects.select_related("unit"), path_field="unit_path")
    unit = jurisdiction.requested_unit(request.user, filters.unit, filters.scheme)
    if unit is not None:
        rows = rows.filter(unit_path__under=unit.path)
    if filters.since:
        rows = rows.filter(date__gte=filters.since)
    if filters.until:
        rows = rows.filter(date__lte=filters.until)
    return rows.order_by("-date", "unit_path")


class ImportOptions(Schema):
    scheme: str = Field("", description="scheme of the unit codes; the province's by default")
    skip_bad_rows: bool = Field(False, description="import the good rows of a file with bad ones")
    dry_run: bool = Field(False, description="check the file and write nothing")


def _import(request: HttpRequest, file: UploadedFile, options: ImportOptions, check: Any, action: Any) -> Any:
    """Check an uploaded file with `check`, then import it with `action` unless it is a dry run."""
    if file.size and file.size > MAX_UPLOAD:
        raise HttpError(413, _("The file is larger than 5 MB."))
    checked = check(file, file.name or "", parse_scheme(options.scheme), request.user)
    errors = [{"row": e.row, "message": e.message} for e in checked.errors]
    if checked.file_error:
        raise HttpError(checked.file_status, checked.file_error)
    result: dict[str, Any] = {"imported": False, "rows": len(checked.rows), "errors": errors}
    if options.dry_run:
        return result
    try:
        outcome = action(checked, by=request_user(request), skip_bad_rows=options.skip_bad_rows)
    except ImportRefused:
        return Status(422, result)
    return {**result, **outcome.__dict__, "imported": True}


@router.post(
    "/cases/import",
    response={200: ImportOut, 422: ImportOut | ErrorOut},
    access="signed-in",
    summary="Import case counts from CSV or XLSX (columns Mã đơn vị, Ngày, Số ca, Chưa rõ nguồn lây, …)",
)
def import_cases(request: HttpRequest, file: File[UploadedFile], options: Form[ImportOptions]) -> Any:
    return _import(request, file, options, checking.check_case_file, import_case_counts)


@router.put(
    "/units/{scheme}/{code}/population",
    response=PopulationOut,
    access="signed-in",
    summary="Set a unit's population (officers of the unit)",
)
def population(request: HttpRequest, scheme: SchemeName, code: str, payload: PopulationIn) -> dict[str, Any]:
    unit = set_unit_population(get_unit(code, scheme), payload.population, by=request_user(request))
    return {"unit": unit, "population": unit.population}


@router.post(
    "/populations/import",
    response={200: ImportOut, 422: ImportOut | ErrorOut},
    access="signed-in",
    summary="Import populations from CSV or XLSX (columns Mã đơn vị, Dân số)",
)
def import_population_file(request: HttpRequest, file: File[UploadedFile], options: Form[ImportOptions]) -> Any:
    return _import(request, file, options, checking.check_population_file, import_populations)

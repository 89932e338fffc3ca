"""The places import pages: upload, check (the dry run), import, with a progress bar.

The upload is stored under MEDIA_ROOT/imports/ and the job's state (phase, progress counts,
the first bad rows) is an ImportJob row, so any app server sharing the database and the media
folder answers for any job. Checking and importing run in the request that asks for them;
while it runs the page polls a small status view (htmx) that reads the counts.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import jurisdiction
from accounts.http import request_user
from accounts.models import User
from lib.downloads import workbook_download
from lib.routes import route
from lib.tabular import MAX_LISTED, ImportRefused, TooLarge, check_upload_size
from territory.models import AdminUnit, Level

from ..actions import jobs
from ..actions.imports import HEADERS, Places, check_places_file, import_places, may_import, recheck
from ..forms import PlaceImportForm
from ..models import EstablishmentType, ImportJob, ImportPhase
from ..places import STATUS_NAMES


def _importer(request: HttpRequest) -> User:
    user = request_user(request)
    if not may_import(user):
        raise PermissionDenied
    return user


def _job(user: User, token: str) -> ImportJob:
    """The user's own job; another user's token is a 404 like an unknown one."""
    job = jobs.job_of(user, token)
    if job is None:
        raise Http404(_("No such import."))
    return job


def _check(job: ImportJob, user: User) -> Places:
    with jobs.upload_of(job) as handle:
        return check_places_file(handle, job.filename, user, scheme=job.scheme, progress=jobs.reporter(job))


def _render(request: HttpRequest, job: ImportJob, status: int = 200, message: str = "") -> HttpResponse:
    context = {
        "job": job,
        "message": message,
        "max_listed": MAX_LISTED,
        "errors_hidden": max(job.bad - len(job.errors), 0),
        "status_url": reverse("safety:places_import_status", args=[job.token]),
    }
    template = "safety/imports/_result.html" if request.htmx else "safety/imports/job.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


def _busy(request: HttpRequest, job: ImportJob) -> HttpResponse:
    return _render(request, job, status=409, message=_("This import is running or finished already."))


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file; it is kept for the check and the import that follow."""
    user = _importer(request)
    form = PlaceImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            check_upload_size(upload.size if upload is not None else None)
        except TooLarge as too_large:
            form.is_valid()
            form.add_error("file", str(too_large))
            status = 413
        else:
            if form.is_valid():
                scheme = form.cleaned_data["scheme"] or settings.DEFAULT_SCHEME
                job = jobs.start_job(form.cleaned_data["file"], by=user, scheme=scheme)
                return redirect("safety:places_import_job", token=job.token)
            status = 400
    context = {"form": form, "headers": HEADERS}
    return render(request, "safety/imports/start.html", context, status=status)


@login_required
@require_GET
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    return _render(request, _job(_importer(request), token))


@login_required
@require_POST
def import_check(request: HttpRequest, token: str) -> HttpResponse:
    """The dry run: every bad row with its number and reason; nothing is written."""
    user = _importer(request)
    job = _job(user, token)
    if not jobs.claim(job, jobs.CHECKABLE, ImportPhase.CHECKING):
        return _busy(request, job)
    checked = _check(job, user)
    jobs.record_check(job, checked)
    return _render(request, job, status=checked.form_status if checked.file_error else 200)


@login_required
@require_POST
def import_run(request: HttpRequest, token: str) -> HttpResponse:
    """Import the file: after a dry run, check again only what may have changed since (places
    registered meanwhile, the user's jurisdiction); without one, check the whole file first.
    An interrupted import resumes after the last batch it wrote."""
    user = _importer(request)
    job = _job(user, token)
    resuming = job.phase == ImportPhase.INTERRUPTED
    was_checked = job.phase == ImportPhase.CHECKED
    if not jobs.claim(job, jobs.RUNNABLE, ImportPhase.CHECKING):
        return _busy(request, job)
    stored = jobs.checked_outcome(job) if resuming or was_checked else None
    if resuming and stored is not None:
        checked, start = stored, job.created
    else:
        checked = recheck(stored, user) if stored is not None else _check(job, user)
        start = 0
        # What is imported is kept, so that an interrupted import resumes on the same rows.
        jobs.record_check(job, checked, phase=ImportPhase.IMPORTING)
        if checked.file_error:
            return _render(request, job, status=checked.form_status)
    report = jobs.reporter(job)
    report(ImportPhase.IMPORTING, start, len(checked.rows))
    try:
        outcome = import_places(
            checked,
            user,
            filename=job.filename,
            skip_bad_rows=request.POST.get("skip_bad_rows") == "on",
            progress=report,
            start=start,
        )
    except ImportRefused as refused:
        jobs.set_phase(job, ImportPhase.INTERRUPTED if job.created else ImportPhase.CHECKED)
        return _render(request, job, status=400, message=str(refused))
    except Exception:
        jobs.set_phase(job, ImportPhase.INTERRUPTED if job.created else ImportPhase.CHECKED)
        raise
    jobs.finish(job, created=outcome.created, skipped=outcome.skipped)
    return _render(request, job)


@login_required
@require_GET
def import_status(request: HttpRequest, token: str) -> HttpResponse:
    """The progress bar, polled by the page while a check or an import runs."""
    job = _job(_importer(request), token)
    try:
        wait = max(0, min(int(request.GET.get("wait", "0")), 10))
    except ValueError:
        wait = 0
    running = job.phase in jobs.RUNNING
    total = job.total
    percent = min(100, round(100 * job.done / total)) if running and total else (100 if not running else None)
    context: dict[str, Any] = {
        "job": job,
        "running": running,
        # Right after a button is pressed the job may not have started yet: keep asking a little.
        "poll_again": running or wait > 0,
        "next_wait": wait - 1 if not running and wait > 0 else 0,
        "percent": percent,
        "status_url": reverse("safety:places_import_status", args=[token]),
    }
    return render(request, "safety/imports/_progress.html", context)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """An XLSX template with the Vietnamese headers, two example rows and the accepted values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    user = _importer(request)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Cơ sở"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    units = AdminUnit.objects.filter(scheme=settings.DEFAULT_SCHEME, level=Level.COMMUNE)
    if not user.is_superuser:
        units = jurisdiction.filter_by_unit(user, units, field="", roles=jurisdiction.CHANGE_ROLES)
    example = units.order_by("path").first()
    code = example.code if example else "24733"
    sheet.append(
        [
            "Chợ trung tâm",
            "market",
            code,
            "Đường Nguyễn Tất Thành",
            12.45,
            107.62,
            300,
            "Nguyễn Văn A",
            "0912345678",
            "Đang hoạt động",
        ]
    )
    sheet.append(
        [
            "Trường Tiểu học Kim Đồng",
            "Trường học",
            code,
            "Thôn 1",
            None,
            None,
            450,
            "Trần Thị B",
            "0261 3544 123",
            "Tạm ngừng hoạt động",
        ]
    )
    for column, width in zip("ABCDEFGHIJ", (32, 22, 12, 32, 10, 10, 14, 22, 16, 20), strict=True):
        sheet.column_dimensions[column].width = width
    values = workbook.create_sheet("Giá trị hợp lệ")
    values.append(["Loại hình (mã)", "Loại hình (tên)", "", "Tình trạng"])
    kinds = list(EstablishmentType.objects.order_by("position", "name").values_list("code", "name"))
    statuses = [names[0] for names in STATUS_NAMES.values()]
    for index in range(max(len(kinds), len(statuses))):
        kind = kinds[index] if index < len(kinds) else ("", "")
        values.append([kind[0], kind[1], "", statuses[index] if index < len(statuses) else ""])
    return workbook_download(workbook, "mau-nhap-co-so.xlsx")


job = [
    route("", import_job, name="places_import_job", access="nobody"),
    route("check/", import_check, name="places_import_check", access="nobody"),
    route("run/", import_run, name="places_import_run", access="nobody"),
    route("status/", import_status, name="places_import_status", access="nobody"),
]
urlpatterns = [
    route("places/import/", import_start, name="places_import", access="changers"),
    route("places/import/template.xlsx", import_template, name="places_import_template", access="changers"),
    path("places/import/<str:token>/", include(job)),
]

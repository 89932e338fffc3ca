"""The places import pages: upload, check (the dry run), import, with a progress bar.

The upload is stored under MEDIA_ROOT/imports/ and the job's state (phase, progress counts,
the first bad rows) is kept in the cache under a random token, so any app server sharing the
cache and the media folder can answer. Checking and importing run in the request that asks
for them; while it runs the page polls a small status view (htmx) that reads the counts.
"""

import re
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import jurisdiction
from accounts.models import User
from territory.models import AdminUnit, Level

from ..actions.imports import (
    HEADERS,
    MAX_LISTED,
    CheckedFile,
    ImportRefused,
    check_places_file,
    dump_checked,
    import_places,
    load_checked,
    may_import,
    recheck,
)
from ..forms import MAX_UPLOAD_BYTES, PlaceImportForm
from ..models import EstablishmentType
from ..places import STATUS_NAMES

JOB_SECONDS = 24 * 3600
UPLOADS = "imports"
RUNNING = {"checking", "importing"}
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")


def _key(token: str) -> str:
    return f"safety:place-import:{token}"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if not may_import(user):
        raise PermissionDenied
    return user


def _job(request: HttpRequest, token: str) -> dict[str, Any]:
    """The user's own job; another user's token is a 404 like an unknown one."""
    job = cache.get(_key(token)) if TOKEN.fullmatch(token) else None
    if not job or job["user"] != request.user.pk:
        raise Http404(_("No such import."))
    return dict(job)


def _save(job: dict[str, Any], **changes: Any) -> dict[str, Any]:
    job.update(changes)
    cache.set(_key(job["token"]), job, JOB_SECONDS)
    return job


def _progress(job: dict[str, Any]) -> Any:
    def report(phase: str, done: int, total: int | None) -> None:
        _save(job, phase=phase, done=done, total=total)

    return report


def _checked(job: dict[str, Any], user: User) -> CheckedFile:
    """Check the uploaded file, keeping the outcome next to it for the import that follows."""
    _save(job, phase="checking", done=0, total=None)
    with default_storage.open(job["path"], "rb") as handle:
        checked = check_places_file(handle, job["filename"], user, scheme=job["scheme"], progress=_progress(job))
    if default_storage.exists(_outcome_path(job)):
        default_storage.delete(_outcome_path(job))
    default_storage.save(_outcome_path(job), ContentFile(dump_checked(checked)))
    return checked


def _outcome_path(job: dict[str, Any]) -> str:
    return f"{UPLOADS}/{job['token']}.checked.json"


def _store_check(job: dict[str, Any], checked: CheckedFile, phase: str = "checked") -> dict[str, Any]:
    return _save(
        job,
        phase="failed" if checked.file_error else phase,
        file_error=checked.file_error,
        good=len(checked.rows),
        bad=checked.error_count,
        errors=[(error.row, error.message) for error in checked.errors],
    )


def _purge_old_uploads() -> None:
    """Uploads of jobs nobody finished are removed once their job has expired from the cache."""
    try:
        _folders, files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - timedelta(seconds=JOB_SECONDS)
    for name in files:
        stored = f"{UPLOADS}/{name}"
        if default_storage.get_modified_time(stored) < cutoff:
            default_storage.delete(stored)


def _render(request: HttpRequest, job: dict[str, Any], status: int = 200, message: str = "") -> HttpResponse:
    context = {
        "job": job,
        "message": message,
        "max_listed": MAX_LISTED,
        "errors_hidden": max(job.get("bad", 0) - len(job.get("errors", [])), 0),
        "status_url": reverse("safety:places_import_status", args=[job["token"]]),
    }
    template = "safety/imports/_result.html" if request.htmx else "safety/imports/job.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file; it is kept for the check and the import that follow."""
    user = _user(request)
    form = PlaceImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is not None and upload.size and upload.size > MAX_UPLOAD_BYTES:
            form.is_valid()
            form.add_error("file", _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20})
            status = 413
        elif form.is_valid():
            _purge_old_uploads()
            token = secrets.token_urlsafe(16)
            upload = form.cleaned_data["file"]
            suffix = Path(upload.name).suffix.lower()
            stored = default_storage.save(f"{UPLOADS}/{token}{suffix}", upload)
            _save(
                {"token": token, "user": user.pk},
                filename=Path(upload.name).name[:200],
                path=stored,
                scheme=form.cleaned_data["scheme"] or settings.DEFAULT_SCHEME,
                phase="uploaded",
                done=0,
                total=None,
            )
            return redirect("safety:places_import_job", token=token)
        else:
            status = 400
    context = {"form": form, "headers": HEADERS}
    return render(request, "safety/imports/start.html", context, status=status)


@login_required
@require_GET
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    _user(request)
    return _render(request, _job(request, token))


@login_required
@require_POST
def import_check(request: HttpRequest, token: str) -> HttpResponse:
    """The dry run: every bad row with its number and reason; nothing is written."""
    user = _user(request)
    job = _job(request, token)
    if job["phase"] in RUNNING or job["phase"] == "done":
        return _render(request, job, status=409, message=_("This import is running or finished already."))
    job = _store_check(job, _checked(job, user))
    return _render(request, job, status=400 if job["file_error"] else 200)


@login_required
@require_POST
def import_run(request: HttpRequest, token: str) -> HttpResponse:
    """Import the file: after a dry run, check again only what may have changed since (places
    registered meanwhile, the user's jurisdiction); without one, check the whole file first."""
    user = _user(request)
    job = _job(request, token)
    lock = _key(token) + ":running"
    if job["phase"] == "done" or not cache.add(lock, True, 3600):
        return _render(request, job, status=409, message=_("This import is running or finished already."))
    try:
        if job["phase"] == "checked" and default_storage.exists(_outcome_path(job)):
            # After a dry run only what may have changed since is checked again.
            with default_storage.open(_outcome_path(job), "rb") as handle:
                checked = recheck(load_checked(handle.read()), user)
        else:
            checked = _checked(job, user)
        # The page keeps polling while the import runs: no pause in "checked" between the two.
        job = _store_check(job, checked, phase="importing")
        job = _save(job, done=0, total=len(checked.rows))
        if job["file_error"]:
            return _render(request, job, status=400)
        try:
            outcome = import_places(
                checked,
                user,
                filename=job["filename"],
                skip_bad_rows=request.POST.get("skip_bad_rows") == "on",
                progress=_progress(job),
            )
        except ImportRefused as refused:
            job = _save(job, phase="checked")
            return _render(request, job, status=400, message=str(refused))
        except Exception:
            _save(job, phase="checked")
            raise
        for stored in (job["path"], _outcome_path(job)):
            if default_storage.exists(stored):
                default_storage.delete(stored)
        job = _save(job, phase="done", created=outcome.created, skipped=outcome.skipped)
        return _render(request, job)
    finally:
        cache.delete(lock)


@login_required
@require_GET
def import_status(request: HttpRequest, token: str) -> HttpResponse:
    """The progress bar, polled by the page while a check or an import runs."""
    _user(request)
    job = _job(request, token)
    try:
        wait = max(0, min(int(request.GET.get("wait", "0")), 10))
    except ValueError:
        wait = 0
    running = job["phase"] in RUNNING
    total = job.get("total")
    percent = min(100, round(100 * job["done"] / total)) if running and total else (100 if not running else None)
    context = {
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

    user = _user(request)
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
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-co-so.xlsx"'
    workbook.save(response)
    return response


urlpatterns = [
    path("places/import/", import_start, name="places_import"),
    path("places/import/template.xlsx", import_template, name="places_import_template"),
    path("places/import/<str:token>/", import_job, name="places_import_job"),
    path("places/import/<str:token>/check/", import_check, name="places_import_check"),
    path("places/import/<str:token>/run/", import_run, name="places_import_run"),
    path("places/import/<str:token>/status/", import_status, name="places_import_status"),
]

"""The state of a places import, in the database (ImportJob), so that any app server answers
for any job: uploads, claims, progress, and jobs whose worker died.

A step (check or import) starts by claiming the job with a filtered update, so two requests
never run the same job at once. Progress reports are written as they happen; the import's
reports commit with their batch. A running job that has not reported for STALE is taken as
dead, and so is one whose process (recorded on the job) no longer exists on this machine: a
check starts over; an import that wrote some batches is interrupted and can resume.
"""

import os
import secrets
import socket
from datetime import timedelta
from pathlib import Path
from typing import IO

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import User

from ..models import ImportJob, ImportPhase
from .imports import Places, Progress, dump_checked, load_checked

STALE = timedelta(minutes=2)
UPLOADS = "imports"
JOB_DAYS = 1
RUNNING = {ImportPhase.CHECKING, ImportPhase.IMPORTING}
CHECKABLE = {ImportPhase.UPLOADED, ImportPhase.CHECKED, ImportPhase.FAILED}
RUNNABLE = CHECKABLE | {ImportPhase.INTERRUPTED}


def start_job(upload: File, *, by: User, scheme: str) -> ImportJob:
    """Store the upload and open its job (old unfinished jobs and their files are removed)."""
    purge_old_jobs()
    token = secrets.token_urlsafe(16)
    suffix = Path(upload.name or "").suffix.lower()
    stored = default_storage.save(f"{UPLOADS}/{token}{suffix}", upload)
    return ImportJob.objects.create(
        token=token, user=by, filename=Path(upload.name or "").name[:200], path=stored, scheme=scheme
    )


def job_of(user: User, token: str) -> ImportJob | None:
    """The user's own job (None for another user's or an unknown token), a dead one marked so."""
    job = ImportJob.objects.filter(token=token, user=user).first()
    if job is not None and job.phase in RUNNING and (job.heartbeat_at < timezone.now() - STALE or _gone(job.worker)):
        if job.phase == ImportPhase.CHECKING:
            after = ImportPhase.UPLOADED
        else:
            after = ImportPhase.INTERRUPTED if job.created else ImportPhase.CHECKED
        ImportJob.objects.filter(pk=job.pk, phase=job.phase, heartbeat_at=job.heartbeat_at).update(phase=after)
        job.refresh_from_db()
    return job


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _gone(worker: str) -> bool:
    """Whether the process that runs a job is known to have died: only one of this machine's
    processes can be asked; of another machine's, the heartbeat tells."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: asks whether the process exists, sends nothing
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user's process
        return False
    return False


def claim(job: ImportJob, allowed: set[ImportPhase], phase: ImportPhase) -> bool:
    """Move the job into `phase` if it is in one of the `allowed` ones, run by this process;
    False when another request has it (or it is done)."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job.pk, phase__in=allowed)
    if not claimed.update(phase=phase, heartbeat_at=now, done=0, worker=this_worker()):
        return False
    job.refresh_from_db()
    return True


def reporter(job: ImportJob) -> Progress:
    """Progress as the check and the import report it; while importing, the count of places
    written, committed with each batch."""

    def report(phase: str, done: int, total: int | None) -> None:
        changes: dict[str, object] = {"phase": phase, "done": done, "total": total, "heartbeat_at": timezone.now()}
        if phase == ImportPhase.IMPORTING:
            changes["created"] = done
        ImportJob.objects.filter(pk=job.pk).update(**changes)
        for name, value in changes.items():
            setattr(job, name, value)

    return report


def record_check(job: ImportJob, checked: Places, phase: ImportPhase = ImportPhase.CHECKED) -> None:
    """Keep the outcome of a check: the counts and first bad rows on the job, the good rows in
    a file next to the upload (what the import after a dry run, or a resumed one, writes)."""
    outcome = outcome_path(job)
    if default_storage.exists(outcome):
        default_storage.delete(outcome)
    default_storage.save(outcome, ContentFile(dump_checked(checked)))
    job.phase = ImportPhase.FAILED if checked.file_error else phase
    job.file_error = checked.file_error
    job.good = len(checked.rows)
    job.bad = checked.error_count
    job.errors = [(error.row, error.message) for error in checked.errors]
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["phase", "file_error", "good", "bad", "errors", "heartbeat_at"])


def checked_outcome(job: ImportJob) -> Places | None:
    """The outcome of the job's last check, if one was kept."""
    if not default_storage.exists(outcome_path(job)):
        return None
    with default_storage.open(outcome_path(job), "rb") as handle:
        return load_checked(handle.read())


def upload_of(job: ImportJob) -> IO[bytes]:
    return default_storage.open(job.path, "rb")


def outcome_path(job: ImportJob) -> str:
    return f"{UPLOADS}/{job.token}.checked.json"


def finish(job: ImportJob, *, created: int, skipped: int) -> None:
    for stored in (job.path, outcome_path(job)):
        if default_storage.exists(stored):
            default_storage.delete(stored)
    job.phase, job.created, job.skipped = ImportPhase.DONE, created, skipped
    job.save(update_fields=["phase", "created", "skipped"])


def set_phase(job: ImportJob, phase: ImportPhase) -> None:
    ImportJob.objects.filter(pk=job.pk).update(phase=phase)
    job.phase = phase


def purge_old_jobs() -> None:
    """Jobs older than a day that are not running are removed, and uploads left over a day."""
    cutoff = timezone.now() - timedelta(days=JOB_DAYS)
    ImportJob.objects.filter(created_at__lt=cutoff).exclude(phase__in=RUNNING).delete()
    try:
        _folders, files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        return
    for name in files:
        stored = f"{UPLOADS}/{name}"
        if default_storage.get_modified_time(stored) < cutoff:
            default_storage.delete(stored)

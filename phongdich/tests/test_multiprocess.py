"""Several gunicorn workers on PostgreSQL and Redis behave as one server.

Runs only where a PostgreSQL DATABASE_URL and a REDIS_URL are set (CI's second suite); the
workers share the pytest database, so the data is committed (transactional tests).
"""

import csv
import io
import json
import os
import secrets
import signal
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client

from accounts.models import User
from safety.actions import jobs
from safety.actions.imports import BATCH, HEADERS
from safety.models import Establishment, ImportJob, ImportPhase, MapCell
from safety.types import load_establishment_types
from territory.loader import load_units
from territory.models import AdminUnit, Level, Scheme

from .servers import gunicorn

pytestmark = [
    pytest.mark.multiprocess,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    ),
]

PASSWORD = "a-right-password-for-workers"


def answer(request: urllib.request.Request, timeout: float = 20) -> tuple[int, str]:
    """The status and body of the server's answer (an error status with no body)."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def get(url: str, cookie: str = "") -> tuple[int, str]:
    return answer(urllib.request.Request(url, headers={"Cookie": cookie}))  # noqa: S310 - loopback


def post(url: str, cookie: str) -> int:
    """A form's POST as the signed-in browser sends it, with its CSRF cookie and token."""
    csrf = secrets.token_hex(16)  # a 32-character secret, sent as cookie and header
    request = urllib.request.Request(  # noqa: S310 - loopback
        url,
        data=b"",
        headers={"Cookie": f"{cookie}; csrftoken={csrf}", "X-CSRFToken": csrf},
        method="POST",
    )
    try:
        return answer(request, timeout=60)[0]
    except OSError:  # the worker died before answering
        return 0


def ask_for_token(url: str, password: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{url}/api/v1/auth/token",
        data=json.dumps({"username": "worker-test", "password": password}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    return answer(request)[0]


@pytest.mark.django_db(transaction=True)
def test_the_sixth_wrong_password_is_refused_whichever_worker_answers(tmp_path: Path) -> None:
    cache.clear()
    # The workers use Django's own hasher; a real (if lighter) PBKDF2 keeps both workers busy.
    User.objects.create(
        username="worker-test", password=PBKDF2PasswordHasher().encode(PASSWORD, "workersalt", iterations=100_000)
    )
    with gunicorn(tmp_path, workers=2) as server:
        with ThreadPoolExecutor(max_workers=12) as pool:
            statuses = list(pool.map(lambda _: ask_for_token(server.url, "wrong-password"), range(12)))
        after = ask_for_token(server.url, PASSWORD)
        answered_by = server.answered_by("/api/v1/auth/token")
    assert sorted(statuses) == [401] * 5 + [429] * 7, statuses
    assert after == 429, "the right password must wait too once the account is paused"
    assert len(answered_by) == 2, f"both workers must have answered: {answered_by}"


@pytest.mark.django_db(transaction=True)
def test_an_import_job_page_answers_from_every_worker(tmp_path: Path) -> None:
    admin = User.objects.create(username="importer", is_superuser=True, is_staff=True)
    job = ImportJob.objects.create(
        token="a" * 32,
        user=admin,
        filename="co-so-dak-mil.xlsx",
        path="imports/none.xlsx",
        scheme="legacy",
        phase=ImportPhase.CHECKED,
        total=120,
        done=120,
        good=118,
        bad=2,
    )
    browser = Client()
    browser.force_login(admin)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    with gunicorn(tmp_path, workers=2) as server:
        page = f"{server.url}/places/import/{job.token}/"
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda _: get(page, cookie), range(24)))
        answered_by = server.answered_by(f"/places/import/{job.token}/")
    assert [status for status, _body in answers] == [200] * 24
    assert all("co-so-dak-mil.xlsx" in body for _status, body in answers)
    assert len(answered_by) == 2, f"both workers must have answered: {answered_by}"


def signed_in(user: User) -> str:
    browser = Client()
    browser.force_login(user)
    return f"sessionid={browser.cookies['sessionid'].value}"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_whole_batches_and_the_import_resumes(tmp_path: Path) -> None:
    load_units(Scheme.LEGACY, ["67"])
    load_establishment_types()
    commune = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).order_by("code").first()
    assert commune is not None
    admin = User.objects.create(username="importer", is_superuser=True, is_staff=True)
    rows = 8 * BATCH
    lines = io.StringIO()
    csv.writer(lines).writerows(
        [HEADERS] + [[f"Quán số {n}", "restaurant", commune.code, f"Số {n}"] for n in range(rows)]
    )
    job = jobs.start_job(ContentFile(lines.getvalue().encode(), name="co-so.csv"), by=admin, scheme=Scheme.LEGACY)
    cookie = signed_in(admin)
    try:
        with gunicorn(tmp_path, workers=2) as server, ThreadPoolExecutor(max_workers=1) as pool:
            run = f"{server.url}/places/import/{job.token}/run/"
            running = pool.submit(post, run, cookie)  # checks the file, then imports it batch by batch
            deadline = time.monotonic() + 20
            job.refresh_from_db()
            while not (job.phase == ImportPhase.IMPORTING and job.created >= BATCH):
                assert time.monotonic() < deadline and not running.done(), f"no batch written: {job.phase}"
                time.sleep(0.02)
                job.refresh_from_db()
            pid = int(job.worker.rpartition(":")[2])
            assert pid in server.worker_pids(), "the import runs in one of the server's workers"
            os.kill(pid, signal.SIGKILL)
            assert running.result() == 0, "the connection drops with the worker"

            job.refresh_from_db()
            written = Establishment.objects.count()
            assert 0 < written < rows, "killed mid-import"
            assert written % BATCH == 0, f"{written} places: a batch was half written"
            assert written == job.created, "the progress committed is what was written"
            assert sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)) == written

            status, page = get(f"{server.url}/places/import/{job.token}/", cookie)
            assert status == 200
            assert 'data-testid="import-interrupted"' in page
            job.refresh_from_db()
            assert job.phase == ImportPhase.INTERRUPTED

            assert post(run, cookie) == 200
        job.refresh_from_db()
        assert (job.phase, job.created) == (ImportPhase.DONE, rows)
        assert Establishment.objects.count() == rows
        assert Establishment.objects.values("name").distinct().count() == rows
        assert sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)) == rows
    finally:
        for stored in (job.path, jobs.outcome_path(job)):
            if jobs.default_storage.exists(stored):
                jobs.default_storage.delete(stored)

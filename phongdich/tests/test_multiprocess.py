"""Several gunicorn workers on PostgreSQL and Redis behave as one server.

Runs only where a PostgreSQL DATABASE_URL and a REDIS_URL are set (CI's second suite); the
workers share the pytest database, so the data is committed (transactional tests).
"""

import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.db import connection
from django.test import Client

from accounts.models import User
from safety.models import ImportJob, ImportPhase

from .servers import gunicorn

pytestmark = [
    pytest.mark.multiprocess,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    ),
]

PASSWORD = "a-right-password-for-workers"


def get(url: str, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def ask_for_token(url: str, password: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{url}/api/v1/auth/token",
        data=json.dumps({"username": "worker-test", "password": password}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


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

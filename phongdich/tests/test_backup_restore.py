"""The backup the README prescribes (pg_dump, then pg_restore) gives back every row."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from accounts.models import User

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "backup-restore-check"

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backs up PostgreSQL only"),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs PostgreSQL's client tools"),
]


def database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_with_every_row(tmp_path: Path) -> None:
    User.objects.create_user(username="before-backup", password="a-long-enough-password")
    dump = tmp_path / "phongdich.dump"
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [str(SCRIPT), str(dump)],
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "identical after restore" in output, output
    assert dump.stat().st_size > 0


def test_the_check_refuses_a_database_that_is_not_postgresql() -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [str(SCRIPT)],
        env={**os.environ, "DATABASE_URL": "sqlite:///var/phongdich.sqlite3"},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode != 0
    assert "not PostgreSQL" in result.stderr

"""PRODUCTION=1 must satisfy `manage.py check --deploy` and refuse to start without its secrets."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

MANAGE_PY = Path(__file__).resolve().parents[2] / "manage.py"
# Settings read from the environment that must not leak into these runs from the caller's.
CLEARED = [
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "ALLOWED_HOSTS",
    "ALLOWED_HOSTS_FILE",
    "SECURE_SSL_REDIRECT",
    "REDIS_URL",
    "REDIS_URL_FILE",
]
REDIS_URL = "redis://127.0.0.1:6379/0"  # never connected to by the check


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED and k != "DJANGO_SETTINGS_MODULE"}
    environ.update(PRODUCTION="1", DJANGO_SETTINGS_MODULE="phongdich.settings", **env)
    return subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, str(MANAGE_PY), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=MANAGE_PY.parent,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def random_secret_key(length: int = 64) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def test_production_settings_pass_the_deploy_check() -> None:
    result = run_check(SECRET_KEY=random_secret_key(), ALLOWED_HOSTS="phongdich.example.vn", REDIS_URL=REDIS_URL)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output, output


def test_production_without_secret_key_refuses_to_start() -> None:
    result = run_check(ALLOWED_HOSTS="phongdich.example.vn", REDIS_URL=REDIS_URL)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "SECRET_KEY" in output, output


def test_production_without_a_shared_cache_refuses_to_start() -> None:
    # Each worker's own memory would let a password guesser spread tries across the workers.
    result = run_check(SECRET_KEY=random_secret_key(), ALLOWED_HOSTS="phongdich.example.vn")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "REDIS_URL" in output, output

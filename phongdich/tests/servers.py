"""Run the application as production runs it: gunicorn workers against the test database."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def database_url() -> str:
    """The URL of the database the tests run on (pytest-django's test_… database)."""
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    access_log: Path

    def worker_pids(self) -> list[int]:
        """The workers' process ids, children of the gunicorn arbiter."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def answered_by(self, path: str) -> set[str]:
        """Which workers (by process id) answered requests for a path, from the access log."""
        pids = set()
        for line in self.access_log.read_text().splitlines():
            pid, _, logged_path = line.partition(" ")
            if logged_path.startswith(path):
                pids.add(pid)
        return pids


@contextmanager
def gunicorn(tmp_path: Path, workers: int = 2) -> Iterator[Server]:
    port = free_port()
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "phongdich.settings",
        "PRODUCTION": "",
        "DEBUG": "",
    }
    process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
        [
            str(GUNICORN),
            "--config",
            "phongdich/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(U)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(f"http://127.0.0.1:{port}", process, access_log)
    try:
        deadline = time.monotonic() + 60  # a busy CI machine imports Django slowly
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/healthz", timeout=5):  # noqa: S310 - loopback
                    break
            except OSError:  # refused while booting, or a timeout
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

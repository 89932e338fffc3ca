"""A bounded load test of a running server (`make serve`), over loopback only.

Virtual users each open a connection per request (gunicorn's sync workers close it after the
answer), wait a think time between requests, and stop at the deadline or when the request
budget is spent. The public mix is 90 % public reads (the map and its GeoJSON at three zooms,
a place's QR page and its JSON, the home page, levels, the summary, a permit check) and 10 %
owners' self-assessments through the API; the submission mix is only self-assessments.
"""

import asyncio
import json
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from accounts.actions import issue_api_token
from accounts.models import User
from safety.models import Establishment
from territory.models import AdminUnit

from .rows import analyze
from .safety import PREFIX, SET_CODE, STATES

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TIMEOUT = 30.0
OWNER = "bench-owner"


class NotLoopback(Exception):
    pass


@dataclass
class Call:
    name: str
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Results:
    started: float = 0.0
    finished: float = 0.0
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def count(self) -> int:
        return sum(len(t) for t in self.times.values())

    def summary(self) -> dict[str, Any]:
        every = sorted(t for times in self.times.values() for t in times)
        seconds = max(self.finished - self.started, 1e-9)

        def pct(values: list[float], q: float) -> float:
            return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1) if values else 0.0

        return {
            "requests": len(every),
            "seconds": round(seconds, 1),
            "requests_per_second": round(len(every) / seconds, 1),
            "errors": sum(self.errors.values()),
            "statuses": dict(sorted(self.statuses.items())),
            "ms": {"p50": pct(every, 0.5), "p95": pct(every, 0.95), "p99": pct(every, 0.99)},
            "by_call": {
                name: {
                    "requests": len(times),
                    "per_second": round(len(times) / seconds, 1),
                    "errors": self.errors.get(name, 0),
                    "p50_ms": pct(sorted(times), 0.5),
                    "p95_ms": pct(sorted(times), 0.95),
                    "mean_ms": round(statistics.fmean(times) * 1000, 1),
                }
                for name, times in sorted(self.times.items())
            },
        }


def loopback_target(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise NotLoopback(f"{url}: the load test only runs against http:// on this machine (127.0.0.1)")
    return parts.hostname or "127.0.0.1", parts.port or 80


def answers_for(n: int) -> dict[str, int]:
    """The answers that keep bench place n in the state it was generated with, as most
    re-assessments of a place do (a never-assessed place becomes safe)."""
    points = {"safe": 9, "at_risk": 6, "unsafe": 3, "not_assessed": 9}[STATES[n % len(STATES)]]
    return {f"i{k}": points for k in range(1, 11)}


class Plan:
    """What the virtual users ask for, built from the bench places of the database."""

    def __init__(self, province: AdminUnit, places: list[tuple[int, str]], token: str, mix: str) -> None:
        self.places = places
        self.auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.mix = mix
        lat, lon = float(province.latitude or 12.2), float(province.longitude or 107.7)
        self.boxes = {
            zoom: f"{lon - w / 2:.4f},{lat - h / 2:.4f},{lon + w / 2:.4f},{lat + h / 2:.4f}"
            for zoom, (w, h) in {6: (28.0, 17.6), 10: (1.76, 1.1), 14: (0.11, 0.069)}.items()
        }
        self.province = province
        reads: list[tuple[int, Callable[[random.Random], Call]]] = [
            (20, lambda r: Call("place page /p/", "GET", f"/p/{self._place(r)[1]}")),
            (10, lambda r: Call("place JSON", "GET", f"/api/v1/public/places/{self._place(r)[1]}")),
            (8, lambda r: self._geojson(6)),
            (9, lambda r: self._geojson(10)),
            (8, lambda r: self._geojson(14)),
            (10, lambda r: Call("map page", "GET", "/map/")),
            (5, lambda r: Call("home", "GET", "/")),
            (6, lambda r: Call("levels", "GET", "/levels/")),
            (5, lambda r: Call("summary JSON", "GET", f"/api/v1/public/summary?unit={province.code}")),
            (4, lambda r: Call("summary page", "GET", f"/map/summary/?unit={province.code}")),
            (5, lambda r: Call("permit check", "GET", "/api/v1/public/permits/verify?code=GP-0000")),
        ]
        self.reads = [make for weight, make in reads for _ in range(weight)]

    def _place(self, rng: random.Random) -> tuple[int, str]:
        return self.places[rng.randrange(len(self.places))]

    def _geojson(self, zoom: int) -> Call:
        query = urlencode({"bbox": self.boxes[zoom], "zoom": zoom})
        return Call(f"map GeoJSON z{zoom}", "GET", f"/api/v1/public/places?{query}")

    def submission(self, rng: random.Random) -> Call:
        pk, code = self._place(rng)
        n = int(code[len(PREFIX) :], 16)
        body = json.dumps({"criteria_set": SET_CODE, "answers": answers_for(n)}).encode()
        return Call("submit assessment", "POST", f"/api/v1/establishments/{pk}/assessments", body, self.auth)

    def next(self, rng: random.Random) -> Call:
        if self.mix == "submit" or rng.random() < 0.10:
            return self.submission(rng)
        return rng.choice(self.reads)(rng)


def prepare(mix: str) -> Plan:
    """Owner of every bench place with an API token; the province the bench places lie in."""
    places = list(
        Establishment.objects.filter(public_code__startswith=PREFIX).order_by("pk").values_list("pk", "public_code")
    )
    if not places:
        raise RuntimeError("No bench places: run `manage.py bench_province` first.")
    owner, created = User.objects.get_or_create(username=OWNER, defaults={"full_name": "Chủ cơ sở thử tải"})
    if created or not owner.establishments.exists():
        through = Establishment.owners.through
        through.objects.bulk_create(
            [through(establishment_id=pk, user_id=owner.pk) for pk, _code in places],
            batch_size=5000,
            ignore_conflicts=True,
        )
        # As autovacuum would soon: with stale statistics PostgreSQL reads one owner's 100,000
        # places to check that they own one of them.
        analyze()
    first = Establishment.objects.select_related("unit").get(pk=places[0][0])
    province = AdminUnit.objects.get(scheme=first.unit.scheme, code=first.unit_path.split("/")[1])
    return Plan(province, places, issue_api_token(owner), mix)


async def send(host: str, port: int, call: Call) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        headers = {"Host": f"{host}:{port}", "Connection": "close", "User-Agent": "phongdich-loadtest", **call.headers}
        if call.body:
            headers["Content-Length"] = str(len(call.body))
        head = f"{call.method} {call.path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        writer.write(head.encode() + b"\r\n" + call.body)
        await writer.drain()
        status_line = await reader.readline()
        length = None
        while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if length is None:
            await reader.read()  # no length: the body runs to the end of the connection
        else:
            await reader.readexactly(length)
        return int(status_line.split()[1])
    finally:
        writer.close()


async def run(url: str, plan: Plan, users: int, duration: float, max_requests: int, think: float) -> Results:
    host, port = loopback_target(url)
    results = Results()
    deadline = time.monotonic() + duration

    async def user(number: int) -> None:
        rng = random.Random(number)
        await asyncio.sleep(rng.uniform(0, think))  # users arrive spread over one think time
        while time.monotonic() < deadline and results.count < max_requests:
            call = plan.next(rng)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(send(host, port, call), TIMEOUT)
            except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError):
                status = 0
            results.times[call.name].append(time.perf_counter() - started)
            results.statuses[status] += 1
            if status not in (200, 201, 304):
                results.errors[call.name] += 1
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    results.started = time.monotonic()
    await asyncio.gather(*(user(n) for n in range(users)))
    results.finished = time.monotonic()
    return results

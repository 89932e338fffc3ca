import asyncio
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import loadtest


class Command(BaseCommand):
    help = (
        "Load-test a running server on this machine (make serve) for a bounded time and number of "
        "requests: --mix public (90 %% public reads, 10 %% owners' self-assessments) or --mix submit. "
        "Needs the bench places of `manage.py bench_province` in the server's database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server, on 127.0.0.1")
        parser.add_argument("--users", type=int, default=200, help="virtual users")
        parser.add_argument("--duration", type=float, default=60, help="seconds (at most 300)")
        parser.add_argument("--max-requests", type=int, default=60_000, help="stop after this many requests")
        parser.add_argument("--think", type=float, default=1.0, help="mean seconds a user waits between requests")
        parser.add_argument("--mix", choices=["public", "submit"], default="public")
        parser.add_argument("--output", type=Path, default=None, help="JSON (default var/loadtest-<mix>.json)")

    def handle(
        self,
        *args: object,
        url: str,
        users: int,
        duration: float,
        max_requests: int,
        think: float,
        mix: str,
        output: Path | None,
        **options: object,
    ) -> None:
        if not 0 < duration <= 300 or not 0 < users <= 2000:
            raise CommandError("--duration must be 1–300 seconds and --users 1–2000.")
        try:
            loadtest.loopback_target(url)
            plan = loadtest.prepare(mix)
        except (loadtest.NotLoopback, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{users} users for {duration:g} s against {url}, mix {mix}…")
        results = asyncio.run(loadtest.run(url, plan, users, duration, max_requests, think))
        summary = {"mix": mix, "users": users, "think_seconds": think, **results.summary()}
        ms = summary["ms"]
        self.stdout.write(
            f"{summary['requests']} requests in {summary['seconds']} s: {summary['requests_per_second']} req/s, "
            f"errors {summary['errors']}, p50 {ms['p50']} ms, p95 {ms['p95']} ms, p99 {ms['p99']} ms"
        )
        for name, row in summary["by_call"].items():
            self.stdout.write(
                f"  {name:<22}{row['requests']:>7}{row['per_second']:>8}/s  p50 {row['p50_ms']:>7} ms"
                f"  p95 {row['p95_ms']:>7} ms  errors {row['errors']}"
            )
        output = output or Path(settings.VAR_DIR) / f"loadtest-{mix}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
        if summary["errors"]:
            raise CommandError(f"{summary['errors']} requests failed: {summary['statuses']}")

"""Figures the probing suites report (probes, cases, failures), printed at the end of the run.

pytest hides what a passing test prints; CI should still show how much was probed.
"""

LINES: list[str] = []


def note(line: str) -> None:
    LINES.append(line.strip())

"""The faults survived in this run: one row per test, printed at the end of the session."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class FaultRun:
    """One fault: what was posted, what the checker found, and how long recovery took."""

    fault: str
    posted: int = 0
    lost: int | None = None
    doubled: int | None = None
    recovery_seconds: float | None = None
    """From the fault (the kill, the crash, the deletion; for an outage of a chosen length, the
    server's return) until every view held every call exactly once."""


RUNS = pytest.StashKey[list[FaultRun]]()

DEFINITION = (
    "time to recover: from the fault (the kill, the crash, the deletion; the NATS outage: its"
    " end) until every view held every call exactly once"
)
HEADER = ("fault", "calls posted", "lost", "doubled", "time to recover")


def _cell(value: int | float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:.1f}{unit}" if isinstance(value, float) else str(value)


def _recovery(run: FaultRun) -> str:
    return _cell(run.recovery_seconds, " s")


def table(runs: list[FaultRun]) -> list[str]:
    """The runs as a Markdown table, as docs/reliability.md shows it."""
    rows = [
        (run.fault, str(run.posted), _cell(run.lost), _cell(run.doubled), _recovery(run))
        for run in runs
    ]
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return [line(HEADER), rule, *(line(row) for row in rows)]

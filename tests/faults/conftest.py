"""Fixtures of the fault-injection suite: servers of a test's own, and the record of each
fault survived, printed as a table at the end of the run (docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.report import DEFINITION, RUNS, FaultRun, table
from tests.private_servers import PrivateNats, PrivatePostgres


@pytest.fixture
def fault_run(request: pytest.FixtureRequest) -> Callable[[str], FaultRun]:
    """`fault_run(name)`: a row of the table, filled in by the test and its checker."""
    runs = request.config.stash.setdefault(RUNS, [])

    def start(fault: str) -> FaultRun:
        run = FaultRun(fault)
        runs.append(run)
        return run

    return start


@pytest.fixture
def private_nats(tmp_path: Path) -> Iterator[PrivateNats]:
    server = PrivateNats(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_postgres(tmp_path: Path) -> Iterator[PrivatePostgres]:
    server = PrivatePostgres(tmp_path / "pg")
    server.start()
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    runs = terminalreporter.config.stash.get(RUNS, [])
    if not runs:
        return
    terminalreporter.section("faults survived")
    for line in table(runs):
        terminalreporter.write_line(line)
    terminalreporter.write_line(DEFINITION)

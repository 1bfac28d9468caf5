"""`qa run` as a subprocess: a child that dies is restarted, alone; SIGTERM stops everything.

PostgreSQL is the test session's; NATS is `qa run`'s own embedded server, so that killing it is
this test's business only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from runtime.cli.children import answers
from runtime.cli.run import SERVICES
from runtime.embedded.nats_server import jetstream_in_info
from runtime.embedded.process import wait_until
from runtime.settings import Settings
from tests.e2e.calls import make_call
from tests.stack import free_port
from tests.support import ROOT

pytestmark = pytest.mark.integration

STARTUP_SECONDS = 180.0  # six services on a small, shared machine
RECOVERY_SECONDS = 60.0
NAMES = [name for name, _ in SERVICES]


class QaRun:
    """A `qa run` process, its ports, and its log (stdout and stderr, children's included)."""

    def __init__(self, settings: Settings, data_dir: Path, log_path: Path) -> None:
        self.ports = {name: free_port() for name in [*NAMES, "nats"]}
        self.api_key = settings.bootstrap_api_key
        self.log_path = log_path
        env = {key: value for key, value in os.environ.items() if not self._elsewhere(key)}
        env.update(
            QA_DATABASE_URL=settings.database_url or "",
            QA_NAMESPACE=settings.namespace,
            QA_DATA_DIR=str(data_dir),
            QA_EMBEDDED_NATS_PORT=str(self.ports["nats"]),
            QA_LOG_LEVEL="INFO",
            **{f"QA_{name.upper()}_PORT": str(self.ports[name]) for name in NAMES},
        )
        with open(log_path, "wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "runtime.cli", "run"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    @staticmethod
    def _elsewhere(variable: str) -> bool:
        """Variables that would point `qa run` at other servers or services."""
        return variable == "NATS_URL" or (variable.startswith("QA_") and variable.endswith("_URL"))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def ready(self, name: str) -> bool:
        return answers(f"{self.url(name)}/readyz")

    @property
    def nats_url(self) -> str:
        return f"nats://127.0.0.1:{self.ports['nats']}"

    def children(self) -> dict[str, psutil.Process]:
        """The running service processes by name, and the embedded nats-server as "nats"."""
        found: dict[str, psutil.Process] = {}
        for child in psutil.Process(self.process.pid).children():
            try:
                command, program = child.cmdline(), child.name()
            except psutil.Error:  # gone, or a zombie not reaped yet
                continue
            if program == "nats-server":
                found["nats"] = child
            found.update({name: child for name, app in SERVICES if app in command})
        return found

    def wait_for_log(self, text: str, seconds: float) -> None:
        wait_until(lambda: text in self.log(), seconds, f"{text!r} in qa run's log", 0.1)

    def stop(self) -> None:
        """Whatever the test left running: SIGTERM, then SIGKILL (children die with `qa`)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def qa(settings: Settings, tmp_path: Path) -> Iterator[QaRun]:
    run = QaRun(settings, tmp_path / "data", tmp_path / "qa-run.log")
    try:
        up = "the system is up"  # logged once the gateway is ready
        wait_until(
            lambda: up in run.log() or run.process.poll() is not None,
            STARTUP_SECONDS,
            "qa run to start",
            0.2,
        )
        assert up in run.log(), run.log()
        yield run
    finally:
        run.stop()


def without(children: dict[str, psutil.Process], name: str) -> dict[str, psutil.Process]:
    return {other: child for other, child in children.items() if other != name}


def test_a_dead_child_is_restarted_alone_and_sigterm_stops_everything(qa: QaRun) -> None:
    first = qa.children()
    assert set(first) == {*NAMES, "nats"}

    first["inspection"].kill()
    qa.wait_for_log("inspection exited by SIGKILL", RECOVERY_SECONDS)
    wait_until(lambda: qa.ready("inspection"), RECOVERY_SECONDS, "inspection back", 0.2)
    second = qa.children()
    assert second["inspection"] != first["inspection"]
    # the others are the very same processes: never stopped nor restarted
    assert without(second, "inspection") == without(first, "inspection")

    first["nats"].kill()
    qa.wait_for_log("NATS exited by SIGKILL", RECOVERY_SECONDS)
    wait_until(lambda: jetstream_in_info(qa.nats_url), RECOVERY_SECONDS, "NATS back", 0.2)
    third = qa.children()
    assert third["nats"] != first["nats"]
    assert without(third, "nats") == without(second, "nats")
    wait_until(lambda: qa.ready("gateway"), RECOVERY_SECONDS, "gateway ready", 0.2)
    answer = httpx.post(
        f"{qa.url('gateway')}/v1/calls",
        json=make_call("AFTER-NATS-RESTART-1"),
        headers={"X-API-Key": qa.api_key},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text

    qa.process.send_signal(signal.SIGTERM)
    assert qa.process.wait(10) == 0  # raises after 10 s
    assert "killing it" not in qa.log(), qa.log()
    assert not any(child.is_running() for child in third.values())

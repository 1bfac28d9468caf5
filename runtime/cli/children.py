"""The service processes `qa run` starts, watches and stops."""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
import sys

import httpx

from runtime.cli.signals import StopSignal
from runtime.embedded import EmbeddedServers
from runtime.embedded.process import die_with_parent, port_is_free, stop_process, wait_until
from runtime.settings import Settings, local_url

log = logging.getLogger("qa")

STOP_TIMEOUT = 15.0
WATCH_INTERVAL = 0.5


class StartupFailed(RuntimeError):
    """A child process did not come up."""


class Children:
    """The service processes, started in order and stopped in reverse."""

    def __init__(self, settings: Settings, stop: StopSignal) -> None:
        self.settings = settings
        self.stop = stop
        self.env = child_environment(settings)
        self.running: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start_service(self, name: str, app: str) -> None:
        host, port = self.settings.host, self.settings.port(name)
        if not port_is_free(host, port):
            raise StartupFailed(f"port {port} for {name} is in use; set QA_{name.upper()}_PORT")
        command = [sys.executable, "-m", "uvicorn", app, "--host", host, "--port", str(port)]
        log.info("starting %s: python %s", name, shlex.join(command[1:]))
        self.running.append((name, self._spawn(command)))
        self._wait_ready(name, local_url(host, port))

    def run_once(self, name: str, module: str) -> None:
        """Run `python -m module` to completion; fail unless it exits 0."""
        process = self._spawn([sys.executable, "-m", module])
        try:
            wait_until(
                lambda: self.stop.requested or process.poll() is not None,
                self.settings.startup_timeout,
                name,
                0.1,
            )
        finally:
            code = stop_process(process, STOP_TIMEOUT, name)
        if code != 0 and not self.stop.requested:
            raise StartupFailed(f"{name} ({module}) failed: exited {describe_exit(code)}")

    def watch(self, servers: EmbeddedServers | None) -> int:
        """Block until a stop signal (0) or until a child or an embedded server dies (1)."""
        while not self.stop.wait(WATCH_INTERVAL):
            if problem := self._problem() or (servers.problem() if servers else None):
                log.error("%s; shutting down", problem)
                return 1
        return 0

    def _problem(self) -> str | None:
        for name, process in self.running:
            if (code := process.poll()) is not None:
                return f"{name} exited unexpectedly ({describe_exit(code)})"
        return None

    def stop_all(self) -> None:
        for name, process in reversed(self.running):
            code = stop_process(process, STOP_TIMEOUT, name)
            log.info("%s stopped (%s)", name, describe_exit(code))
        self.running.clear()

    def _spawn(self, command: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            command,
            env=self.env,
            start_new_session=True,  # Ctrl-C reaches only `qa`, which stops children in order
            preexec_fn=die_with_parent,
        )

    def _wait_ready(self, name: str, url: str) -> None:
        process = self.running[-1][1]

        def settled() -> bool:
            return self.stop.requested or process.poll() is not None or is_ready(url)

        wait_until(settled, self.settings.startup_timeout, f"{name} at {url}/readyz", 0.2)
        if process.poll() is not None:
            code = process.returncode
            raise StartupFailed(f"{name} exited {describe_exit(code)} while starting")
        if not self.stop.requested:
            log.info("%s ready at %s", name, url)


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"by {signal.Signals(-code).name}"
        except ValueError:
            return f"by signal {-code}"
    return f"with code {code}"


def is_ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def child_environment(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["QA_DATABASE_URL"] = settings.database_url or ""
    env["QA_NATS_URL"] = settings.nats_url or ""
    return env

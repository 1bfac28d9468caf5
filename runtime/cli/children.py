"""The service processes `qa run` starts and stops."""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
import sys

import httpx

from runtime.cli.signals import StopSignal
from runtime.embedded.process import (
    describe_exit,
    die_with_parent,
    port_is_free,
    stop_process,
    wait_until,
)
from runtime.settings import Settings, local_url

log = logging.getLogger("qa")

STOP_TIMEOUT = 15.0
GRACEFUL_SECONDS = 5
"""How long a service may finish in-flight requests after SIGTERM."""


class StartupFailed(RuntimeError):
    """A child process did not come up."""


class Service:
    """One service's uvicorn process, serving on `url`; `restart` runs the same command again."""

    def __init__(self, name: str, url: str, command: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.url = url
        self.command = command
        self.env = env
        self.process = spawn(command, env)

    def exit_status(self) -> str | None:
        code = self.process.poll()
        return None if code is None else f"exited {describe_exit(code)}"

    def restart(self) -> None:
        self.process = spawn(self.command, self.env)

    def stop(self) -> None:
        code = stop_process(self.process, STOP_TIMEOUT, self.name)
        log.info("%s stopped (%s)", self.name, describe_exit(code))


class Children:
    """The service processes, started in order and stopped in reverse."""

    def __init__(self, settings: Settings, stop: StopSignal) -> None:
        self.settings = settings
        self.stop = stop
        self.env = child_environment(settings)
        self.services: list[Service] = []

    def start_service(self, name: str, app: str) -> None:
        """Start it and wait until it serves (`/healthz`): it cannot be ready (`/readyz`) before
        the default rule pack is in force, which needs the services up."""
        host, port = self.settings.host, self.settings.port(name)
        if not port_is_free(host, port):
            raise StartupFailed(f"port {port} for {name} is in use; set QA_{name.upper()}_PORT")
        command = [sys.executable, "-m", "uvicorn", app, "--host", host, "--port", str(port)]
        command += ["--timeout-graceful-shutdown", str(GRACEFUL_SECONDS)]
        log.info("starting %s: python %s", name, shlex.join(command[1:]))
        service = Service(name, local_url(host, port), command, self.env)
        self.services.append(service)
        self._wait(f"{service.url}/healthz", f"{name} to serve at {service.url}")
        if not self.stop.requested:
            log.info("%s serving at %s", name, service.url)

    def wait_ready(self, name: str) -> None:
        """Until service `name` says it can take requests (for the gateway: every service can)."""
        url = next(service.url for service in self.services if service.name == name)
        self._wait(f"{url}/readyz", f"{name} to be ready at {url}")

    def run_once(self, name: str, module: str) -> None:
        """Run `python -m module` to completion; fail unless it exits 0."""
        process = spawn([sys.executable, "-m", module], self.env)
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

    def stop_all(self) -> None:
        for service in reversed(self.services):
            service.stop()
        self.services.clear()

    def _wait(self, url: str, what: str) -> None:
        """Until GET `url` answers 200 or a stop signal; fail if a service exits meanwhile."""

        def dead() -> Service | None:
            return next((service for service in self.services if service.exit_status()), None)

        def settled() -> bool:
            return self.stop.requested or dead() is not None or answers(url)

        wait_until(settled, self.settings.startup_timeout, what, 0.2)
        if (service := dead()) is not None:
            raise StartupFailed(f"{service.name} {service.exit_status()} while starting")


def spawn(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        env=env,
        start_new_session=True,  # Ctrl-C reaches only `qa`, which stops children in order
        preexec_fn=die_with_parent,
    )


def answers(url: str) -> bool:
    """Whether GET `url` answers 200."""
    try:
        return httpx.get(url, timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def child_environment(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["QA_DATABASE_URL"] = settings.database_url or ""
    env["QA_NATS_URL"] = settings.nats_url or ""
    return env

"""The `qa` command.

    qa run       start the whole system in the foreground (embedded servers unless
                 QA_DATABASE_URL / QA_NATS_URL name real ones); Ctrl-C stops it
    qa servers   start only the embedded PostgreSQL and NATS and print their env exports

To add a command, write an `add_<name>_command(commands)` function that adds a sub-parser with
`set_defaults(handler=...)` (a handler takes the parsed args and `Settings`, returns the exit
code), and append it to `COMMANDS`.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace
from types import FrameType
from typing import TypeAlias

import httpx

from runtime.embedded import (
    EmbeddedError,
    EmbeddedServers,
    die_with_parent,
    port_is_free,
    stop_process,
    wait_until,
)
from runtime.logs import configure_logging
from runtime.settings import Settings

log = logging.getLogger("qa")

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler = Callable[[argparse.Namespace, Settings], int]

# Started in this order, stopped in reverse.
SERVICES: tuple[tuple[str, str], ...] = (
    ("rules", "services.rules.api.main:app"),
    ("inspection", "services.inspection.api.main:app"),
    ("gateway", "gateway.main:app"),
)
BOOTSTRAP_MODULE = "services.rules.bootstrap"
STOP_TIMEOUT = 15.0
WATCH_INTERVAL = 0.5


class StartupFailed(RuntimeError):
    """A child process did not come up."""


class StopSignal:
    """SIGINT and SIGTERM set a flag instead of raising, so that shutdown runs in order."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @classmethod
    def install(cls) -> StopSignal:
        stop = cls()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, stop._handle)
        return stop

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        log.info("%s received; shutting down", signal.Signals(signum).name)
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)


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


def local_url(host: str, port: int) -> str:
    connect_to = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    return f"http://{connect_to}:{port}"


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


def with_servers(settings: Settings, stack: ExitStack) -> tuple[Settings, EmbeddedServers | None]:
    """`settings` with both server URLs set, starting embedded servers for those not given."""
    need_pg, need_nats = settings.database_url is None, settings.nats_url is None
    if not (need_pg or need_nats):
        log.info("using PostgreSQL and NATS given by QA_DATABASE_URL / QA_NATS_URL")
        return settings, None
    embedded = EmbeddedServers.from_settings(settings, postgres=need_pg, nats=need_nats)
    urls = embedded.start()
    stack.callback(embedded.stop)
    updated = replace(
        settings,
        database_url=settings.database_url or urls.database_url,
        nats_url=settings.nats_url or urls.nats_url,
    )
    return updated, embedded


def log_urls(settings: Settings) -> None:
    gateway = local_url(settings.host, settings.port("gateway"))
    lines = [f"  {'gateway':<11}{gateway}  (API docs: {gateway}/docs)"]
    lines += [
        f"  {name:<11}{local_url(settings.host, settings.port(name))}"
        for name, _ in SERVICES
        if name != "gateway"
    ]
    lines += [f"  {'PostgreSQL':<11}{settings.database_url}", f"  {'NATS':<11}{settings.nats_url}"]
    log.info("the system is up; Ctrl-C to stop\n%s", "\n".join(lines))


def start_system(children: Children) -> None:
    """The services in order, then the default rule pack; returns early on a stop signal."""
    for name, app in SERVICES:
        if children.stop.requested:
            return
        children.start_service(name, app)
    if not children.stop.requested:
        children.run_once("default rule pack", BOOTSTRAP_MODULE)


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    stop = StopSignal.install()
    with ExitStack() as stack:
        settings, embedded = with_servers(settings, stack)
        children = Children(settings, stop)
        stack.callback(children.stop_all)
        try:
            start_system(children)
        except (StartupFailed, TimeoutError) as error:
            log.error("%s", error)
            return 1
        if stop.requested:
            return 0
        log_urls(settings)
        return children.watch(embedded)
    return 1  # only if the stack swallowed an exception


def servers_command(args: argparse.Namespace, settings: Settings) -> int:
    stop = StopSignal.install()
    with EmbeddedServers.from_settings(settings) as urls:
        for name, value in urls.exports().items():
            print(f"export {name}={shlex.quote(value)}", flush=True)
        log.info("embedded servers up under %s; Ctrl-C to stop", settings.data_dir)
        stop.wait()
    return 0


def add_run_command(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "run",
        help="start the whole system in the foreground",
        description="Start PostgreSQL and NATS (embedded unless QA_DATABASE_URL / QA_NATS_URL "
        "are set), then the rules, inspection and gateway services, then load the default "
        "rule pack. Ctrl-C or SIGTERM stops everything.",
    )
    parser.set_defaults(handler=run_command)


def add_servers_command(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "servers",
        help="start only the embedded PostgreSQL and NATS; print their env exports",
        description="Start the embedded servers under QA_DATA_DIR and print the "
        "`export QA_DATABASE_URL=... QA_NATS_URL=...` lines; Ctrl-C stops them.",
    )
    parser.set_defaults(handler=servers_command)


COMMANDS: list[Callable[[Subcommands], None]] = [add_run_command, add_servers_command]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qa", description="Hotline quality inspection: run and operate the system."
    )
    parser.add_argument(
        "--log-level", help="DEBUG, INFO, WARNING or ERROR (default: QA_LOG_LEVEL or INFO)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_command in COMMANDS:
        add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    configure_logging(args.log_level or settings.log_level)
    handler: Handler = args.handler
    try:
        return handler(args, settings)
    except (EmbeddedError, TimeoutError) as error:
        log.error("%s", error)
        return 1


if __name__ == "__main__":
    sys.exit(main())

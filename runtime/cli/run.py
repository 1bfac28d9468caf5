"""`qa run`: the whole system in the foreground."""

from __future__ import annotations

import argparse
import logging
import os
from contextlib import ExitStack
from dataclasses import replace
from datetime import UTC, datetime

from demo.settings import demo_environment
from runtime.cli.children import Children, StartupFailed
from runtime.cli.command import Subcommands
from runtime.cli.signals import StopSignal
from runtime.cli.supervisor import supervise
from runtime.embedded import EmbeddedServers
from runtime.settings import Settings

log = logging.getLogger("qa")

# Started in this order, stopped in reverse.
SERVICES: tuple[tuple[str, str], ...] = (
    ("rules", "services.rules.api.main:app"),
    ("inspection", "services.inspection.api.main:app"),
    ("knowledge", "services.knowledge.api.main:app"),
    ("training", "services.training.api.main:app"),
    ("coaching", "services.coaching.api.main:app"),
    ("gateway", "gateway.main:app"),
)
BOOTSTRAP_MODULE = "services.rules.bootstrap"


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
    gateway = settings.service_url("gateway")
    lines = [f"  {'gateway':<11}{gateway}  (API docs: {gateway}/docs)"]
    lines += [
        f"  {name:<11}{settings.service_url(name)}" for name, _ in SERVICES if name != "gateway"
    ]
    lines += [f"  {'PostgreSQL':<11}{settings.database_url}", f"  {'NATS':<11}{settings.nats_url}"]
    log.info("the system is up; Ctrl-C to stop\n%s", "\n".join(lines))


def start_system(children: Children) -> None:
    """The services in order, the default rule pack, then until the gateway is ready (every
    service reaches PostgreSQL, a rule set is in force); returns early on a stop signal."""
    for name, app in SERVICES:
        if children.stop.requested:
            return
        children.start_service(name, app)
    if not children.stop.requested:
        children.run_once("default rule pack", BOOTSTRAP_MODULE)
    if not children.stop.requested:
        children.wait_ready("gateway")


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    started = datetime.now(UTC)
    stop = StopSignal.install()
    with ExitStack() as stack:
        settings, embedded = with_servers(settings, stack)
        children = Children(settings, stop)
        if args.demo:
            demo_env = demo_environment(os.environ, started)
            children.env.update(demo_env)
            speed = float(demo_env["QA_CLOCK_SPEED"])
            settings = replace(settings, clock_speed=speed, clock_since=started)
        stack.callback(children.stop_all)
        try:
            start_system(children)
        except (StartupFailed, TimeoutError) as error:
            log.error("%s", error)
            return 1
        if stop.requested:
            return 0
        log_urls(settings)
        if args.demo:
            from demo.feeder import start_demo  # here: the feeder imports runtime.cli.loop

            gateway = settings.service_url("gateway")
            start_demo(gateway, settings.bootstrap_api_key, settings.clock_speed, started, stop)
        supervise([*(embedded.servers() if embedded else []), *children.services], stop)
        return 0
    return 1  # only if the stack swallowed an exception


def add_run_command(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "run",
        help="start the whole system in the foreground",
        description="Start PostgreSQL and NATS (embedded unless QA_DATABASE_URL / QA_NATS_URL "
        "are set), then every service and the gateway, then load the default "
        "rule pack. A service or embedded server that dies is restarted (after 0.5 s, "
        "doubling up to 30 s while it keeps dying); the others keep running. "
        "Ctrl-C or SIGTERM stops everything, in reverse order.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="demo: the services' clocks run QA_CLOCK_SPEED (default 86400: a day a second) "
        "times faster, their jobs run every 2 s, and a built-in sample of calls is fed "
        "through the gateway to show the closed loop turning, step by step",
    )
    parser.set_defaults(handler=run_command)

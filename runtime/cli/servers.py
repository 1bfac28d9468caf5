"""`qa servers`: only the embedded PostgreSQL and NATS, for processes started by hand."""

from __future__ import annotations

import argparse
import logging
import shlex

from runtime.cli.command import Subcommands
from runtime.cli.signals import StopSignal
from runtime.embedded import EmbeddedServers
from runtime.settings import Settings

log = logging.getLogger("qa")


def servers_command(args: argparse.Namespace, settings: Settings) -> int:
    stop = StopSignal.install()
    with EmbeddedServers.from_settings(settings) as urls:
        for name, value in urls.exports().items():
            print(f"export {name}={shlex.quote(value)}", flush=True)
        log.info("embedded servers up under %s; Ctrl-C to stop", settings.data_dir)
        stop.wait()
    return 0


def add_servers_command(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "servers",
        help="start only the embedded PostgreSQL and NATS; print their env exports",
        description="Start the embedded servers under QA_DATA_DIR and print the "
        "`export QA_DATABASE_URL=... QA_NATS_URL=...` lines; Ctrl-C stops them.",
    )
    parser.set_defaults(handler=servers_command)

"""The `qa` command.

    qa run       start the whole system in the foreground (embedded servers unless
                 QA_DATABASE_URL / QA_NATS_URL name real ones), restarting any part
                 that dies; Ctrl-C stops it;
                 `--demo` feeds a built-in sample of calls and shows the closed loop turning
    qa loop      print the state of the closed loop (proposals, programmes, verifications,
                 coaching plans), read through the gateway
    qa servers   start only the embedded PostgreSQL and NATS and print their env exports
    qa cipher-key  print a new key for encrypting the event stores (QA_CIPHER_KEY)

To add a command, write an `add_<name>_command(commands)` function that adds a sub-parser with
`set_defaults(handler=...)` (a handler takes the parsed args and `Settings`, returns the exit
code), and append it to `COMMANDS`.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence

from runtime.cli.cipher_key import add_cipher_key_command
from runtime.cli.command import Handler, Subcommands
from runtime.cli.loop import add_loop_command
from runtime.cli.run import add_run_command
from runtime.cli.servers import add_servers_command
from runtime.embedded import EmbeddedError
from runtime.logs import configure_logging
from runtime.settings import Settings

log = logging.getLogger("qa")

COMMANDS: list[Callable[[Subcommands], None]] = [
    add_run_command,
    add_servers_command,
    add_loop_command,
    add_cipher_key_command,
]


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

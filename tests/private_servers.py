"""Servers of a test's own, which it may kill: never the machine's shared ones."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import psutil

from runtime.embedded.nats_server import jetstream_in_info, nats_server_binary
from runtime.embedded.postgres import EmbeddedPostgres
from runtime.embedded.process import read_int, wait_until
from tests.stack import free_port

START_SECONDS = 60.0


class PrivateNats:
    """A nats-server with JetStream on a fixed port and store: killed, it comes back with its
    stream, on the same URL."""

    def __init__(self, store: Path) -> None:
        self.port = free_port()
        self.store = store
        self.url = f"nats://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [nats_server_binary(), "-js", "-a", "127.0.0.1", "-p", str(self.port)]
        self.process = subprocess.Popen([*command, "-sd", str(self.store)])
        wait_until(lambda: jetstream_in_info(self.url), START_SECONDS, "the private nats-server")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class PrivatePostgres:
    """The embedded PostgreSQL on a data folder of the test's own (same URL after a restart)."""

    def __init__(self, pgdata: Path) -> None:
        self.server = EmbeddedPostgres(pgdata, START_SECONDS)
        self.url = ""

    def start(self) -> None:
        self.url = self.server.start()

    def crash(self) -> None:
        """SIGKILL the postmaster and every backend, as a power cut would: the next start
        recovers from the write-ahead log."""
        pid = read_int(self.server.pgdata / "postmaster.pid")
        assert pid is not None
        postmaster = psutil.Process(pid)
        processes = [postmaster, *postmaster.children(recursive=True)]
        for process in processes:
            process.send_signal(signal.SIGKILL)
        psutil.wait_procs(processes, timeout=10)

    def restart(self) -> None:
        self.server.restart()

    def stop(self) -> None:
        self.server.stop()

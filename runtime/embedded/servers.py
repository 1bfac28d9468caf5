"""PostgreSQL and NATS JetStream together under one data folder."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from runtime.embedded.lock import DataDirLock
from runtime.embedded.nats import EmbeddedNats
from runtime.embedded.postgres import EmbeddedPostgres
from runtime.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerUrls:
    database_url: str | None
    nats_url: str | None

    def exports(self) -> dict[str, str]:
        """The environment variables that point a process at these servers."""
        pairs = {"QA_DATABASE_URL": self.database_url, "QA_NATS_URL": self.nats_url}
        return {name: value for name, value in pairs.items() if value}


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

    def servers(self) -> list[EmbeddedPostgres | EmbeddedNats]:
        """The servers started, for `qa run` to watch and restart."""
        return [server for server in (self._postgres, self._nats) if server is not None]

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

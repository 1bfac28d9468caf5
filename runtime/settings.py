"""Configuration from the environment: one place that names every variable the system reads."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from runtime.clock import Clock, clock_for

SERVICE_PORTS = {
    "gateway": 8080,
    "rules": 8081,
    "inspection": 8082,
    "knowledge": 8083,
    "training": 8084,
    "coaching": 8085,
}


def local_url(host: str, port: int) -> str:
    """Where a process on this machine reaches a server listening on `host`."""
    connect_to = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    return f"http://{connect_to}:{port}"


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    """Everything a process needs to find its servers and its peers.

    `namespace` prefixes every Postgres schema, NATS subject and stream name, so that
    several installations (or test runs) can share one PostgreSQL and one NATS.
    """

    data_dir: Path = field(default_factory=lambda: Path(_env("QA_DATA_DIR", ".qa-data") or ""))
    database_url: str | None = field(
        default_factory=lambda: _env("QA_DATABASE_URL", _env("DATABASE_URL"))
    )
    nats_url: str | None = field(default_factory=lambda: _env("QA_NATS_URL", _env("NATS_URL")))
    namespace: str = field(default_factory=lambda: _env("QA_NAMESPACE", "qa") or "qa")
    host: str = field(default_factory=lambda: _env("QA_HOST", "127.0.0.1") or "127.0.0.1")
    bootstrap_api_key: str = field(
        default_factory=lambda: _env("QA_BOOTSTRAP_API_KEY", "local-dev-key") or ""
    )
    grade_thresholds: str = field(
        default_factory=lambda: _env("QA_GRADE_THRESHOLDS", "90,80,60") or "90,80,60"
    )
    service_urls: dict[str, str] = field(
        default_factory=lambda: {
            name: url for name in SERVICE_PORTS if (url := _env(f"QA_{name.upper()}_URL"))
        }
    )

    clock_speed: float = field(
        default_factory=lambda: float(_env("QA_CLOCK_SPEED", "1") or 1),
    )
    clock_since: datetime | None = field(
        default_factory=lambda: _datetime(_env("QA_CLOCK_SINCE")),
    )

    verify_check_seconds: float = field(
        default_factory=lambda: float(_env("QA_VERIFY_CHECK_SECONDS", "300") or 300)
    )

    # The runtime: embedded servers, `qa run` and logging.
    log_level: str = field(default_factory=lambda: _env("QA_LOG_LEVEL", "INFO") or "INFO")
    embedded_nats_port: int = field(
        default_factory=lambda: int(_env("QA_EMBEDDED_NATS_PORT", "0") or 0)
    )
    startup_timeout: float = field(
        default_factory=lambda: float(_env("QA_STARTUP_TIMEOUT", "120") or 120)
    )

    def port(self, service: str) -> int:
        return int(_env(f"QA_{service.upper()}_PORT", str(SERVICE_PORTS[service])) or 0)

    def service_url(self, service: str) -> str:
        return self.service_urls.get(service) or local_url(self.host, self.port(service))

    def clock(self) -> Clock:
        """The clock every service reads: the system's, or a demo's accelerated one."""
        return clock_for(self.clock_speed, self.clock_since)

    def schema(self, service: str) -> str:
        return f"{self.namespace}_{service}"

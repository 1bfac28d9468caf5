"""Configuration from the environment: one place that names every variable the system reads."""

from __future__ import annotations

import ipaddress
import os
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from runtime.clock import Clock, clock_for

SERVICE_PORTS = {
    "gateway": 8080,
    "rules": 8081,
    "inspection": 8082,
    "knowledge": 8083,
    "training": 8084,
    "coaching": 8085,
}


LOCAL_DEV_API_KEY = "local-dev-key"
"""`QA_BOOTSTRAP_API_KEY`'s default: accepted only when the process runs locally."""

PLACEHOLDER_SECRETS = frozenset(
    {"", LOCAL_DEV_API_KEY, "change-me", "changeme", "change_me", "secret", "password", "postgres"}
)
"""Values no deployment may use as a key or a password (compared case-insensitively)."""

MIN_API_KEY_LENGTH = 16


class InsecureSettingsError(RuntimeError):
    """A process that is not local was given a default, empty or placeholder secret."""


def is_loopback(host: str) -> bool:
    """True for localhost and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
        default_factory=lambda: _env("QA_BOOTSTRAP_API_KEY", LOCAL_DEV_API_KEY) or ""
    )
    environment: str | None = field(default_factory=lambda: _env("QA_ENV"))
    """`QA_ENV`: `local` or anything else (e.g. `production`); unset: local when `host` is
    a loopback address. See `is_local` and `refuse_default_secrets`."""

    # NATS authentication and TLS (user and password go in the URL: nats://user:pass@host).
    nats_creds: str | None = field(default_factory=lambda: _env("QA_NATS_CREDS"))
    nats_tls_ca: str | None = field(default_factory=lambda: _env("QA_NATS_TLS_CA"))
    nats_tls_cert: str | None = field(default_factory=lambda: _env("QA_NATS_TLS_CERT"))
    nats_tls_key: str | None = field(default_factory=lambda: _env("QA_NATS_TLS_KEY"))
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

    @property
    def is_local(self) -> bool:
        """A process on a developer's machine: `QA_ENV=local`, or, when `QA_ENV` is unset,
        listening on a loopback address only (`QA_HOST`, default 127.0.0.1).

        The container image sets `QA_ENV=production`, so a pod is never local by accident.
        """
        if self.environment is not None:
            return self.environment.strip().lower() == "local"
        return is_loopback(self.host)

    def default_secret_problems(self) -> list[str]:
        """What `refuse_default_secrets` would refuse (empty when local)."""
        if self.is_local:
            return []
        problems = []
        key = self.bootstrap_api_key
        if key.strip().lower() in PLACEHOLDER_SECRETS:
            problems.append("QA_BOOTSTRAP_API_KEY is empty, the local default or a placeholder")
        elif len(key) < MIN_API_KEY_LENGTH:
            problems.append(f"QA_BOOTSTRAP_API_KEY is shorter than {MIN_API_KEY_LENGTH} characters")
        for name, url in (("QA_DATABASE_URL", self.database_url), ("QA_NATS_URL", self.nats_url)):
            password = _url_password(url)  # none or empty: another way in (certificates, ...)
            if password and password.strip().lower() in PLACEHOLDER_SECRETS:
                problems.append(f"{name} has a placeholder password")
        return problems

    def refuse_default_secrets(self) -> None:
        """Raise InsecureSettingsError when a process that is not local (see `is_local`) has an
        empty, default or placeholder API key (or one under 16 characters), or a placeholder
        password in its PostgreSQL or NATS URL. A process calls it before it serves."""
        problems = self.default_secret_problems()
        if problems:
            raise InsecureSettingsError(
                "refusing to start outside a local machine (QA_ENV="
                f"{self.environment or 'unset'}, QA_HOST={self.host}): " + "; ".join(problems)
            )


def _url_password(url: str | None) -> str | None:
    """The password of a URL (libpq keyword strings have none here), or None."""
    if not url or "://" not in url:
        return None
    try:
        password = urlsplit(url.split(",")[0]).password
    except ValueError:
        return None
    return unquote(password) if password is not None else None


def nats_tls_context(ca: str | None, cert: str | None, key: str | None) -> ssl.SSLContext:
    """A client TLS context: the server verified against `ca` (else the system's CAs), and
    the client's certificate `cert` with its private key `key` for mutual TLS."""
    if key and not cert:
        raise ValueError("QA_NATS_TLS_KEY is set without QA_NATS_TLS_CERT")
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if cert:
        context.load_cert_chain(cert, key or None)
    return context


def nats_connect_options(settings: Settings) -> dict[str, Any]:
    """The keyword arguments of `nats.connect` for the settings' URL, credentials and TLS.

    `QA_NATS_URL` may list several servers separated by commas; a user and password (or a
    token alone) in the URL are taken out of it, percent-decoded, and passed as options, so
    that no log line shows them. `QA_NATS_CREDS` is a `.creds` file (JWT and NKey seed).
    A CA, a client certificate, or a `tls://` URL turns TLS on.
    """
    if settings.nats_url is None:
        raise RuntimeError("no NATS URL configured (QA_NATS_URL)")
    servers: list[str] = []
    options: dict[str, Any] = {}
    for raw in settings.nats_url.split(","):
        parts = urlsplit(raw.strip() if "://" in raw else f"nats://{raw.strip()}")
        if parts.username is not None and "user" not in options and "token" not in options:
            if parts.password is None:
                options["token"] = unquote(parts.username)
            else:
                options["user"] = unquote(parts.username)
                options["password"] = unquote(parts.password)
        netloc = parts.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        if parts.port is not None:
            netloc = f"{netloc}:{parts.port}"
        servers.append(urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")))
    options["servers"] = servers
    if settings.nats_creds:
        if not Path(settings.nats_creds).is_file():
            raise FileNotFoundError(f"QA_NATS_CREDS: no such file {settings.nats_creds}")
        options["user_credentials"] = settings.nats_creds
    wants_tls = any(server.startswith("tls://") for server in servers)
    if settings.nats_tls_ca or settings.nats_tls_cert or settings.nats_tls_key or wants_tls:
        options["tls"] = nats_tls_context(
            settings.nats_tls_ca, settings.nats_tls_cert, settings.nats_tls_key
        )
    return options

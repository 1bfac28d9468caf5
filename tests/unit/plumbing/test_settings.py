"""Settings that reach the servers: every libpq parameter of QA_DATABASE_URL gets to the event
store's connections; NATS credentials and TLS become `nats.connect` options; a process that is
not local refuses default secrets."""

from __future__ import annotations

import dataclasses
import shutil
import ssl
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from eventsourcing.utils import Environment
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from runtime.eventstore import (
    PostgresURLFactory,
    ServiceApplication,
    open_application,
    postgres_env,
)
from runtime.settings import (
    LOCAL_DEV_API_KEY,
    InsecureSettingsError,
    Settings,
    nats_connect_options,
)

URL = "postgresql://qa:s%40cret@db.example.org:5433/hotline?sslmode=require&sslrootcert=/x"
STRONG_KEY = "k3y-0f-at-least-16-characters"


# PostgreSQL


def test_every_libpq_parameter_of_the_url_reaches_the_event_store_settings() -> None:
    env = postgres_env(URL, "qa_inspection")
    assert env["PERSISTENCE_MODULE"] == "runtime.eventstore:PostgresURLFactory"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"]) == ("db.example.org", "5433")
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("qa", "s@cret")
    assert env["POSTGRES_DBNAME"] == "hotline"
    assert conninfo_to_dict(env["POSTGRES_CONNINFO"]) == {
        "sslmode": "require",
        "sslrootcert": "/x",
    }


def test_the_factory_connects_with_the_whole_url() -> None:
    factory = PostgresURLFactory.construct(Environment(env=postgres_env(URL, "qa_rules")))
    try:
        assert isinstance(factory, PostgresURLFactory)
        pool = factory.datastore.pool
        assert isinstance(pool.kwargs, dict)
        kwargs = {key: value for key, value in pool.kwargs.items() if key != "row_factory"}
        connection = conninfo_to_dict(make_conninfo(str(pool.conninfo), **kwargs))
    finally:
        factory.close()
    assert connection == {
        "sslmode": "require",
        "sslrootcert": "/x",
        "dbname": "hotline",
        "host": "db.example.org",
        "port": "5433",
        "user": "qa",
        "password": "s@cret",
    }


def test_a_socket_url_without_extra_parameters_is_unchanged() -> None:
    env = postgres_env("postgresql://postgres:@/postgres?host=/data/run", "qa_rules")
    assert env["POSTGRES_HOST"] == "/data/run"
    assert env["POSTGRES_CONNINFO"] == ""


@pytest.mark.integration
def test_a_url_parameter_is_in_force_on_the_servers_connection(
    make_settings: Callable[[], Settings],
) -> None:
    settings = make_settings()
    assert settings.database_url is not None
    url = make_conninfo(settings.database_url, application_name="qa-settings-test")
    app = open_application(ServiceApplication, dataclasses.replace(settings, database_url=url), "t")
    try:
        factory = cast(PostgresURLFactory, app.factory)
        with factory.datastore.get_connection() as conn:
            row = conn.execute("SHOW application_name").fetchone()
    finally:
        app.close()
    assert row is not None
    assert row["application_name"] == "qa-settings-test"


# NATS


def test_user_and_password_leave_the_url_decoded() -> None:
    options = nats_connect_options(Settings(nats_url="nats://qa:p%40ss@nats-a:4222,nats-b:4222"))
    assert options == {
        "servers": ["nats://nats-a:4222", "nats://nats-b:4222"],
        "user": "qa",
        "password": "p@ss",
    }


def test_a_user_alone_is_a_token_and_a_plain_url_has_no_options() -> None:
    assert nats_connect_options(Settings(nats_url="nats://s3cr3t@nats:4222")) == {
        "servers": ["nats://nats:4222"],
        "token": "s3cr3t",
    }
    assert nats_connect_options(Settings(nats_url="nats://127.0.0.1:4222")) == {
        "servers": ["nats://127.0.0.1:4222"]
    }


def test_a_creds_file_is_passed_and_a_missing_one_is_refused(tmp_path: Path) -> None:
    creds = tmp_path / "qa.creds"
    creds.write_text("-----BEGIN NATS USER JWT-----\n...\n")
    options = nats_connect_options(Settings(nats_url="nats://nats:4222", nats_creds=str(creds)))
    assert options["user_credentials"] == str(creds)
    with pytest.raises(FileNotFoundError, match="QA_NATS_CREDS"):
        nats_connect_options(Settings(nats_url="nats://nats:4222", nats_creds="/nope.creds"))


def test_a_tls_url_verifies_the_server_with_the_systems_cas() -> None:
    options = nats_connect_options(Settings(nats_url="tls://nats:4222"))
    context = options["tls"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate and its key, made by openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
    subject = ["-days", "2", "-subj", "/CN=hotline-qa-test"]
    subprocess.run(
        [*command.split(), "-keyout", str(key), "-out", str(cert), *subject],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_a_ca_and_a_client_certificate_make_a_mutual_tls_context(
    certificate: tuple[Path, Path],
) -> None:
    cert, key = certificate
    settings = Settings(
        nats_url="nats://nats:4222",
        nats_tls_ca=str(cert),
        nats_tls_cert=str(cert),
        nats_tls_key=str(key),
    )
    context = nats_connect_options(settings)["tls"]
    assert isinstance(context, ssl.SSLContext)
    assert context.cert_store_stats()["x509_ca"] == 1
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2


def test_a_key_without_a_certificate_is_refused(certificate: tuple[Path, Path]) -> None:
    _, key = certificate
    with pytest.raises(ValueError, match="QA_NATS_TLS_CERT"):
        nats_connect_options(Settings(nats_url="nats://nats:4222", nats_tls_key=str(key)))


# Default secrets


def test_a_local_process_keeps_the_local_key() -> None:
    for settings in (
        Settings(environment=None, host="127.0.0.1", bootstrap_api_key=LOCAL_DEV_API_KEY),
        Settings(environment=None, host="::1", bootstrap_api_key=""),
        Settings(environment="local", host="0.0.0.0", bootstrap_api_key=LOCAL_DEV_API_KEY),
    ):
        assert settings.is_local
        settings.refuse_default_secrets()


@pytest.mark.parametrize(
    ("environment", "host"), [("production", "127.0.0.1"), (None, "0.0.0.0"), ("staging", "::")]
)
@pytest.mark.parametrize("key", ["", LOCAL_DEV_API_KEY, "change-me", "CHANGE-ME", "short-key"])
def test_elsewhere_a_default_empty_or_short_key_is_refused(
    environment: str | None, host: str, key: str
) -> None:
    settings = Settings(environment=environment, host=host, bootstrap_api_key=key)
    assert not settings.is_local
    with pytest.raises(InsecureSettingsError, match="QA_BOOTSTRAP_API_KEY"):
        settings.refuse_default_secrets()


def test_elsewhere_a_placeholder_password_in_a_url_is_refused() -> None:
    settings = Settings(
        environment="production",
        bootstrap_api_key=STRONG_KEY,
        database_url="postgresql://hotline_qa:change-me@postgres:5432/hotline_qa",
        nats_url="nats://qa:changeme@nats:4222",
    )
    assert settings.default_secret_problems() == [
        "QA_DATABASE_URL has a placeholder password",
        "QA_NATS_URL has a placeholder password",
    ]
    with pytest.raises(InsecureSettingsError):
        settings.refuse_default_secrets()


def test_elsewhere_real_secrets_are_accepted() -> None:
    settings = Settings(
        environment="production",
        bootstrap_api_key=STRONG_KEY,
        database_url="postgresql://hotline_qa:Xk2-long-random@postgres:5432/hotline_qa",
        nats_url="nats://nats:4222",
    )
    settings.refuse_default_secrets()


def test_elsewhere_a_url_without_a_password_is_accepted() -> None:
    settings = Settings(
        environment="production",
        bootstrap_api_key=STRONG_KEY,
        database_url="postgresql://hotline_qa@postgres/hotline_qa?sslcert=/c.crt&sslkey=/c.key",
        nats_url="tls://nats:4222",
    )
    assert settings.default_secret_problems() == []


def test_qa_env_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_ENV", "production")
    monkeypatch.delenv("QA_BOOTSTRAP_API_KEY", raising=False)
    settings = Settings()
    assert not settings.is_local
    with pytest.raises(InsecureSettingsError):
        settings.refuse_default_secrets()

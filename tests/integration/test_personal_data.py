"""Citizens' personal data, through the whole system: a raw ID-card number and mobile number
posted in a call appear nowhere on disk or in logs (event stores, read models, the JetStream
stream, captured logs), masked forms appear where people read them, and the privacy rule still
judges the raw text. Also: the stream's age limit, and the event stores' key."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
import pytest
from nats.aio.client import Client
from nats.js.api import StorageType, StreamConfig

from contracts.subjects import stream_name, stream_subjects
from runtime.cipher import CipherKeyError, new_key
from runtime.eventstore import open_application
from runtime.nats_io import DAY_SECONDS, connect, ensure_stream
from runtime.readmodel import read_schema
from runtime.settings import Settings
from services.inspection.application import InspectionApplication
from services.rules.bootstrap import ensure_default_pack
from tests.e2e.calls import make_call, post_when_in_force, wait_for_findings
from tests.stack import running_stack
from tests.support import wait_for
from tests.unit.inspection.builders import published

pytestmark = pytest.mark.integration

ID_NUMBER, ID_MASKED = "110101199003071234", "1*************1234"
PHONE, PHONE_MASKED = "13912345678", "139****5678"
RAW = (ID_NUMBER, PHONE)


def call_with_personal_data(call_id: str) -> dict[str, Any]:
    segments = [
        ("agent", "您好，很高兴为您服务，请问有什么可以帮您？"),
        ("customer", f"我的身份证号是{ID_NUMBER}，社保卡一直办不下来。"),
        ("agent", f"好的，您的联系电话是{PHONE}对吗？我们会转给社保局处理。"),
        ("customer", "对的，谢谢。"),
        ("agent", "感谢您的来电，再见。"),
    ]
    work_order = {
        "category": "社会保障",
        "content": f"市民（身份证{ID_NUMBER}，电话{PHONE}）反映社保卡办理问题",
        "citizen_phone": PHONE,
    }
    return make_call(call_id, segments, work_order=work_order, caller_id=PHONE)


async def tables(conn: asyncpg.Connection, namespace: str) -> list[tuple[str, str]]:
    rows = await conn.fetch(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_schema LIKE $1 AND table_type = 'BASE TABLE'",
        f"{namespace}\\_%",
    )
    return [(row["table_schema"], row["table_name"]) for row in rows]


async def contents(conn: asyncpg.Connection, schema: str, table: str) -> list[bytes]:
    """Every value of every row, as bytes (bytea as stored, anything else as its text)."""
    rows = await conn.fetch(f'SELECT * FROM "{schema}"."{table}"')
    values = [value for row in rows for value in row.values()]
    return [v if isinstance(v, bytes) else str(v).encode() for v in values]


def raw_in(data: bytes | str) -> list[str]:
    data = data if isinstance(data, bytes) else data.encode()
    return [raw for raw in RAW if raw.encode() in data]


async def stream_messages(nc: Client, namespace: str) -> list[bytes]:
    js, name = nc.jetstream(), stream_name(namespace)
    state = (await js.stream_info(name)).state
    messages = [await js.get_msg(name, seq) for seq in range(state.first_seq, state.last_seq + 1)]
    return [m.data or b"" for m in messages]


async def test_raw_personal_data_is_nowhere_but_the_rules_still_judge_it(
    make_settings: Callable[[], Settings],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QA_CIPHER_KEY", new_key())
    caplog.set_level(logging.DEBUG)
    with running_stack(make_settings()) as (settings, gateway_url):
        ensure_default_pack(settings)
        headers = {"X-API-Key": settings.bootstrap_api_key}
        async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=30) as client:
            posted = await post_when_in_force(client, call_with_personal_data("PD-1"))
            assert posted.status_code == 201, posted.text
            codes = {f["rule_code"] for f in posted.json()["inspection"]["findings"]}
            assert "BIZ-PRIVACY-PHONE" in codes
            await wait_for_findings(settings, "PD", 1, "BIZ-PRIVACY-PHONE")
            read = await client.get("/v1/calls/PD-1")
        await wait_for_coaching_row(settings)
        await assert_nothing_raw_in_postgres(settings)
        nc = await connect(settings, "test")
        try:
            messages = await stream_messages(nc, settings.namespace)
        finally:
            await nc.close()
    assert messages
    assert [m for m in messages if raw_in(m)] == []
    assert any(PHONE_MASKED.encode() in m for m in messages), "evidence is published masked"
    assert raw_in(read.text) == []
    call = read.json()["call"]
    assert call["segments"][1]["text"] == f"我的身份证号是{ID_MASKED}，社保卡一直办不下来。"
    assert (call["work_order"]["citizen_phone"], call["caller_id"]) == (PHONE_MASKED,) * 2
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert raw_in(logged) == []


async def wait_for_coaching_row(settings: Settings) -> None:
    """Until coaching's projection has both of the call's events (the last consumer)."""
    assert settings.database_url is not None
    conn = await asyncpg.connect(settings.database_url)
    query = f'SELECT passed, satisfaction FROM "{read_schema(settings, "coaching")}".agent_calls'
    try:

        async def projected() -> bool:
            row = await conn.fetchrow(query + " WHERE call_id = 'PD-1'")
            return row is not None and row["passed"] is not None

        await wait_for(projected, what="coaching's row of the call")
    finally:
        await conn.close()


async def assert_nothing_raw_in_postgres(settings: Settings) -> None:
    assert settings.database_url is not None
    conn = await asyncpg.connect(settings.database_url)
    try:
        found: dict[str, list[str]] = {}
        masked_in, plaintext = set(), set()
        for schema, table in await tables(conn, settings.namespace):
            values = await contents(conn, schema, table)
            found.update({f"{schema}.{table}": raw_in(v) for v in values if raw_in(v)})
            if any(PHONE_MASKED.encode() in v for v in values):
                masked_in.add(f"{schema}.{table}")
            if table.endswith("_events"):
                states = await conn.fetch(f'SELECT state FROM "{schema}"."{table}"')
                if any(bytes(row["state"]).startswith(b"{") for row in states):
                    plaintext.add(f"{schema}.{table}")
        assert found == {}
        assert plaintext == set(), "every stored event is encrypted"
        inspection, knowledge = (
            read_schema(settings, "inspection"),
            read_schema(settings, "knowledge"),
        )
        assert {f"{inspection}.inspections", f"{knowledge}.findings"} <= masked_in
        assert not {t for t in masked_in if t.endswith("_events")}, "events are encrypted"
    finally:
        await conn.close()


async def test_the_stream_deletes_messages_after_its_age_limit(
    settings: Settings, nc: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    js, name = nc.jetstream(), stream_name(settings.namespace)
    await js.add_stream(
        StreamConfig(
            name=name, subjects=stream_subjects(settings.namespace), storage=StorageType.FILE
        )
    )
    assert not (await js.stream_info(name)).config.max_age
    assert await ensure_stream(js, settings.namespace) is False
    assert (await js.stream_info(name)).config.max_age == pytest.approx(30 * DAY_SECONDS)
    monkeypatch.setenv("QA_STREAM_MAX_AGE_DAYS", "7")
    await ensure_stream(js, settings.namespace)
    assert (await js.stream_info(name)).config.max_age == pytest.approx(7 * DAY_SECONDS)


def test_events_are_read_with_the_key_in_force_or_an_old_one(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = new_key(), new_key()
    monkeypatch.setenv("QA_CIPHER_KEY", old)
    first = open_application(InspectionApplication, settings, "inspection")
    try:
        assert first.unready_reason() is not None
        first.save(*first.activate(published(1)))
    finally:
        first.close()
    monkeypatch.setenv("QA_CIPHER_KEY", new)
    monkeypatch.setenv("QA_CIPHER_ACCEPT_PLAINTEXT", "off")
    unreadable = open_application(InspectionApplication, settings, "inspection")
    try:
        with pytest.raises(ValueError, match="decrypt"):
            unreadable.unready_reason()
    finally:
        unreadable.close()
    monkeypatch.setenv("QA_CIPHER_OLD_KEYS", old)
    rotated = open_application(InspectionApplication, settings, "inspection")
    try:
        assert rotated.unready_reason() is None
    finally:
        rotated.close()


def test_outside_a_local_run_an_event_store_without_a_key_refuses_to_open(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("QA_CIPHER_KEY", "QA_CIPHER_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QA_ENV", "production")
    with pytest.raises(CipherKeyError, match="QA_CIPHER_KEY"):
        open_application(InspectionApplication, settings, "inspection")

"""The embedded PostgreSQL and NATS JetStream: they answer, and their data survives a restart."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import nats
import psycopg
import pytest
from nats.js.api import StreamConfig

from runtime.embedded import EmbeddedError, EmbeddedServers

pytestmark = pytest.mark.integration

STREAM = "EMBEDDED_TEST"


async def asyncpg_select_one(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        value: int = await conn.fetchval("select 1")
        return value
    finally:
        await conn.close()


async def publish_and_consume(url: str) -> bytes:
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        await js.add_stream(StreamConfig(name=STREAM, subjects=["embedded.>"]))
        await js.publish("embedded.hello", b"kept", headers={"Nats-Msg-Id": "hello-1"})
        subscription = await js.pull_subscribe("embedded.>", durable="reader", stream=STREAM)
        [message] = await subscription.fetch(1, timeout=10)
        await message.ack_sync()
        return message.data
    finally:
        await client.close()


async def stream_messages(url: str) -> int:
    client = await nats.connect(url)
    try:
        info = await client.jetstream().stream_info(STREAM)
        return info.state.messages
    finally:
        await client.close()


async def test_embedded_servers_answer_and_keep_their_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = EmbeddedServers(data_dir)
    urls = first.start()
    try:
        assert urls.database_url is not None
        assert urls.nats_url is not None
        with psycopg.connect(urls.database_url, autocommit=True) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
            conn.execute("create table kept (value text)")
            conn.execute("insert into kept values ('first run')")
        assert await asyncpg_select_one(urls.database_url) == 1
        assert await publish_and_consume(urls.nats_url) == b"kept"
        with pytest.raises(EmbeddedError, match="in use"):
            EmbeddedServers(data_dir).start()
    finally:
        first.stop()

    with EmbeddedServers(data_dir) as again:
        assert again.database_url is not None
        assert again.nats_url is not None
        with psycopg.connect(again.database_url) as conn:
            assert conn.execute("select value from kept").fetchall() == [("first run",)]
        assert await stream_messages(again.nats_url) == 1

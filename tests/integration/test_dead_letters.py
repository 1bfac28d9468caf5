"""Dead letters on the real servers: an operator replays one (applied once) or discards one (who,
when and why kept); the relay withholds an event too large for NATS and goes on, the hash chain
whole."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from eventsourcing.domain import Aggregate, MutableOrImmutableAggregate
from nats.aio.client import Client

from contracts.envelope import GENESIS_HASH, Envelope
from contracts.events import IntegrationEvent, register
from contracts.subjects import stream_name, subject_for
from runtime.deadletters.desk import DeadLetterDesk, NotReplayableError
from runtime.deadletters.queries import DeadLetterQueries
from runtime.deadletters.store import DEAD_LETTERS_DDL, DeadLetterStore
from runtime.declaration import Policy, ServiceDeclaration
from runtime.eventstore import ServiceApplication, open_application
from runtime.http import request_actor
from runtime.nats_io import producer_message_count
from runtime.positions import RelayPositions
from runtime.provenance import AuditedEvent, Provenance
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.relay import OutboxRelay
from runtime.service import build_service_app
from runtime.settings import Settings
from tests.integration.plumbing_app import PRODUCER, Effects, TicketOpened
from tests.integration.test_poison_messages import applied, publish_raw, publish_tickets
from tests.stack import ServerThread, free_port
from tests.support import wait_for

pytestmark = pytest.mark.integration

CLOSED = threading.Event()
"""While set, the ledger refuses every entry."""
QA_LEAD = {"X-Actor-Id": "Q007", "X-Actor-Role": "qa_lead"}


class Ledger(Effects):
    def enter(self, envelope: Envelope) -> Sequence[MutableOrImmutableAggregate[UUID]]:
        if CLOSED.is_set():
            raise RuntimeError("the ledger is closed for the audit")
        return self.policy(envelope)


LEDGER = ServiceDeclaration(
    name="ledger",
    title="Ledger",
    application=Ledger,
    to_contract=lambda _: None,
    routers=[],
    policies=[Policy("ledger-tickets", [TicketOpened], Ledger.enter)],
)


async def letters(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = (await client.get("/v1/dead-letters", params=params)).json()[
        "items"
    ]
    return items


async def test_replay_applies_once_and_discard_keeps_who_when_why(
    settings: Settings, nc: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "runtime.deadletters")
    CLOSED.set()
    server = ServerThread(build_service_app(LEDGER, settings), free_port())
    server.start()
    ledger = open_application(Ledger, settings, "ledger")
    try:
        await publish_tickets(nc, settings.namespace, 1, 2)
        subject = subject_for(settings.namespace, PRODUCER, "TicketOpened")
        await publish_raw(nc, settings.namespace, subject, b"not json")
        async with httpx.AsyncClient(base_url=server.url, headers=QA_LEAD) as client:

            async def all_dead() -> list[dict[str, Any]] | None:
                found = await letters(client, consumer="ledger-tickets")
                return found if len(found) == 3 else None

            found = await wait_for(all_dead, 30, "two effects and a malformed message dead")
            by_reason = Counter(letter["reason"] for letter in found)
            assert by_reason == Counter({"effect_failed": 2, "malformed": 1})
            one, two = sorted(
                (x for x in found if x["reason"] == "effect_failed"),
                key=lambda x: x["notification_id"],
            )
            assert one["delivered"] == 5
            CLOSED.clear()

            replayed = await client.post(f"/v1/dead-letters/{one['id']}:replay")
            assert replayed.status_code == 200
            assert replayed.json()["status"] == "replayed"
            assert replayed.json()["action"]["by"] == {"id": "Q007", "role": "qa_lead"}
            again = await client.post(f"/v1/dead-letters/{one['id']}:replay")
            assert (again.status_code, again.json()["error"]) == (409, "dead_letter_settled")
            assert applied(ledger) == Counter([1])

            why = {"reason": "重复工单，已人工处理"}
            discarded = await client.post(f"/v1/dead-letters/{two['id']}:discard", json=why)
            assert discarded.json()["status"] == "discarded"
            assert discarded.json()["action"]["note"] == why["reason"]
            assert applied(ledger) == Counter([1])
            assert any("discarded by Q007" in r.getMessage() for r in caplog.records)

            [malformed] = await letters(client, status="dead")
            failed = await client.post(f"/v1/dead-letters/{malformed['id']}:replay")
            assert (failed.status_code, failed.json()["error"]) == (409, "replay_failed")
            await pages_of_one(client, {one["id"], two["id"], malformed["id"]})
            missing = await client.get("/v1/dead-letters/999999")
            assert (missing.status_code, missing.json()["error"]) == (404, "dead_letter_not_found")
    finally:
        CLOSED.clear()
        server.stop()
        ledger.close()


async def pages_of_one(client: httpx.AsyncClient, ids: set[int]) -> None:
    """Paging one letter at a time meets each once; a cursor not handed out is refused."""
    seen: list[int] = []
    params: dict[str, Any] = {"limit": 1}
    while True:
        page = (await client.get("/v1/dead-letters", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert sorted(seen) == sorted(ids)
    bad = await client.get("/v1/dead-letters", params={"cursor": "nonsense"})
    assert (bad.status_code, bad.json()["error"]) == (422, "invalid_cursor")


MEMOS = "memos"
TOO_LARGE = 2 * 1024 * 1024


@register
class MemoWritten(IntegrationEvent):
    producer = MEMOS

    text: str


class Memo(Aggregate):
    class Written(Aggregate.Created, AuditedEvent):
        length: int

    def __init__(self, length: int) -> None:
        self.length = length


class Memos(ServiceApplication):
    def write(self, *lengths: int) -> None:
        memos = [
            Memo._create(
                Memo.Written, id=uuid4(), length=n, **Provenance.system(f"m{n}").event_kwargs()
            )
            for n in lengths
        ]
        self.save(*memos)


UNLUCKY = 13


def memo_contract(event: object) -> IntegrationEvent | None:
    """The memo's text in full: small in the store, as large as it says on the wire; a mapping
    bug for memos of `UNLUCKY` length."""
    if not isinstance(event, Memo.Written):
        return None
    if event.length == UNLUCKY:
        raise ValueError("no contract for an unlucky memo")
    return MemoWritten(text="x" * event.length)


async def stream_of(nc: Client, namespace: str, producer: str) -> list[Envelope]:
    js = nc.jetstream()
    sub = await js.pull_subscribe(f"{namespace}.{producer}.>", stream=stream_name(namespace))
    try:
        messages = await sub.fetch(100, timeout=2)
        return [Envelope.from_bytes(m.data) for m in messages]
    finally:
        await sub.unsubscribe()


async def relay_until_published(relay: OutboxRelay, nc: Client, namespace: str) -> None:
    task = asyncio.create_task(relay.run(nc))
    js = nc.jetstream()

    async def published() -> bool:
        try:
            return await producer_message_count(js, namespace, MEMOS) == 4
        except Exception:
            return False

    try:
        await wait_for(published, 30, "four messages of the memos relay")
        await wait_for(lambda: saved_all(relay), 30, "the position saved")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def saved_all(relay: OutboxRelay) -> bool:
    return (await asyncio.to_thread(RelayPositions(relay.app).load, MEMOS))[0] == 4


async def test_relay_withholds_an_event_too_large_for_nats_and_goes_on(
    settings: Settings, nc: Client
) -> None:
    memos = open_application(Memos, settings, MEMOS)
    memos.write(10, TOO_LARGE, UNLUCKY, 20)
    pool = await open_pool(settings)
    schema = read_schema(settings, MEMOS)
    await ensure_read_schema(pool, schema, DEAD_LETTERS_DDL)
    store = DeadLetterStore(pool, schema, MEMOS)
    try:
        relay = OutboxRelay(memos, MEMOS, settings.namespace, memo_contract, dead_letters=store)
        await relay_until_published(relay, nc, settings.namespace)
        first = await asyncio.to_thread(RelayPositions(memos).load, MEMOS)
        envelopes = await stream_of(nc, settings.namespace, MEMOS)
        withheld_twice = ["MemoWritten", "EventWithheld", "EventWithheld", "MemoWritten"]
        assert [e.event_name for e in envelopes] == withheld_twice
        assert_chain(envelopes)
        letter, unmappable = await pool.fetch(f'SELECT * FROM "{schema}".dead_letters ORDER BY id')
        assert (letter["consumer"], letter["reason"], letter["notification_id"]) == (
            "relay",
            "too_large",
            2,
        )
        assert (unmappable["reason"], unmappable["notification_id"]) == ("unmappable", 3)
        assert "unlucky" in unmappable["error"]
        assert envelopes[2].payload["withheld_hash"] is None
        withheld = Envelope.from_bytes(bytes(letter["data"]))
        marker = envelopes[1].payload
        assert marker["withheld_hash"] == withheld.hash
        assert withheld.is_intact()
        assert withheld.prev_hash == envelopes[1].prev_hash
        assert marker["dead_letter_id"] == letter["id"]

        await asyncio.to_thread(RelayPositions(memos).save, MEMOS, 0, GENESIS_HASH)
        await relay_until_published(relay, nc, settings.namespace)
        assert await asyncio.to_thread(RelayPositions(memos).load, MEMOS) == first
        assert await pool.fetchval(f'SELECT count(*) FROM "{schema}".dead_letters') == 2

        desk = DeadLetterDesk(store, DeadLetterQueries(pool, schema), settings.namespace)
        with pytest.raises(NotReplayableError):
            await desk.replay(letter["id"], request_actor("Q007", "qa_lead"))
    finally:
        await pool.close()
        memos.close()


def assert_chain(envelopes: list[Envelope]) -> None:
    assert [e.notification_id for e in envelopes] == [1, 2, 3, 4]
    prev = GENESIS_HASH
    for envelope in envelopes:
        assert envelope.prev_hash == prev
        assert envelope.is_intact()
        prev = envelope.hash

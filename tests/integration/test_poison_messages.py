"""Poison messages block nothing: a message that cannot be parsed is dead-lettered at once, one
whose effect fails is retried and then dead-lettered, and every other message of its batch is
applied, exactly once. A batch slower than the ack wait is not handed out again meanwhile."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from uuid import UUID

import asyncpg
import httpx
import pytest
from eventsourcing.domain import MutableOrImmutableAggregate
from nats.aio.client import Client
from nats.js.errors import NotFoundError
from prometheus_client import REGISTRY

from contracts.envelope import GENESIS_HASH, SYSTEM_ACTOR, Envelope
from contracts.subjects import stream_name, subject_for
from runtime.consumer import TrackedConsumer
from runtime.deadletters.delivery import Retry
from runtime.deadletters.store import DEAD_LETTERS_DDL, DeadLetterStore
from runtime.eventstore import open_application
from runtime.nats_io import ensure_stream
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.settings import Settings
from runtime.sinks import ApplicationSink, ReadModelSink, Sink
from runtime.supervisor import Supervisor, Worker
from services.rules.bootstrap import ensure_default_pack
from tests.contracts_io import publish
from tests.e2e.calls import make_call, post_when_in_force
from tests.integration.plumbing_app import PRODUCER, Effect, Effects, TicketOpened
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration

FAST = Retry(max_deliver=3, delays=(0.1,))


def poison(producer: str, event_type: str) -> list[bytes]:
    """Not an envelope, not JSON, and a sealed envelope whose payload is not its type's."""
    wrong_payload = Envelope(
        event_id=UUID(int=1),
        event_type=event_type,
        schema_version=1,
        producer=producer,
        notification_id=1000,
        occurred_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC),
        actor=SYSTEM_ACTOR,
        correlation_id="poison",
        prev_hash=GENESIS_HASH,
        payload={"number": "not a number", "header": "not a header"},
    ).sealed()
    return [b"{}", b"not json", wrong_payload.to_bytes()]


async def publish_raw(nc: Client, namespace: str, subject: str, data: bytes) -> None:
    js = nc.jetstream()
    await ensure_stream(js, namespace)
    await js.publish(subject, data)


class Flaky(Effects):
    """Ticket 2's effect fails its first `failures` times."""

    failures = 0
    attempts = 0

    def policy(self, envelope: Envelope) -> Sequence[MutableOrImmutableAggregate[UUID]]:
        if TicketOpened.model_validate(envelope.payload).number == 2:
            self.attempts += 1
            if self.attempts <= self.failures:
                raise RuntimeError(f"ledger unavailable (attempt {self.attempts})")
        return super().policy(envelope)


def applied(app: Effects) -> Counter[int]:
    notifications = app.recorder.select_notifications(start=1, limit=10_000)
    events = [app.mapper.to_domain_event(n) for n in notifications]
    return Counter(e.number for e in events if isinstance(e, Effect.Applied))


async def publish_tickets(nc: Client, namespace: str, *numbers: int) -> None:
    for number in numbers:
        await publish(nc, namespace, TicketOpened(number=number), number, f"t{number}")


async def caught_up(nc: Client, namespace: str, durable: str) -> bool:
    try:
        info = await nc.jetstream().consumer_info(stream_name(namespace), durable)
    except NotFoundError:
        return False
    return bool(info.num_pending == 0 and info.num_ack_pending == 0)


@asynccontextmanager
async def consuming(
    settings: Settings, sink: Sink, retry: Retry = FAST
) -> AsyncIterator[asyncpg.Pool]:
    """The `effects` consumer running under a supervisor, with its dead letters (the pool)."""
    pool = await open_pool(settings)
    schema = read_schema(settings, "effects")
    await ensure_read_schema(pool, schema, DEAD_LETTERS_DDL)
    store = DeadLetterStore(pool, schema, "effects")
    subjects = [subject_for(settings.namespace, PRODUCER, "TicketOpened")]
    consumer = TrackedConsumer(
        settings.namespace, "effects", subjects, sink, dead_letters=store, retry=retry
    )
    supervisor = Supervisor(settings, "effects", [Worker("effects", consumer.run)])
    supervisor.start()
    try:
        yield pool
    finally:
        await supervisor.stop()
        await pool.close()


async def dead_letters(pool: asyncpg.Pool, settings: Settings) -> list[asyncpg.Record]:
    schema = read_schema(settings, "effects")
    return list(await pool.fetch(f'SELECT * FROM "{schema}".dead_letters ORDER BY stream_seq'))


async def test_poison_in_a_batch_blocks_none_of_the_others(settings: Settings, nc: Client) -> None:
    await publish_tickets(nc, settings.namespace, 1)
    subject = subject_for(settings.namespace, PRODUCER, "TicketOpened")
    for data in poison(PRODUCER, TicketOpened.event_type()):
        await publish_raw(nc, settings.namespace, subject, data)
    await publish_tickets(nc, settings.namespace, 2, 3)
    effects = open_application(Effects, settings, "effects")
    async with consuming(settings, ApplicationSink(effects, effects.policy)) as pool:

        async def all_applied() -> bool:
            return await asyncio.to_thread(applied, effects) == Counter([1, 2, 3])

        await wait_for(all_applied, 15, "the good messages applied")
        await wait_for(lambda: caught_up(nc, settings.namespace, "effects"), 15, "all settled")
        letters = await dead_letters(pool, settings)
    effects.close()
    assert [letter["reason"] for letter in letters] == ["malformed", "malformed", "invalid_payload"]
    assert [bytes(letter["data"]) for letter in letters] == poison(
        PRODUCER, TicketOpened.event_type()
    )
    assert all(letter["delivered"] == 1 and letter["status"] == "dead" for letter in letters)
    assert (letters[2]["producer"], letters[2]["notification_id"]) == (PRODUCER, 1000)


async def test_an_effect_failing_for_a_while_is_retried_and_applied_once(
    settings: Settings, nc: Client
) -> None:
    await publish_tickets(nc, settings.namespace, 1, 2, 3)
    effects = open_application(Flaky, settings, "effects")
    effects.failures = 2
    async with consuming(settings, ApplicationSink(effects, effects.policy)) as pool:
        await wait_for(lambda: caught_up(nc, settings.namespace, "effects"), 15, "all settled")
        letters = await dead_letters(pool, settings)
    assert applied(effects) == Counter([1, 2, 3])
    assert letters == []
    effects.close()


async def test_an_effect_that_keeps_failing_is_dead_lettered_after_max_deliver(
    settings: Settings, nc: Client
) -> None:
    await publish_tickets(nc, settings.namespace, 1, 2, 3)
    effects = open_application(Flaky, settings, "effects")
    effects.failures = 1_000
    async with consuming(settings, ApplicationSink(effects, effects.policy)) as pool:
        await wait_for(lambda: caught_up(nc, settings.namespace, "effects"), 15, "all settled")
        letters = await dead_letters(pool, settings)
    assert applied(effects) == Counter([1, 3])
    [letter] = letters
    assert (letter["reason"], letter["delivered"]) == ("effect_failed", FAST.max_deliver)
    assert (letter["producer"], letter["notification_id"]) == (PRODUCER, 2)
    assert "ledger unavailable" in letter["error"]
    effects.close()


class Counting:
    """Hands envelopes on to a sink, noting each it was handed (by any replica)."""

    def __init__(self, sink: ReadModelSink, seen: list[int]) -> None:
        self.sink, self.seen = sink, seen

    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        self.seen.extend(e.notification_id for e in envelopes)
        await self.sink.handle(envelopes)


async def slow_projector(conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
    """An effect that takes longer than the consumer's ack wait."""
    await conn.execute("SELECT pg_sleep(2.5)")


async def test_a_batch_slower_than_ack_wait_is_not_redelivered(
    settings: Settings, nc: Client
) -> None:
    await publish_tickets(nc, settings.namespace, 1, 2, 3)
    pool = await open_pool(settings)
    schema = read_schema(settings, "slow")
    await ensure_read_schema(pool, schema, "")
    seen: list[int] = []
    sink = Counting(ReadModelSink(pool, schema, "slow", slow_projector), seen)
    subjects = [subject_for(settings.namespace, PRODUCER, "TicketOpened")]
    replicas = [
        TrackedConsumer(settings.namespace, "slow", subjects, sink, ack_wait=1) for _ in range(2)
    ]
    tasks = [asyncio.create_task(replica.run(nc)) for replica in replicas]
    js = nc.jetstream()
    try:

        async def done() -> bool:
            if not await caught_up(nc, settings.namespace, "slow"):
                return False
            info = await js.consumer_info(stream_name(settings.namespace), "slow")
            return bool(info.ack_floor.stream_seq == 3)

        await wait_for(done, 15, "the batch acknowledged")
        assert sorted(seen) == [1, 2, 3]
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await pool.close()


CALLS = 12
AGENT = "PSN"


def dead_count(consumer: str) -> float:
    """`qa_dead_letters_total` of a consumer (the services of a stack share this process)."""
    total = 0.0
    for metric in REGISTRY.collect():
        for sample in metric.samples:
            if sample.name == "qa_dead_letters_total" and sample.labels["consumer"] == consumer:
                total += sample.value
    return total


async def inspected_by_knowledge(settings: Settings) -> int:
    conn = await asyncpg.connect(settings.database_url)
    try:
        schema = read_schema(settings, "knowledge")
        query = f'SELECT count(*) FROM "{schema}".inspected_calls WHERE call_id LIKE $1'
        return int(await conn.fetchval(query, f"{AGENT}-%"))
    finally:
        await conn.close()


async def test_poison_on_inspection_subjects_holds_up_no_later_call(
    settings: Settings, nc: Client
) -> None:
    everything = ["invalid_payload", "malformed", "malformed"]
    expected = {
        "inspection-read-model": everything,
        "coaching-performance": everything,
        "knowledge-findings": ["invalid_payload", "malformed"],
    }
    with running_stack(settings) as (settings, gateway):
        ensure_default_pack(settings)
        headers = {"X-API-Key": settings.bootstrap_api_key}
        async with httpx.AsyncClient(base_url=gateway, headers=headers, timeout=30) as client:
            first = await post_when_in_force(client, make_call(f"{AGENT}-0", agent_id=AGENT))
            assert first.status_code == 201
            before = {consumer: dead_count(consumer) for consumer in expected}
            received, completed = (
                subject_for(settings.namespace, "inspection", name)
                for name in ("CallReceived", "InspectionCompleted")
            )
            malformed, not_json, wrong = poison("inspection", "inspection.InspectionCompleted")
            await publish_raw(nc, settings.namespace, received, malformed)
            await publish_raw(nc, settings.namespace, completed, not_json)
            await publish_raw(nc, settings.namespace, completed, wrong)
            for i in range(1, CALLS):
                call = make_call(f"{AGENT}-{i}", agent_id=AGENT)
                assert (await client.post("/v1/calls", json=call)).status_code == 201

            async def all_counted() -> bool:
                listed = await client.get("/v1/inspections", params={"agent_id": AGENT})
                figures = await client.get(
                    f"/v1/coaching/agents/{AGENT}/performance", params={"month": "2026-11"}
                )
                return (
                    len(listed.json()["items"]) == CALLS
                    and figures.json()["calls"] == CALLS
                    and await inspected_by_knowledge(settings) == CALLS
                )

            await wait_for(all_counted, 60, "every call listed and counted")
            for consumer, reasons in expected.items():
                service = consumer.split("-")[0]
                page = await client.get(
                    f"/v1/{service}/dead-letters", params={"consumer": consumer}
                )
                assert sorted(item["reason"] for item in page.json()["items"]) == reasons
                assert dead_count(consumer) - before[consumer] == len(reasons)
            await replay_fails_and_discard_is_audited(client)


async def replay_fails_and_discard_is_audited(client: httpx.AsyncClient) -> None:
    """Through the gateway: a message that cannot be read fails again on replay; discarded,
    it keeps who, when and why."""
    page = await client.get("/v1/knowledge/dead-letters", params={"status": "dead"})
    letter = next(item for item in page.json()["items"] if item["reason"] == "malformed")
    path = f"/v1/knowledge/dead-letters/{letter['id']}"
    replay = await client.post(f"{path}:replay")
    assert (replay.status_code, replay.json()["error"]) == (409, "replay_failed")
    discard = await client.post(f"{path}:discard", json={"reason": "测试中误发的消息"})
    assert discard.status_code == 200
    assert discard.json()["status"] == "discarded"
    assert discard.json()["action"]["by"] == {"id": "platform", "role": "platform"}
    assert discard.json()["action"]["note"] == "测试中误发的消息"
    detail = (await client.get(path)).json()
    assert (detail["data"], detail["data_encoding"]) == ("not json", "utf-8")
    assert detail["status"] == "discarded"
    again = await client.post(f"{path}:discard", json={"reason": "again"})
    assert (again.status_code, again.json()["error"]) == (409, "dead_letter_settled")

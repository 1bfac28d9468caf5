"""The training service on the real servers, without the gateway: a knowledge update becomes
a programme; the cascade trains centre head, team leader and agents; an agent's pass asks for
verification; the inspection's answer shows on the programme with its effect."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import httpx
import psycopg
import pytest
from nats.aio.client import Client
from psycopg import sql

from contracts.envelope import Actor, Envelope
from contracts.inspection import VerificationCompleted
from contracts.knowledge import KnowledgeUpdated
from contracts.training import VerificationRequested
from runtime.clock import ManualClock
from runtime.settings import Settings
from services.training.domain.programme import programme_id_for, verification_id_for
from tests.contracts_io import publish, read_all
from tests.stack import ServerThread, free_port, service_app
from tests.support import wait_for

pytestmark = pytest.mark.integration

TRAINED_AT = datetime(2025, 3, 3, 9, tzinfo=UTC)
ARTICLE = uuid4()
RIGHT, WRONG = [0, 1], [1, 1]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(TRAINED_AT - timedelta(days=1))


@pytest.fixture
def server(settings: Settings, clock: ManualClock) -> Iterator[ServerThread]:
    thread = ServerThread(service_app("training", settings, clock), free_port())
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture
async def http(server: ServerThread) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"X-Actor-Id": "trainer-1", "X-Actor-Role": "trainer"}
    async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=10) as client:
        yield client


EDITOR = Actor(id="editor-1", role="editor")
CORRELATION = "proposal:greeting"


def knowledge_update() -> KnowledgeUpdated:
    return KnowledgeUpdated(
        article_id=ARTICLE, revision=2, kind="answer_script", title="规范问候语",
        rule_codes=["R-GREETING"], reason="问候语缺失集中", audience_agents=["a1", "a2"],
        audience_teams=["team-1"],
    )  # fmt: skip


async def post(http: httpx.AsyncClient, path: str, body: dict[str, Any], status: int = 200) -> Any:
    response = await http.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


async def test_knowledge_update_to_verified_programme(
    settings: Settings, clock: ManualClock, nc: Client, http: httpx.AsyncClient
) -> None:
    ns, programme_id = settings.namespace, programme_id_for(ARTICLE, 2)
    base = f"/v1/training/programmes/{programme_id}"
    await publish(nc, ns, knowledge_update(), 1, CORRELATION, EDITOR)
    # The same revision again, as a second notification: no second programme.
    await publish(nc, ns, knowledge_update(), 2, CORRELATION, EDITOR)
    await wait_for(processed(settings, 2), 10, "both knowledge updates processed")

    async def listed() -> bool:
        response = await http.get("/v1/training/programmes", params={"rule_code": "R-GREETING"})
        return len(response.json()["items"]) == 1

    await wait_for(listed, 10, "the programme in the read model")
    assert len(programme_events(settings)) == 1
    programme = (await http.get(base)).json()
    assert (programme["title"], programme["source"], programme["status"]) == (
        "规范问候语培训", "knowledge_update", "published",
    )  # fmt: skip
    assert programme["audience_agents"] == ["a1", "a2"]

    question = {"article_id": str(ARTICLE), "text": "首句?", "options": ["您好", "喂"], "answer": 0}
    bad = await post(http, f"{base}/quiz", {"questions": [question | {"answer": 5}]}, 422)
    assert bad["errors"][0]["field"] == "questions[0].answer"
    second = {"text": "结束语?", "options": ["再见", "感谢来电"], "answer": 1}
    await post(http, f"{base}/quiz", {"questions": [question, second]})

    for level, trainees in (("centre_head", ["head"]), ("team_leader", ["tl1"])):
        await post(http, f"{base}/assignments", {"level": level, "trainee_ids": trainees})
    await post(http, f"{base}/assignments", {"level": "agent", "trainee_ids": ["a1", "a2"]})
    early = await post(http, f"{base}/attempts", {"trainee_id": "a1", "answers": RIGHT}, 409)
    assert early["error"] == "level_not_open"
    failed = await post(http, f"{base}/attempts", {"trainee_id": "head", "answers": WRONG})
    assert (failed["passed"], failed["status"], failed["attempts"]) == (False, "assigned", 1)
    for trainee in ("head", "tl1"):
        assert (await post(http, f"{base}/attempts", {"trainee_id": trainee, "answers": RIGHT}))[
            "passed"
        ]
    clock.advance(timedelta(days=1))
    passed = await post(http, f"{base}/attempts", {"trainee_id": "a1", "answers": RIGHT})
    assert (passed["score"], passed["status"]) == (100.0, "completed")

    requested = await pull_one(nc, ns)
    assert requested.verification_id == verification_id_for(programme_id, "a1")
    assert (requested.programme_id, requested.agent_id) == (programme_id, "a1")
    assert (requested.rule_codes, requested.trained_at, requested.window_days) == (
        ["R-GREETING"], TRAINED_AT, 14,
    )  # fmt: skip

    outcome = VerificationCompleted(
        verification_id=requested.verification_id, programme_id=programme_id, agent_id="a1",
        rule_codes=["R-GREETING"], outcome="verified", calls_before=20, calls_after=18,
        rate_before=0.4, rate_after=0.1, window_start=TRAINED_AT,
        window_end=TRAINED_AT + timedelta(days=14),
    )  # fmt: skip
    await publish(nc, ns, outcome, 1, CORRELATION, EDITOR)

    async def evaluated() -> bool:
        """Both the read model (the list) and the programme itself (a second consumer of
        the same event) have recorded the outcome."""
        response = await http.get(
            "/v1/training/programmes", params={"status": "evaluated", "agent_id": "a1"}
        )
        detail = (await http.get(base)).json()
        return len(response.json()["items"]) == 1 and detail["status"] == "evaluated"

    await wait_for(evaluated, 10, "the outcome in the read model and the programme")
    programme = (await http.get(base)).json()
    assert programme["status"] == "evaluated"
    assert programme["verifications"][0]["outcome"] == "verified"
    effect = programme["effect"]
    assert (effect["verified"], effect["ineffective"], effect["change"]) == (1, 0, -0.3)
    levels = {level["level"]: level["state"] for level in programme["levels"]}
    assert levels == {"centre_head": "completed", "team_leader": "completed", "agent": "open"}
    listed_verifications = await http.get(
        "/v1/training/verifications", params={"agent_id": "a1", "outcome": "verified"}
    )
    assert [v["rate_after"] for v in listed_verifications.json()["items"]] == [0.1]
    assert (await http.get(f"/v1/training/programmes/{uuid4()}")).status_code == 404


def processed(settings: Settings, count: int) -> Callable[[], Awaitable[bool]]:
    """The training service has tracked `count` notifications of the knowledge service."""
    query = sql.SQL(
        "SELECT count(*) FROM {}.training_tracking WHERE application_name = 'knowledge'"
    ).format(sql.Identifier(settings.schema("training")))

    async def done() -> bool:
        with psycopg.connect(settings.database_url or "") as conn:
            row = conn.execute(query).fetchone()
        return bool(row and row[0] >= count)

    return done


def programme_events(settings: Settings) -> list[tuple[str]]:
    """The programme's creation events in the training service's event store."""
    query = sql.SQL("SELECT topic FROM {}.training_events WHERE topic LIKE %s").format(
        sql.Identifier(settings.schema("training"))
    )
    with psycopg.connect(settings.database_url or "") as conn:
        return conn.execute(query, ("%.events:Drafted",)).fetchall()


async def pull_one(nc: Client, namespace: str) -> VerificationRequested:
    found: list[Envelope] = []

    async def requested() -> bool:
        found[:] = await read_all(nc, namespace, "training", VerificationRequested.__name__)
        return bool(found)

    await wait_for(requested, 10, "VerificationRequested on the stream")
    (envelope,) = found
    assert envelope.is_intact()
    assert envelope.producer == "training"
    assert envelope.correlation_id == "proposal:greeting"
    return VerificationRequested.model_validate(envelope.payload)


async def test_manual_programme_draft_publish_and_errors(http: httpx.AsyncClient) -> None:
    missing = await post(http, "/v1/training/programmes", {"rule_codes": ["R-1"]}, 422)
    assert missing["errors"][0]["field"] == "title"
    body = {"title": "投诉件办理流程培训", "rule_codes": ["R-1"], "publish": False}
    draft = await post(http, "/v1/training/programmes", body, 201)
    assert (draft["status"], draft["source"], draft["pass_mark"]) == ("draft", "manual", 80.0)
    base = f"/v1/training/programmes/{draft['programme_id']}"
    await post(http, f"{base}/assignments", {"level": "centre_head", "trainee_ids": ["head"]})
    bad_level = await post(
        http, f"{base}/assignments", {"level": "boss", "trainee_ids": ["x"]}, 422
    )
    assert bad_level["errors"][0]["field"] == "level"
    early = await post(http, f"{base}/attempts", {"trainee_id": "head", "answers": [0]}, 409)
    assert early["error"] == "not_published"
    assert (await post(http, f"{base}/publish", {}))["status"] == "published"
    no_quiz = await post(http, f"{base}/attempts", {"trainee_id": "head", "answers": [0]}, 409)
    assert no_quiz["error"] == "no_quiz"

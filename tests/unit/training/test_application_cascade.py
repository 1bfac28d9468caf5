"""Training commands on memory and PostgreSQL: the quiz, the cascade level by level, attempts
that fail and pass, the verification an agent's pass asks for, and its recorded outcome."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from contracts.envelope import Actor
from contracts.inspection import VerificationCompleted
from contracts.knowledge import KnowledgeUpdated
from runtime.clock import ManualClock
from services.training.application import TrainingApplication
from services.training.domain import events
from services.training.domain.errors import InvalidInputError, ProgrammeError
from services.training.domain.programme import verification_id_for
from tests.unit.training.delivery import NOW, deliver

TRAINER = Actor(id="trainer-1", role="trainer")
ARTICLE = uuid4()
RIGHT, WRONG = [0, 1], [1, 1]
QUESTIONS: list[dict[str, Any]] = [
    {"article_id": str(ARTICLE), "text": "首句?", "options": ["您好", "喂"], "answer": 0},
    {"article_id": None, "text": "结束语?", "options": ["再见", "感谢来电"], "answer": 1},
]


@pytest.fixture
def programme_id(app: TrainingApplication) -> UUID:
    """A published programme from a knowledge update, with its quiz set."""
    update = KnowledgeUpdated(
        article_id=ARTICLE, revision=1, kind="answer_script", title="规范问候语",
        rule_codes=["R-GREETING"], reason="问候语缺失集中", audience_agents=["a1"],
    )  # fmt: skip
    [programme] = deliver(app, update, 1, "proposal:greeting")
    app.set_quiz(programme.id, QUESTIONS, TRAINER)
    return programme.id


def train(app: TrainingApplication, programme_id: UUID, level: str, trainee: str) -> None:
    app.assign(programme_id, level, [trainee], TRAINER)
    assert app.attempt(programme_id, trainee, RIGHT, TRAINER)["passed"]


def test_a_level_opens_when_the_levels_above_complete(
    app: TrainingApplication, programme_id: UUID
) -> None:
    app.assign(programme_id, "team_leader", ["tl1"], TRAINER)
    with pytest.raises(ProgrammeError) as caught:
        app.attempt(programme_id, "tl1", RIGHT, TRAINER)
    assert caught.value.code == "level_not_open"
    train(app, programme_id, "centre_head", "head")
    assert app.attempt(programme_id, "tl1", RIGHT, TRAINER)["status"] == "completed"
    assert app.programme(programme_id).completed_levels == ["centre_head", "team_leader"]


def test_a_failed_attempt_leaves_the_trainee_assigned_to_try_again(
    app: TrainingApplication, programme_id: UUID
) -> None:
    app.assign(programme_id, "centre_head", ["head"], TRAINER)
    failed = app.attempt(programme_id, "head", WRONG, TRAINER)
    assert (failed["score"], failed["passed"], failed["status"]) == (50.0, False, "assigned")
    assert app.assign(programme_id, "centre_head", ["head"], TRAINER)[1] == []
    with pytest.raises(ProgrammeError) as caught:
        app.assign(programme_id, "agent", ["head"], TRAINER)
    assert caught.value.code == "already_assigned"
    with pytest.raises(ProgrammeError):
        app.set_quiz(programme_id, QUESTIONS, TRAINER)
    passed = app.attempt(programme_id, "head", RIGHT, TRAINER)
    assert (passed["attempts"], passed["best_score"], passed["status"]) == (2, 100.0, "completed")
    assert app.programme(programme_id).assignments["head"]["completed_at"] == NOW


def test_answers_must_fit_the_quiz(app: TrainingApplication, programme_id: UUID) -> None:
    app.assign(programme_id, "centre_head", ["head"], TRAINER)
    with pytest.raises(InvalidInputError) as caught:
        app.attempt(programme_id, "head", [0], TRAINER)
    assert caught.value.errors[0]["field"] == "answers"
    assert app.programme(programme_id).assignments["head"]["attempts"] == 0


def test_an_agents_pass_asks_for_verification(app: TrainingApplication, programme_id: UUID) -> None:
    train(app, programme_id, "centre_head", "head")
    train(app, programme_id, "team_leader", "tl1")
    assert isinstance(app.clock, ManualClock)
    trained_at = app.clock.advance(timedelta(days=1))
    train(app, programme_id, "agent", "a1")
    requested = app.latest_event(programme_id)
    assert isinstance(requested, events.VerificationRequested)
    assert requested.verification_id == str(verification_id_for(programme_id, "a1"))
    assert (requested.agent_id, requested.rule_codes) == ("a1", ["R-GREETING"])
    assert (requested.trained_at, requested.window_days, requested.min_calls) == (
        trained_at, 14, 5,
    )  # fmt: skip
    assert requested.correlation_id == "proposal:greeting"
    assert app.programme(programme_id).verifications["a1"]["outcome"] == "pending"


def completed(programme_id: UUID, verification_id: UUID) -> VerificationCompleted:
    return VerificationCompleted(
        verification_id=verification_id, programme_id=programme_id, agent_id="a1",
        rule_codes=["R-GREETING"], outcome="verified", calls_before=20, calls_after=18,
        rate_before=0.4, rate_after=0.1, window_start=NOW, window_end=NOW + timedelta(days=14),
    )  # fmt: skip


def test_the_verification_outcome_is_recorded_on_the_programme(
    app: TrainingApplication, programme_id: UUID
) -> None:
    for level, trainee in (("centre_head", "head"), ("team_leader", "tl1"), ("agent", "a1")):
        train(app, programme_id, level, trainee)
    asked = verification_id_for(programme_id, "a1")
    assert deliver(app, completed(programme_id, uuid4()), 1, "proposal:greeting") == []
    assert deliver(app, completed(uuid4(), asked), 2, "proposal:greeting") == []
    [programme] = deliver(app, completed(programme_id, asked), 3, "proposal:greeting")
    recorded = app.programme(programme_id).verifications["a1"]
    assert (recorded["outcome"], recorded["rate_before"], recorded["rate_after"]) == (
        "verified", 0.4, 0.1,
    )  # fmt: skip
    assert recorded["verification_id"] == str(asked)
    assert isinstance(app.latest_event(programme.id), events.VerificationRecorded)

"""The programme aggregate: quiz, cascade, attempts, verification requests and outcomes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest

from runtime.provenance import Provenance
from services.training.domain import events
from services.training.domain.errors import InvalidInputError, ProgrammeError
from services.training.domain.programme import Programme, verification_id_for
from services.training.domain.terms import ProgrammeDraft, VerificationTerms

NOW = datetime(2025, 3, 3, 9, tzinfo=UTC)
ARTICLE = str(uuid4())
TERMS = VerificationTerms(window_days=14, min_calls=5)
P = Provenance.system("test")
QUESTIONS: list[dict[str, Any]] = [
    {"article_id": ARTICLE, "text": "问候语?", "options": ["您好", "喂"], "answer": 0},
    {"article_id": ARTICLE, "text": "结束语?", "options": ["再见", "感谢来电"], "answer": 1},
]
RIGHT, WRONG = [0, 1], [1, 1]


def programme(rule_codes: list[str] | None = None) -> Programme:
    draft = ProgrammeDraft(
        title="受理口径培训",
        source="knowledge_update",
        article_ids=[ARTICLE],
        rule_codes=["R-GREETING"] if rule_codes is None else rule_codes,
        audience_agents=["a1"],
    )
    created = Programme.create(uuid4(), draft, 80.0, P)
    created.publish(P)
    created.set_quiz(QUESTIONS, P)
    return created


def new_events(aggregate: Programme) -> list[type]:
    return [type(e) for e in aggregate.collect_events()]


def pass_level(p: Programme, level: str, trainees: list[str]) -> None:
    p.assign(level, trainees, P)
    for trainee in trainees:
        assert p.attempt(trainee, RIGHT, NOW, TERMS, P)["passed"]


def test_publish_is_idempotent_and_carries_the_draft() -> None:
    p = programme()
    assert p.status == "published"
    assert not p.publish(P)
    published = [e for e in p.collect_events() if isinstance(e, events.Published)]
    assert len(published) == 1
    assert published[0].draft["rule_codes"] == ["R-GREETING"]


def test_quiz_errors_name_the_field() -> None:
    p = programme()
    bad = [{"article_id": str(uuid4()), "text": "?", "options": ["x"], "answer": 3}]
    with pytest.raises(InvalidInputError) as caught:
        p.set_quiz(bad, P)
    fields = {e["field"] for e in caught.value.errors}
    assert fields == {"questions[0].options", "questions[0].answer", "questions[0].article_id"}


def test_a_level_opens_only_after_the_levels_above_complete() -> None:
    p = programme()
    p.assign("team_leader", ["tl1"], P)
    with pytest.raises(ProgrammeError) as caught:
        p.attempt("tl1", RIGHT, NOW, TERMS, P)
    assert caught.value.code == "level_not_open"
    pass_level(p, "centre_head", ["head"])
    assert p.completed_levels == ["centre_head"]
    assert p.attempt("tl1", RIGHT, NOW, TERMS, P)["status"] == "completed"
    assert p.completed_levels == ["centre_head", "team_leader"]


def test_a_failed_attempt_reassigns_and_counts() -> None:
    p = programme()
    pass_level(p, "centre_head", ["head"])
    pass_level(p, "team_leader", ["tl1"])
    p.assign("agent", ["a1", "a2"], P)
    p.collect_events()
    failed = p.attempt("a1", WRONG, NOW, TERMS, P)
    assert (failed["score"], failed["passed"], failed["status"]) == (50.0, False, "assigned")
    assert new_events(p) == [events.AttemptScored]
    passed = p.attempt("a1", RIGHT, NOW, TERMS, P)
    assert (passed["attempts"], passed["best_score"], passed["status"]) == (2, 100.0, "completed")
    assert new_events(p) == [
        events.AttemptScored,
        events.TraineeCompleted,
        events.VerificationRequested,
    ]
    assert "agent" not in p.completed_levels  # a2 has not passed yet


def test_an_agent_pass_requests_verification_of_the_rules() -> None:
    p = programme()
    pass_level(p, "centre_head", ["head"])
    pass_level(p, "team_leader", ["tl1"])
    p.collect_events()
    pass_level(p, "agent", ["a1"])
    requested = [e for e in p.collect_events() if isinstance(e, events.VerificationRequested)]
    assert len(requested) == 1
    event = requested[0]
    assert event.verification_id == str(verification_id_for(p.id, "a1"))
    assert (event.rule_codes, event.trained_at, event.window_days, event.min_calls) == (
        ["R-GREETING"],
        NOW,
        14,
        5,
    )
    assert p.verifications["a1"]["outcome"] == "pending"


def test_no_verification_without_rule_codes() -> None:
    p = programme(rule_codes=[])
    pass_level(p, "centre_head", ["head"])
    pass_level(p, "team_leader", ["tl1"])
    pass_level(p, "agent", ["a1"])
    assert not any(isinstance(e, events.VerificationRequested) for e in p.collect_events())


@pytest.mark.parametrize(
    ("trainee", "code"),
    [("nobody", "not_assigned"), ("head", "already_completed")],
)
def test_attempts_that_conflict(trainee: str, code: str) -> None:
    p = programme()
    pass_level(p, "centre_head", ["head"])
    with pytest.raises(ProgrammeError) as caught:
        p.attempt(trainee, RIGHT, NOW, TERMS, P)
    assert caught.value.code == code


def test_wrong_number_of_answers_is_invalid_and_quiz_locks_after_attempts() -> None:
    p = programme()
    p.assign("centre_head", ["head"], P)
    with pytest.raises(InvalidInputError) as caught:
        p.attempt("head", [0], NOW, TERMS, P)
    assert caught.value.errors[0]["field"] == "answers"
    p.attempt("head", WRONG, NOW, TERMS, P)
    with pytest.raises(ProgrammeError):
        p.set_quiz(QUESTIONS, P)


def test_a_trainee_holds_one_level() -> None:
    p = programme()
    assert p.assign("agent", ["a1", "a1"], P) == ["a1"]
    assert p.assign("agent", ["a1"], P) == []
    with pytest.raises(ProgrammeError):
        p.assign("team_leader", ["a1"], P)


def test_outcomes_only_for_requested_verifications() -> None:
    p = programme()
    pass_level(p, "centre_head", ["head"])
    pass_level(p, "team_leader", ["tl1"])
    pass_level(p, "agent", ["a1"])
    vid = str(verification_id_for(p.id, "a1"))
    assert not p.record_verification(str(uuid4()), "a1", {"outcome": "verified"}, P)
    assert not p.record_verification(vid, "a2", {"outcome": "verified"}, P)
    assert p.record_verification(vid, "a1", {"outcome": "verified", "rate_after": 0.1}, P)
    assert p.verifications["a1"]["outcome"] == "verified"


def test_the_aggregate_replays_from_its_events() -> None:
    p = programme()
    pass_level(p, "centre_head", ["head"])
    replayed: Programme | None = None
    for event in p.collect_events():
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert replayed.assignments == p.assignments
    assert replayed.completed_levels == ["centre_head"]

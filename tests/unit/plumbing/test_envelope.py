"""The envelope's hash chain and the subject naming scheme."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from contracts.envelope import GENESIS_HASH, Actor, Envelope
from contracts.subjects import stream_name, subject_for, subject_matches
from runtime.errors import field_path


def envelope(notification_id: int, prev_hash: str, payload: dict[str, object]) -> Envelope:
    return Envelope(
        event_id=uuid4(),
        event_type="inspection.InspectionCompleted",
        schema_version=1,
        producer="inspection",
        notification_id=notification_id,
        occurred_at=datetime(2026, 11, 22, tzinfo=UTC),
        actor=Actor(id="platform", role="platform"),
        correlation_id="HL-1",
        prev_hash=prev_hash,
        payload=payload,
    ).sealed()


def test_a_chain_verifies_and_an_altered_event_does_not() -> None:
    first = envelope(1, GENESIS_HASH, {"rule": "SVC-OPENING"})
    second = envelope(2, first.hash, {"rule": "SVC-CLOSING"})
    assert first.is_intact()
    assert second.is_intact()
    assert second.prev_hash == first.hash
    tampered = second.model_copy(update={"payload": {"rule": "SVC-EMOTION"}})
    assert not tampered.is_intact()


def test_round_trip_keeps_the_hash() -> None:
    original = envelope(7, GENESIS_HASH, {"score": 87.5, "text": "您好"})
    restored = Envelope.from_bytes(original.to_bytes())
    assert restored == original
    assert restored.is_intact()
    assert restored.msg_id == "inspection:7"


def test_subjects_and_stream_names() -> None:
    assert subject_for("qa", "inspection", "InspectionCompleted") == (
        "qa.inspection.inspection_completed"
    )
    assert subject_for("t1", "rules", "RuleSetPublished") == "t1.rules.rule_set_published"
    assert stream_name("qa") == "QA_EVENTS"


def test_field_paths_read_like_the_json() -> None:
    assert field_path(("body", "segments", 0, "text")) == "segments[0].text"
    assert field_path(("calls", 3, "agent_id")) == "calls[3].agent_id"
    assert field_path(("body",)) == "body"


def test_subject_wildcards() -> None:
    assert subject_matches("qa.inspection.>", "qa.inspection.issue_found")
    assert subject_matches("qa.*.issue_found", "qa.inspection.issue_found")
    assert subject_matches("qa.rules.rule_set_published", "qa.rules.rule_set_published")
    assert not subject_matches("qa.inspection.>", "qa.inspection")
    assert not subject_matches("qa.rules.>", "qa.inspection.issue_found")
    assert not subject_matches("qa.*", "qa.inspection.issue_found")

"""Rule set versions through the rules application, on memory and on PostgreSQL: drafts,
revisions, publication (valid only, once, immutable after), the version in force, diff, dry run."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.call import Call
from contracts.envelope import Actor
from services.rules.application import RulesApplication, UnknownVersionError
from services.rules.domain.ruleset import InvalidRuleSetError, RuleSetError
from tests.conftest import OpenApplication

LEAD = Actor(id="lead-1", role="qa_lead")
OPENING: dict[str, Any] = {
    "code": "SVC-OPENING",
    "name": "开场白不规范",
    "description": "坐席开口没有问好。",
    "dimension": "服务",
    "stage": "受理",
    "severity": "一般",
    "deduction": 2,
    "mode": "auto",
    "condition": {"op": "keywords", "role": "agent", "words": ["您好"]},
    "suggestion": "接通后先说「您好」。",
}
CALL = Call.model_validate(
    {
        "call_id": "R-1",
        "agent_id": "A1",
        "team_id": "T1",
        "channel": "voice",
        "stage": "acceptance",
        "started_at": "2026-11-20T09:30:00+08:00",
        "segments": [{"role": "agent", "text": "您好，请讲。"}],
    }
)


@pytest.fixture
def app(open_app: OpenApplication) -> RulesApplication:
    application: RulesApplication = open_app(RulesApplication, "rules")
    return application


def test_versions_are_numbered_and_nothing_is_in_force_before_a_publish(
    app: RulesApplication,
) -> None:
    first = app.create_draft("一", [OPENING], None, LEAD)
    second = app.create_draft("二", None, first.number, LEAD)
    assert (first.number, second.number) == (1, 2)
    assert second.rules == first.rules
    assert [v.number for v in app.versions()] == [1, 2]
    with pytest.raises(UnknownVersionError):
        app.active()


def test_publishing_puts_a_version_in_force_once_and_freezes_it(app: RulesApplication) -> None:
    draft = app.create_draft("默认", [OPENING], None, LEAD)
    app.publish(draft.number, LEAD)
    app.publish(draft.number, LEAD)
    assert app.active().number == draft.number
    assert app.active().status == "published"
    with pytest.raises(RuleSetError, match="published"):
        app.revise(draft.number, "改", [], "不该成功", LEAD)


def test_an_invalid_draft_is_stored_with_its_errors_but_not_published(
    app: RulesApplication,
) -> None:
    draft = app.create_draft("坏", [{**OPENING, "deduction": -1}], None, LEAD)
    errors = app.validate(draft.number)
    assert [e["field"] for e in errors] == ["rules[0].deduction"]
    with pytest.raises(InvalidRuleSetError) as raised:
        app.publish(draft.number, LEAD)
    assert raised.value.errors == errors
    fixed = app.revise(draft.number, "好", [OPENING], "扣分改正", LEAD)
    assert fixed.validate() == []


def test_diff_and_dry_run(app: RulesApplication) -> None:
    old = app.create_draft("旧", [OPENING], None, LEAD)
    new = app.create_draft("新", [{**OPENING, "deduction": 5}], None, LEAD)
    changes = app.diff(old.number, new.number)
    assert changes["changed"] == [
        {"code": "SVC-OPENING", "fields": {"deduction": {"from": 2, "to": 5}}}
    ]
    negated = {**OPENING, "condition": {"op": "not", "condition": OPENING["condition"]}}
    [outcome] = app.dry_run([negated], CALL)
    assert (outcome.rule_code, outcome.status) == ("SVC-OPENING", "passed")
    with pytest.raises(UnknownVersionError):
        app.version(99)

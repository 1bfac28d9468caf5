"""Training commands on memory and PostgreSQL: programmes from knowledge updates and weekly
digests (once per revision / digest), programmes by hand, and the retry of a stale write."""

from __future__ import annotations

from datetime import timedelta, timezone
from uuid import uuid4

import pytest

from contracts.envelope import Actor
from contracts.knowledge import DigestItem, KnowledgeUpdated, WeeklyDigestPublished
from services.training.application import TrainingApplication, UnknownProgrammeError
from services.training.domain.digest import digest_draft, digest_programme_id
from services.training.domain.programme import programme_id_for
from services.training.domain.terms import ProgrammeDraft
from tests.unit.training.delivery import NOW, deliver

TRAINER = Actor(id="trainer-1", role="trainer")
ARTICLE = uuid4()


def knowledge_update(revision: int = 2) -> KnowledgeUpdated:
    return KnowledgeUpdated(
        article_id=ARTICLE, revision=revision, kind="answer_script", title="规范问候语",
        rule_codes=["R-GREETING"], reason="问候语缺失集中", audience_agents=["a1", "a2"],
        audience_teams=["team-1"],
    )  # fmt: skip


def weekly_digest(*items: DigestItem) -> WeeklyDigestPublished:
    monday = NOW.astimezone(timezone(timedelta(hours=8)))
    end = monday + timedelta(days=7)
    return WeeklyDigestPublished(
        digest_id=uuid4(), week_start=monday, week_end=end, items=list(items)
    )


def test_a_knowledge_update_publishes_one_programme_per_revision(
    app: TrainingApplication,
) -> None:
    [programme] = deliver(app, knowledge_update(), 1, "proposal:greeting")
    assert deliver(app, knowledge_update(), 2, "proposal:greeting") == []
    stored = app.programme(programme_id_for(ARTICLE, 2))
    assert (stored.status, stored.correlation_id) == ("published", "proposal:greeting")
    assert (stored.draft.title, stored.draft.source) == ("规范问候语培训", "knowledge_update")
    assert (stored.draft.article_ids, stored.draft.rule_codes) == ([str(ARTICLE)], ["R-GREETING"])
    assert (stored.draft.audience_agents, stored.draft.audience_teams) == (["a1", "a2"], ["team-1"])
    assert stored.pass_mark == 80.0
    [next_revision] = deliver(app, knowledge_update(revision=3), 3, "proposal:greeting")
    assert next_revision.id == programme_id_for(ARTICLE, 3) != programme.id


def test_a_weekly_digest_publishes_one_programme(app: TrainingApplication) -> None:
    item = DigestItem(rule_code="R1", call_count=5, agents=["A1"], teams=["T1"])
    digest = weekly_digest(item)
    [programme] = deliver(app, digest, 1, str(digest.digest_id))
    assert programme.id == digest_programme_id(digest.digest_id)
    assert deliver(app, digest, 2, str(digest.digest_id)) == []
    stored = app.programme(programme.id)
    assert (stored.status, stored.correlation_id) == ("published", str(digest.digest_id))
    assert stored.draft == digest_draft(digest)


def test_an_empty_digest_publishes_nothing(app: TrainingApplication) -> None:
    digest = weekly_digest()
    assert deliver(app, digest, 1, str(digest.digest_id)) == []
    assert not app.existing([digest_programme_id(digest.digest_id)])


def test_a_programme_by_hand_is_a_draft_until_published(app: TrainingApplication) -> None:
    draft = ProgrammeDraft(title="投诉件办理流程培训", source="manual", rule_codes=["R-1"])
    created = app.create_programme(draft, publish=False, actor=TRAINER)
    assert app.programme(created.id).status == "draft"
    assert app.publish(created.id, TRAINER).status == "published"
    assert app.publish(created.id, TRAINER).version == app.programme(created.id).version
    assert app.programme(created.id).correlation_id == f"programme:{created.id}"


def test_an_unknown_programme_is_not_found(app: TrainingApplication) -> None:
    with pytest.raises(UnknownProgrammeError):
        app.programme(uuid4())
    with pytest.raises(UnknownProgrammeError):
        app.publish(uuid4(), TRAINER)


def test_a_stale_write_runs_the_command_again(
    app: TrainingApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A concurrent writer saved first: the save fails, the command reloads and runs again."""
    [programme] = deliver(app, knowledge_update(), 1, "proposal:greeting")
    stale = app.programme(programme.id)
    app.assign(programme.id, "centre_head", ["head"], TRAINER)
    loaded = [stale]
    real = app.programme
    monkeypatch.setattr(app, "programme", lambda pid: loaded.pop() if loaded else real(pid))
    _, assigned = app.assign(programme.id, "team_leader", ["tl1"], TRAINER)
    assert assigned == ["tl1"]
    assert set(real(programme.id).assignments) == {"head", "tl1"}

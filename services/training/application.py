"""Training commands: programmes (from knowledge updates, weekly digests or by hand), quizzes,
the cascade of assignments and attempts, and the verification outcomes inspection reports."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from uuid import UUID, uuid4

from contracts.envelope import Actor, Envelope
from contracts.inspection import VerificationCompleted
from contracts.knowledge import KnowledgeUpdated, WeeklyDigestPublished
from runtime.eventstore import ServiceApplication, retry_on_conflict
from runtime.provenance import Provenance
from services.training.config import TrainingConfig
from services.training.domain.digest import digest_draft, digest_programme_id
from services.training.domain.programme import Programme, programme_id_for
from services.training.domain.terms import ProgrammeDraft, VerificationTerms

log = logging.getLogger(__name__)
T = TypeVar("T")


class UnknownProgrammeError(LookupError):
    code = "not_found"


class TrainingApplication(ServiceApplication):
    name = "Training"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        self.config = TrainingConfig.from_env(self.env)

    def create_programme(self, draft: ProgrammeDraft, publish: bool, actor: Actor) -> Programme:
        """A manual programme; published at once unless `publish` is false."""
        programme_id = uuid4()
        provenance = Provenance(actor, f"programme:{programme_id}")
        programme = Programme.create(programme_id, draft, self.config.pass_mark, provenance)
        if publish:
            programme.publish(provenance)
        self.save(programme)
        return programme

    @retry_on_conflict
    def publish(self, programme_id: UUID, actor: Actor) -> Programme:
        return self._update(programme_id, actor, lambda p, prov: p.publish(prov))[0]

    @retry_on_conflict
    def set_quiz(
        self, programme_id: UUID, questions: list[dict[str, Any]], actor: Actor
    ) -> Programme:
        return self._update(programme_id, actor, lambda p, prov: p.set_quiz(questions, prov))[0]

    @retry_on_conflict
    def assign(
        self, programme_id: UUID, level: str, trainee_ids: list[str], actor: Actor
    ) -> tuple[Programme, list[str]]:
        return self._update(programme_id, actor, lambda p, prov: p.assign(level, trainee_ids, prov))

    @retry_on_conflict
    def attempt(
        self, programme_id: UUID, trainee_id: str, answers: list[int], actor: Actor
    ) -> dict[str, Any]:
        terms = VerificationTerms(self.config.window_days, self.config.min_calls)

        def command(programme: Programme, provenance: Provenance) -> dict[str, Any]:
            now = self.clock.now()
            return programme.attempt(trainee_id, answers, now, terms, provenance)

        return self._update(programme_id, actor, command)[1]

    def programme(self, programme_id: UUID) -> Programme:
        programme = self.find(programme_id, Programme)
        if programme is None:
            raise UnknownProgrammeError(f"no programme with id {programme_id}")
        return programme

    def on_knowledge_event(self, envelope: Envelope) -> list[Programme]:
        """Policy for the knowledge service's events training drafts programmes from."""
        if envelope.event_type == WeeklyDigestPublished.event_type():
            return self.on_weekly_digest(envelope)
        if envelope.event_type == KnowledgeUpdated.event_type():
            return self.on_knowledge_updated(envelope)
        return []

    def on_knowledge_updated(self, envelope: Envelope) -> list[Programme]:
        """Policy for KnowledgeUpdated: a programme teaching the revision, published at once."""
        update = KnowledgeUpdated.model_validate(envelope.payload)
        draft = ProgrammeDraft(
            title=f"{update.title}培训",
            source="knowledge_update",
            article_ids=[str(update.article_id)],
            rule_codes=list(update.rule_codes),
            audience_agents=list(update.audience_agents),
            audience_teams=list(update.audience_teams),
        )
        programme_id = programme_id_for(update.article_id, update.revision)
        return self._published(programme_id, draft, envelope)

    def on_weekly_digest(self, envelope: Envelope) -> list[Programme]:
        """Policy for WeeklyDigestPublished: one programme for the week's problems, published."""
        digest = WeeklyDigestPublished.model_validate(envelope.payload)
        if not digest.items:
            return []
        programme_id = digest_programme_id(digest.digest_id)
        return self._published(programme_id, digest_draft(digest), envelope)

    def _published(
        self, programme_id: UUID, draft: ProgrammeDraft, envelope: Envelope
    ) -> list[Programme]:
        """A new programme, published at once; none if the event was handled before."""
        if self.existing([programme_id]):
            return []
        provenance = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        programme = Programme.create(programme_id, draft, self.config.pass_mark, provenance)
        programme.publish(provenance)
        return [programme]

    def on_verification_completed(self, envelope: Envelope) -> list[Programme]:
        """Policy for VerificationCompleted: the outcome, recorded on the programme that asked."""
        done = VerificationCompleted.model_validate(envelope.payload)
        programme = self.find(done.programme_id, Programme)
        if programme is None:
            log.warning("verification %s names unknown programme", done.verification_id)
            return []
        provenance = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        result = done.model_dump(
            mode="json", exclude={"verification_id", "programme_id", "agent_id", "rule_codes"}
        )
        if not programme.record_verification(
            str(done.verification_id), done.agent_id, result, provenance
        ):
            log.warning("verification %s was not asked for; ignored", done.verification_id)
            return []
        return [programme]

    def _update(
        self, programme_id: UUID, actor: Actor, command: Callable[[Programme, Provenance], T]
    ) -> tuple[Programme, T]:
        """Run a command on the programme's latest state and save its events; a concurrent
        change makes the save fail, and the decorated command run again."""
        programme = self.programme(programme_id)
        outcome = command(programme, Provenance(actor, programme.correlation_id))
        self.save(programme)
        return programme, outcome

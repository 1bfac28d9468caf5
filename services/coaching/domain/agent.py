"""The coaching record of one agent: the plan open now, and the triggers already handled.

One aggregate per agent (its id derived from the agent id) is saved with every plan opened or
closed for that agent. Two concurrent openings for one agent both write the same next version
of it, so the event store's optimistic concurrency lets only one through: at most one open plan
per agent, without a lock or a read model.
"""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from runtime.provenance import AuditedEvent, Provenance


def agent_record_id(agent_id: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"hotline-qa:coaching:agent:{agent_id}")


class AgentCoaching(Aggregate):
    class Started(Aggregate.Created, AuditedEvent):
        agent_id: str

    class PlanOpened(AuditedEvent):
        plan_id: UUID
        key: str
        seen_until: datetime | None

        def apply(self, aggregate: AgentCoaching) -> None:
            aggregate.open_plan = self.plan_id
            aggregate.keys.append(self.key)
            if self.seen_until is not None:
                aggregate.seen_until = self.seen_until

    class TriggerSkipped(AuditedEvent):
        """A trigger came while a plan was open: noted, so it does not open one later."""

        key: str
        seen_until: datetime | None

        def apply(self, aggregate: AgentCoaching) -> None:
            aggregate.keys.append(self.key)
            if self.seen_until is not None:
                aggregate.seen_until = self.seen_until

    class PlanClosed(AuditedEvent):
        plan_id: UUID

        def apply(self, aggregate: AgentCoaching) -> None:
            if aggregate.open_plan == self.plan_id:
                aggregate.open_plan = None

    def __init__(self, agent_id: str) -> None:
        self.agent_id = agent_id
        self.open_plan: UUID | None = None
        self.keys: list[str] = []
        self.seen_until: datetime | None = None

    @classmethod
    def start(cls, agent_id: str, by: Provenance) -> AgentCoaching:
        return cls._create(
            cls.Started, id=agent_record_id(agent_id), agent_id=agent_id, **by.event_kwargs()
        )

    def handled(self, key: str) -> bool:
        return key in self.keys

    def plan_opened(
        self, plan_id: UUID, key: str, seen_until: datetime | None, by: Provenance
    ) -> None:
        if self.open_plan is not None:
            raise ValueError(f"agent {self.agent_id} already has open plan {self.open_plan}")
        self.trigger_event(
            self.PlanOpened, plan_id=plan_id, key=key, seen_until=seen_until, **by.event_kwargs()
        )

    def skip(self, key: str, seen_until: datetime | None, by: Provenance) -> None:
        if not self.handled(key):
            self.trigger_event(
                self.TriggerSkipped, key=key, seen_until=seen_until, **by.event_kwargs()
            )

    def plan_closed(self, plan_id: UUID, by: Provenance) -> None:
        self.trigger_event(self.PlanClosed, plan_id=plan_id, **by.event_kwargs())

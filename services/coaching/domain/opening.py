"""What opens a coaching plan: a trigger (a month, a verification, repeated failures, a review
that found no improvement, a person) for an agent. The plan's id comes from the agent and the
trigger, so a trigger handled twice opens one plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from contracts.api.coaching import Reason


def plan_id_for(agent_id: str, key: str) -> UUID:
    """One plan per agent and trigger: a repeat is a no-op."""
    return uuid5(NAMESPACE_URL, f"hotline-qa:coaching:plan:{agent_id}:{key}")


def follow_up_key(plan_id: UUID) -> str:
    """The trigger of the follow-up plan a review of `plan_id` opens: one per reviewed plan."""
    return f"follow-up:{plan_id}"


@dataclass(frozen=True)
class PlanRequest:
    """A plan to open; `key` names the trigger, `seen_until` the last call it addresses (the
    repeated-failure check counts only later calls)."""

    agent_id: str
    reason: Reason
    key: str
    team_id: str | None = None
    rule_codes: list[str] = field(default_factory=list)
    call_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen_until: datetime | None = None
    previous_plan_id: UUID | None = None

    @property
    def plan_id(self) -> UUID:
        return plan_id_for(self.agent_id, self.key)

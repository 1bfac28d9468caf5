"""One open proposal per (rule code, category) at a time.

A `ProposalSlot` per group (deterministic id) holds the group's open proposal and numbers its
proposals; a proposal's id is derived from the group and that number. Opening saves the slot
with the proposal, so two detections racing for the same group collide on the slot's version
(optimistic concurrency) instead of opening two proposals. Deciding a proposal frees the slot
and records until when the group's findings count as answered, so the same findings do not
re-open a proposal the editor just decided.
"""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from runtime.provenance import AuditedEvent, Provenance


class SlotTakenError(Exception):
    """The group already has an open proposal."""


def group_key(rule_code: str, category: str | None) -> str:
    return f"{rule_code}|{category or ''}"


def slot_id(rule_code: str, category: str | None) -> UUID:
    return uuid5(NAMESPACE_URL, f"hotline-qa:proposal-slot:{group_key(rule_code, category)}")


def proposal_id_for(rule_code: str, category: str | None, sequence: int) -> UUID:
    key = f"{group_key(rule_code, category)}|{sequence}"
    return uuid5(NAMESPACE_URL, f"hotline-qa:proposal:{key}")


class ProposalSlot(Aggregate):
    class Started(Aggregate.Created, AuditedEvent):
        rule_code: str
        category: str | None

    class Taken(AuditedEvent):
        proposal_id: UUID
        sequence: int

        def apply(self, aggregate: ProposalSlot) -> None:
            aggregate.open_proposal = self.proposal_id
            aggregate.sequence = self.sequence

    class Freed(AuditedEvent):
        proposal_id: UUID
        answered_until: datetime

        def apply(self, aggregate: ProposalSlot) -> None:
            aggregate.open_proposal = None
            aggregate.answered_until = self.answered_until

    def __init__(self, rule_code: str, category: str | None) -> None:
        self.rule_code = rule_code
        self.category = category
        self.sequence = 0
        self.open_proposal: UUID | None = None
        self.answered_until: datetime | None = None

    @classmethod
    def start(cls, rule_code: str, category: str | None, provenance: Provenance) -> ProposalSlot:
        return cls._create(
            cls.Started,
            id=slot_id(rule_code, category),
            rule_code=rule_code,
            category=category,
            **provenance.event_kwargs(),
        )

    def take(self, provenance: Provenance) -> UUID:
        """The id of the group's next proposal, now its open one."""
        if self.open_proposal is not None:
            raise SlotTakenError(f"{group_key(self.rule_code, self.category)} has a proposal")
        sequence = self.sequence + 1
        proposal_id = proposal_id_for(self.rule_code, self.category, sequence)
        self.trigger_event(
            self.Taken, proposal_id=proposal_id, sequence=sequence, **provenance.event_kwargs()
        )
        return proposal_id

    def counting_from(self, start: datetime) -> datetime | None:
        """Where the group's findings start counting towards a new proposal of a window that
        starts at `start`: None while a proposal is open, else after what the last one answered."""
        if self.open_proposal is not None:
            return None
        if self.answered_until is not None and self.answered_until > start:
            return self.answered_until
        return start

    def free(self, proposal_id: UUID, answered_until: datetime, provenance: Provenance) -> None:
        if self.open_proposal != proposal_id:
            return
        self.trigger_event(
            self.Freed,
            proposal_id=proposal_id,
            answered_until=answered_until,
            **provenance.event_kwargs(),
        )

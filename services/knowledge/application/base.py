"""What every knowledge command builds on: the service's settings and lookups by id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from runtime.eventstore import ServiceApplication
from services.knowledge.config import KnowledgeConfig

T = TypeVar("T", bound=Aggregate)


class NotFoundError(LookupError):
    """No article, case, proposal, digest or finding with that id (404)."""


class KnowledgeBase(ServiceApplication):
    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        self.config = KnowledgeConfig.from_env(self.env)

    def get(self, aggregate_id: UUID, kind: type[T]) -> T:
        """The aggregate of that id and kind; NotFoundError when there is none."""
        aggregate = self.find(aggregate_id, kind)
        if aggregate is None:
            raise NotFoundError(f"no {kind.__name__.lower()} {aggregate_id}")
        return aggregate

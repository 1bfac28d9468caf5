"""Domain objects -> the models other services and clients see (contract events, responses).

A service's `contract_mapping.py` is a `ContractMapping`, one rule per domain event class; rules
and views `carry` an object's attributes into a model, naming only the fields that differ (ids,
renamed or converted fields).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from pydantic import BaseModel

from contracts.events import IntegrationEvent

M = TypeVar("M", bound=BaseModel)
Rule = Callable[[Any], IntegrationEvent]


class ContractMapping:
    """`to_contract(event)`: the contract event of the first rule whose class `event` is an
    instance of, or None when other services do not hear of it."""

    def __init__(self, rules: Mapping[type[Any], Rule]) -> None:
        self._rules = dict(rules)

    def __call__(self, event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
        for kind, rule in self._rules.items():
            if isinstance(event, kind):
                return rule(event)
        return None


def carry(model: type[M], source: object, **overrides: object) -> M:
    """`model` built from the attributes of `source` of the same names, then `overrides`
    (attributes the model does not name are ignored)."""
    return model.model_validate(vars(source) | overrides)

"""Integration events of the rules service."""

from __future__ import annotations

from pydantic import Field

from contracts.events import IntegrationEvent, register
from contracts.rulelang.rules import Rule


@register
class RuleSetPublished(IntegrationEvent):
    """A rule set version was published and is now the one in force."""

    producer = "rules"

    version: int = Field(ge=1)
    description: str = ""
    rules: list[Rule]

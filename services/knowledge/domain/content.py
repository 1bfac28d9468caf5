"""What an article's revision says, whom it answers, and the revision as read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class Content:
    """What a revision says, and what it is tagged with."""

    title: str
    body: str
    rule_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    def tagged(self, rule_code: str, category: str | None) -> Content:
        """This content also tagged with a proposal's rule code and category."""
        rules = tuple(dict.fromkeys([*self.rule_codes, rule_code]))
        categories = tuple(dict.fromkeys([*self.categories, *([category] if category else [])]))
        return Content(self.title, self.body, rules, categories)

    def changed(
        self,
        title: str | None = None,
        body: str | None = None,
        rule_codes: list[str] | None = None,
        categories: list[str] | None = None,
    ) -> Content:
        """This content with the given parts replaced (None keeps a part as it is)."""
        return Content(
            self.title if title is None else title,
            self.body if body is None else body,
            self.rule_codes if rule_codes is None else tuple(rule_codes),
            self.categories if categories is None else tuple(categories),
        )


@dataclass(frozen=True)
class ContentChanges:
    """The parts of an article an editor replaces in a new revision (None keeps a part)."""

    title: str | None = None
    body: str | None = None
    rule_codes: list[str] | None = None
    categories: list[str] | None = None

    def applied_to(self, content: Content) -> Content:
        return content.changed(self.title, self.body, self.rule_codes, self.categories)


@dataclass(frozen=True)
class Answering:
    """The proposal a revision answers, and whom its evidence concerns."""

    proposal_id: UUID
    agents: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()


@dataclass(frozen=True)
class Revision:
    number: int
    content: Content
    reason: str
    actor: dict[str, str]
    at: Any
    proposal_id: UUID | None = None
    audience_agents: tuple[str, ...] = field(default=())
    audience_teams: tuple[str, ...] = field(default=())

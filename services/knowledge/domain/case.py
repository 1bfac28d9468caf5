"""A case of the case library (案例库): a representative call, kept for teaching.

The five kinds are those of seed 003: common problems (共性问题), good handling of an
error-prone question (易错问题的优秀录音), disputed cases with the settled answer (有争议问题),
benchmark calls (标杆录音) and moving calls (感人录音).
"""

from __future__ import annotations

from uuid import uuid4

from eventsourcing.domain import Aggregate

from contracts.api.knowledge import CaseKind
from runtime.provenance import AuditedEvent, Provenance


class CaseError(ValueError):
    """A case that breaks a rule of the library (a disputed case needs its settled answer)."""


class Case(Aggregate):
    class Added(Aggregate.Created, AuditedEvent):
        kind: str
        title: str
        summary: str
        call_id: str
        rule_codes: list[str]
        settled_answer: str | None

    def __init__(
        self,
        kind: str,
        title: str,
        summary: str,
        call_id: str,
        rule_codes: list[str],
        settled_answer: str | None,
    ) -> None:
        self.kind = kind
        self.title = title
        self.summary = summary
        self.call_id = call_id
        self.rule_codes = rule_codes
        self.settled_answer = settled_answer

    @classmethod
    def add(
        cls,
        kind: CaseKind,
        title: str,
        summary: str,
        call_id: str,
        rule_codes: list[str],
        settled_answer: str | None,
        provenance: Provenance,
    ) -> Case:
        if kind == "disputed" and not settled_answer:
            raise CaseError("a disputed case needs its settled_answer")
        return cls._create(
            cls.Added,
            id=uuid4(),
            kind=kind,
            title=title,
            summary=summary,
            call_id=call_id,
            rule_codes=rule_codes,
            settled_answer=settled_answer,
            **provenance.event_kwargs(),
        )

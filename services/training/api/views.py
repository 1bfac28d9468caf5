"""Programmes, attempts and read-model rows as the API shows them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.api.training import (
    AssignmentsOut,
    AttemptOut,
    LevelOut,
    ProgrammeOut,
    ProgrammesOut,
    ProgrammeSummaryOut,
    VerificationOut,
    VerificationsOut,
)
from services.training.domain import cascade
from services.training.domain.effect import programme_effect, stage
from services.training.domain.programme import Programme


def programme_out(programme: Programme) -> ProgrammeOut:
    """A programme with its cascade levels, quiz, verifications and effect."""
    verifications = list(programme.verifications.values())
    return ProgrammeOut.model_validate(
        {
            "programme_id": programme.id,
            "status": stage(programme.status, programme.assignments.values(), verifications),
            **programme.draft.to_dict(),
            "pass_mark": programme.pass_mark,
            "correlation_id": programme.correlation_id,
            "levels": levels_out(programme),
            "quiz": {"questions": programme.questions},
            "verifications": verifications,
            "effect": programme_effect(verifications),
        }
    )


def levels_out(programme: Programme) -> list[LevelOut]:
    view = cascade.level_view(programme.assignments, programme.completed_levels)
    return [LevelOut.model_validate(level) for level in view]


def assignments_out(programme: Programme, assigned: list[str]) -> AssignmentsOut:
    return AssignmentsOut(assigned=assigned, levels=levels_out(programme))


def attempt_out(result: Mapping[str, Any]) -> AttemptOut:
    return AttemptOut.model_validate(result)


def programmes_out(rows: list[dict[str, Any]], limit: int, offset: int) -> ProgrammesOut:
    items = [ProgrammeSummaryOut.model_validate(row) for row in rows]
    return ProgrammesOut(items=items, limit=limit, offset=offset)


def verifications_out(rows: list[dict[str, Any]], limit: int, offset: int) -> VerificationsOut:
    items = [VerificationOut.model_validate(row) for row in rows]
    return VerificationsOut(items=items, limit=limit, offset=offset)

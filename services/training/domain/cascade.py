"""The cascade of seed 000: the centre head trains team leaders, who train the agents.

A level opens when every level above it has completed; a level completes when it has
trainees and all of them passed the quiz.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

Level = Literal["centre_head", "team_leader", "agent"]
LEVELS: tuple[Level, ...] = ("centre_head", "team_leader", "agent")

ASSIGNED, COMPLETED = "assigned", "completed"


def is_open(level: str, completed_levels: Iterable[str]) -> bool:
    done = set(completed_levels)
    return all(above in done for above in LEVELS[: LEVELS.index(level)])


def level_complete(level: str, assignments: Mapping[str, Mapping[str, Any]]) -> bool:
    trainees = [a for a in assignments.values() if a["level"] == level]
    return bool(trainees) and all(a["status"] == COMPLETED for a in trainees)


def level_view(
    assignments: Mapping[str, Mapping[str, Any]], completed_levels: Iterable[str]
) -> list[dict[str, Any]]:
    """Each level with its state (waiting, open, completed) and its trainees."""
    done = list(completed_levels)
    view = []
    for level in LEVELS:
        trainees = [dict(a) for a in assignments.values() if a["level"] == level]
        state = "completed" if level in done else "open" if is_open(level, done) else "waiting"
        completed = sum(1 for a in trainees if a["status"] == COMPLETED)
        view.append(
            {"level": level, "state": state, "assigned": len(trainees), "completed": completed}
            | {"trainees": trainees}
        )
    return view

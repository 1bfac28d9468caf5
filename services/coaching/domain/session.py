"""A one-to-one session of a coaching plan: the coach, the calls listened to together, the
deviations corrected and the actions agreed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Session:
    held_at: datetime
    coach_id: str
    calls_reviewed: list[str] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)
    agreed_actions: list[str] = field(default_factory=list)

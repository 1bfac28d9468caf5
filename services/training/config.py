"""The training service's settings from the environment (names documented here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PASS_MARK = "QA_TRAINING_PASS_MARK"
WINDOW_DAYS = "QA_VERIFY_WINDOW_DAYS"
MIN_CALLS = "QA_VERIFY_MIN_CALLS"


@dataclass(frozen=True)
class TrainingConfig:
    """`pass_mark`: quiz score (0-100) that passes, default 80. `window_days` (default 14) and
    `min_calls` (optional) are the verification terms asked of the inspection service."""

    pass_mark: float = 80.0
    window_days: int = 14
    min_calls: int | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TrainingConfig:
        pass_mark = float(env.get(PASS_MARK) or 80)
        window_days = int(env.get(WINDOW_DAYS) or 14)
        min_calls = int(env[MIN_CALLS]) if env.get(MIN_CALLS) else None
        if not 0 <= pass_mark <= 100:
            raise ValueError(f"{PASS_MARK} must be between 0 and 100, not {pass_mark}")
        if not 1 <= window_days <= 365:
            raise ValueError(f"{WINDOW_DAYS} must be between 1 and 365, not {window_days}")
        if min_calls is not None and min_calls < 1:
            raise ValueError(f"{MIN_CALLS} must be at least 1, not {min_calls}")
        return cls(pass_mark, window_days, min_calls)

"""The coaching service's settings, from the environment (QA_COACHING_*)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from services.coaching.domain.selection import Criteria


def _optional(env: Mapping[str, str], name: str) -> float | None:
    value = env.get(name)
    return float(value) if value not in (None, "") else None


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    """The variable's value (0 included), else `default`."""
    value = _optional(env, name)
    return default if value is None else value


@dataclass(frozen=True)
class CoachingConfig:
    criteria: Criteria = field(default_factory=Criteria)
    follow_up_weeks: float = 6
    repeat_count: int = 3
    repeat_window_days: float = 14
    timezone: str = "Asia/Shanghai"
    job_seconds: float = 300

    @property
    def follow_up(self) -> timedelta:
        return timedelta(weeks=self.follow_up_weeks)

    @property
    def repeat_window(self) -> timedelta:
        return timedelta(days=self.repeat_window_days)

    @property
    def zone(self) -> ZoneInfo:
        """Months are counted in the hotline's local time."""
        return ZoneInfo(self.timezone)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CoachingConfig:
        criteria = Criteria(
            min_pass_rate=_number(env, "QA_COACHING_MIN_PASS_RATE", 0.8),
            min_csat=_number(env, "QA_COACHING_MIN_CSAT", 3.5),
            min_calls=int(_number(env, "QA_COACHING_MIN_CALLS", 10)),
            max_aht_seconds=_optional(env, "QA_COACHING_MAX_AHT_SECONDS"),
            min_fcr=_optional(env, "QA_COACHING_MIN_FCR"),
        )
        return cls(
            criteria=criteria,
            follow_up_weeks=_number(env, "QA_COACHING_FOLLOW_UP_WEEKS", 6),
            repeat_count=int(_number(env, "QA_COACHING_REPEAT_COUNT", 3)),
            repeat_window_days=_number(env, "QA_COACHING_REPEAT_WINDOW_DAYS", 14),
            timezone=env.get("QA_COACHING_TIMEZONE") or "Asia/Shanghai",
            job_seconds=_number(env, "QA_COACHING_JOB_SECONDS", 300),
        )

"""Who is coached: pure selection rules over monthly figures and recent violations.

Monthly selection (seed 000): an agent with enough calls whose QA pass rate, CSAT, first-contact
resolution or average handling time misses its criterion. Repeated failure: the same rule
violated on at least N calls within a window (14 days by default).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Criteria:
    min_pass_rate: float = 0.8
    min_csat: float = 3.5
    min_calls: int = 10
    max_aht_seconds: float | None = None
    min_fcr: float | None = None


@dataclass(frozen=True)
class AgentMonth:
    """One agent's figures in one month; a rate is None when nothing measured it."""

    agent_id: str
    team_id: str | None
    calls: int
    pass_rate: float | None = None
    csat: float | None = None
    fcr: float | None = None
    aht_seconds: float | None = None
    rule_codes: list[str] = field(default_factory=list)
    failed_calls: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Selected:
    figures: AgentMonth
    reasons: list[str]


def shortfalls(figures: AgentMonth, criteria: Criteria) -> list[str]:
    """The criteria the agent misses, as readable notes; empty when none (or too few calls)."""
    if figures.calls < criteria.min_calls:
        return []
    notes = []
    if figures.pass_rate is not None and figures.pass_rate < criteria.min_pass_rate:
        notes.append(f"pass_rate {figures.pass_rate:.2f} < {criteria.min_pass_rate:.2f}")
    if figures.csat is not None and figures.csat < criteria.min_csat:
        notes.append(f"csat {figures.csat:.2f} < {criteria.min_csat:.2f}")
    if criteria.min_fcr is not None and figures.fcr is not None and figures.fcr < criteria.min_fcr:
        notes.append(f"fcr {figures.fcr:.2f} < {criteria.min_fcr:.2f}")
    limit = criteria.max_aht_seconds
    if limit is not None and figures.aht_seconds is not None and figures.aht_seconds > limit:
        notes.append(f"aht_seconds {figures.aht_seconds:.0f} > {limit:.0f}")
    return notes


def select(month: Iterable[AgentMonth], criteria: Criteria) -> list[Selected]:
    chosen = [Selected(f, notes) for f in month if (notes := shortfalls(f, criteria))]
    return sorted(chosen, key=lambda s: s.figures.agent_id)


@dataclass(frozen=True)
class Violation:
    agent_id: str
    rule_code: str
    call_id: str
    started_at: datetime


@dataclass(frozen=True)
class RepeatedFailure:
    agent_id: str
    rule_codes: list[str]
    call_ids: list[str]
    last_call_at: datetime


def repeated_failures(
    violations: Sequence[Violation],
    now: datetime,
    repeat_count: int,
    window: timedelta = timedelta(days=14),
    seen_until: dict[str, datetime] | None = None,
) -> list[RepeatedFailure]:
    """Agents with a rule violated on `repeat_count` calls or more in (now - window, now].

    `seen_until` holds, per agent, the last call a plan already addressed: only later calls
    count, so the same violations never open a second plan.
    """
    seen_until = seen_until or {}
    calls: dict[tuple[str, str], dict[str, datetime]] = defaultdict(dict)
    for v in violations:
        watermark = seen_until.get(v.agent_id)
        if now - window < v.started_at <= now and (watermark is None or v.started_at > watermark):
            calls[(v.agent_id, v.rule_code)][v.call_id] = v.started_at
    by_agent: dict[str, list[tuple[str, dict[str, datetime]]]] = defaultdict(list)
    for (agent, rule), found in calls.items():
        if len(found) >= repeat_count:
            by_agent[agent].append((rule, found))
    failures = []
    for agent, rules in sorted(by_agent.items()):
        all_calls = {c: at for _, found in rules for c, at in found.items()}
        failures.append(
            RepeatedFailure(
                agent_id=agent,
                rule_codes=sorted(rule for rule, _ in rules),
                call_ids=sorted(all_calls, key=lambda c: (all_calls[c], c)),
                last_call_at=max(all_calls.values()),
            )
        )
    return failures

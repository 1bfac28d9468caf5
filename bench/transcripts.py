"""Synthetic 12345 hotline calls for the benchmarks: 2,000-3,000 characters of Chinese
transcript in 40-80 timed utterances, with the faults the default pack looks for.

    generate_calls(n, seed=0) -> list of call dicts valid for `contracts.call.Call`

Deterministic for a seed. Openings and closings are sometimes garbled by speech recognition or
missing; agents sometimes use banned phrases, pass the buck, are rude, repeat themselves, leave
long silences or talk over the citizen; work orders sometimes lack fields, carry a wrong
category or department, or were dispatched late.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from bench.phrasebook import (
    AGENT_BANNED,
    AGENT_BUCK_PASSING,
    AGENT_EMERGENCY,
    AGENT_GENERIC,
    AGENT_POLITE_NOT_KNOW,
    AGENT_RARE,
    AGENT_REPEATS,
    AGENT_RUDE,
    BLANKS,
    CALLBACK_OPENINGS,
    CALLBACK_QUESTIONS,
    CLOSING_GARBLED,
    CLOSING_NONE,
    CLOSING_STANDARD,
    COMMUNITIES,
    CUSTOMER_ANGRY,
    CUSTOMER_COMPLAINTS,
    CUSTOMER_EMERGENCY,
    CUSTOMER_GENERIC,
    DISTRICTS,
    HOLDS,
    OPENERS,
    OPENINGS_GARBLED,
    OPENINGS_NONE,
    OPENINGS_STANDARD,
    OTHER_CATEGORIES,
    STREETS,
    SURNAMES,
    TOPICS,
    Topic,
)

CHINA = timezone(timedelta(hours=8))
BASE_DAY = datetime(2026, 11, 2, tzinfo=CHINA)
AGENTS = tuple(f"A{1001 + n}" for n in range(40))
AGENTS_PER_TEAM = 5

Utterance = tuple[str, str, str]
"""(role, text, gap kind before it: "normal", "long" or "overlap")."""


@dataclass(frozen=True)
class Profile:
    """What happens in one call, drawn once per call."""

    opening: tuple[str, ...]
    closing: tuple[tuple[str, str], ...]
    specials_agent: tuple[str, ...]
    specials_customer: tuple[str, ...]
    complaining: bool
    hold_silence: bool
    interrupt_rate: float
    timed: bool


def _profile(rng: random.Random, stage: str) -> Profile:
    draw = rng.random()
    opening = (
        OPENINGS_STANDARD if draw < 0.72 else OPENINGS_GARBLED if draw < 0.85 else OPENINGS_NONE
    )
    if stage == "callback":
        opening = CALLBACK_OPENINGS
    draw = rng.random()
    closing = CLOSING_STANDARD if draw < 0.75 else CLOSING_GARBLED if draw < 0.85 else CLOSING_NONE
    agent: list[str] = []
    customer: list[str] = []
    _maybe(rng, 0.15, AGENT_BANNED, agent, 2)
    _maybe(rng, 0.35, AGENT_POLITE_NOT_KNOW, agent, 2)
    _maybe(rng, 0.08, AGENT_BUCK_PASSING, agent, 1)
    _maybe(rng, 0.06, AGENT_RUDE, agent, 2)
    _maybe(rng, 0.12, CUSTOMER_ANGRY, customer, 2)
    _maybe(rng, 0.03, AGENT_RARE, agent, 1)
    if rng.random() < 0.08:
        agent.extend([rng.choice(AGENT_REPEATS)] * rng.randint(3, 4))
    if stage == "callback":
        _maybe(rng, 0.8, CALLBACK_QUESTIONS, agent, 1)
    if rng.random() < 0.015:
        customer.append(rng.choice(CUSTOMER_EMERGENCY))
        agent.append(rng.choice(AGENT_EMERGENCY))
    return Profile(
        opening=opening,
        closing=closing,
        specials_agent=tuple(agent),
        specials_customer=tuple(customer),
        complaining=rng.random() < 0.5,
        hold_silence=rng.random() < 0.2,
        interrupt_rate=0.08 if rng.random() < 0.1 else 0.002,
        timed=rng.random() < 0.97,
    )


def _maybe(
    rng: random.Random, chance: float, pool: tuple[str, ...], into: list[str], most: int
) -> None:
    """With probability `chance`, add 1..`most` lines from `pool`."""
    if rng.random() < chance:
        into.extend(rng.choice(pool) for _ in range(rng.randint(1, most)))


def _fill(text: str, values: dict[str, str]) -> str:
    return text.format_map(values) if "{" in text else text


def _values(rng: random.Random, topic: Topic, agent_id: str) -> dict[str, str]:
    """The per-call words that templates refer to."""
    addr = (
        f"{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
        f"{rng.choice(COMMUNITIES)}{rng.randint(1, 30)}栋"
    )
    phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
    return {
        "addr": addr,
        "phone": phone,
        "last4": phone[-4:],
        "name": rng.choice(SURNAMES),
        "days": str(rng.randint(2, 40)),
        "dept": topic.departments[0],
        "agent_no": agent_id[1:],
        "topic": topic.name,
    }


def _line(
    rng: random.Random, role: str, topic: Topic, profile: Profile, values: dict[str, str]
) -> str:
    """One fragment of what `role` says in the body of the call."""
    draw = rng.random()
    if role == "agent":
        pool = topic.agent_lines if draw < 0.55 else AGENT_GENERIC
    elif draw < 0.45:
        pool = topic.details
    elif draw < 0.65 and profile.complaining:
        pool = CUSTOMER_COMPLAINTS
    else:
        pool = CUSTOMER_GENERIC
    pick = rng.random
    opener = OPENERS[int(pick() * len(OPENERS))]
    return opener + _fill(pool[int(pick() * len(pool))], values)


def _utterance_text(
    rng: random.Random,
    role: str,
    budget: float,
    first: str,
    context: tuple[Topic, Profile, dict[str, str]],
) -> str:
    """Fragments of `role` (after `first`) until the text is about `budget` characters long;
    a single fragment when the budget is 0."""
    topic, profile, values = context
    if budget <= 0:
        return first or _line(rng, role, topic, profile, values)
    parts = [first] if first else []
    length = len(first)
    while length < budget or not parts:
        part = _line(rng, role, topic, profile, values)
        if parts and part == parts[-1]:
            continue
        parts.append(part)
        length += len(part)
    return "".join(parts)


def _body(
    rng: random.Random,
    count: int,
    chars: int,
    context: tuple[Topic, Profile, dict[str, str]],
) -> list[Utterance]:
    """`count` alternating utterances (agent first) of about `chars` characters in all."""
    profile, values = context[1], context[2]
    agent_slots = list(range(0, count, 2))
    customer_slots = list(range(1, count, 2))
    firsts: dict[int, str] = {}
    for slot, line in zip(
        rng.sample(agent_slots, len(profile.specials_agent)), profile.specials_agent, strict=True
    ):
        firsts[slot] = _fill(line, values)
    for slot, line in zip(
        rng.sample(customer_slots, len(profile.specials_customer)),
        profile.specials_customer,
        strict=True,
    ):
        firsts[slot] = _fill(line, values)
    gaps: dict[int, str] = {}
    if profile.hold_silence and count >= 5:
        hold = rng.randrange(0, count - 3, 2)
        notice, resumed = rng.choice(HOLDS)
        firsts[hold] = notice
        firsts[hold + 1] = "好的。"
        firsts[hold + 2] = resumed
        gaps[hold + 2] = "long"
    body: list[Utterance] = []
    left = chars
    for index in range(count):
        role = "agent" if index % 2 == 0 else "customer"
        budget = left / (count - index) * (0.5 + rng.random())
        if index < count - 1 and rng.random() < 0.15:
            budget = 0  # a short answer: one fragment
        text = _utterance_text(rng, role, budget, firsts.get(index, ""), context)
        left -= len(text)
        gap = gaps.get(index) or ("overlap" if rng.random() < profile.interrupt_rate else "normal")
        body.append((role, text, gap))
    return body


def _transcript(
    rng: random.Random, topic: Topic, profile: Profile, values: dict[str, str]
) -> list[Utterance]:
    """Opening, the citizen's request, the body and the closing."""
    opening = ("agent", _fill(rng.choice(profile.opening), values), "normal")
    request = _fill(rng.choice(topic.problems), values) + _fill(rng.choice(topic.details), values)
    head = [opening, ("customer", request, "normal")]
    tail = [(role, text, "normal") for role, text in profile.closing]
    fixed = sum(len(u[1]) for u in head + tail)
    count = rng.randint(42, 80) - len(head) - len(tail)
    count -= count % 2
    chars = rng.randint(2_050, 2_850) - fixed
    return head + _body(rng, count, chars, (topic, profile, values)) + tail


def _segments(rng: random.Random, utterances: list[Utterance], timed: bool) -> list[dict[str, Any]]:
    """Segment dicts; with timestamps at about 250 characters a minute and small gaps."""
    if not timed:
        return [{"role": role, "text": text} for role, text, _ in utterances]
    rates = {"agent": rng.gauss(265, 35), "customer": rng.gauss(240, 40)}
    if rng.random() < 0.06:
        rates["agent"] = rng.choice((140.0, 380.0))
    segments: list[dict[str, Any]] = []
    start = end = rng.randint(200, 900)
    for index, (role, text, gap) in enumerate(utterances):
        duration = int(len(text) * 60_000 / max(rates[role], 60.0) * rng.uniform(0.85, 1.15)) + 150
        if index:
            start = _next_start(rng, gap, start, end)
        end = max(end, start + duration) if gap == "overlap" else start + duration
        segments.append({"role": role, "text": text, "start_ms": start, "end_ms": start + duration})
    return segments


def _next_start(rng: random.Random, gap: str, start: int, end: int) -> int:
    """When the next utterance starts, given the previous one's start and the latest end."""
    if gap == "long":
        return end + rng.randint(6_000, 28_000)
    if gap == "overlap":
        return max(start + 100, end - rng.randint(300, 1_500))
    if rng.random() < 0.01:
        return end + rng.randint(2_500, 6_000)
    return end + rng.randint(150, 1_200)


def _work_order(
    rng: random.Random, topic: Topic, request: str, ended: datetime, values: dict[str, str]
) -> dict[str, Any]:
    """The work order the agent filled in, with the usual slips."""
    created = ended + timedelta(seconds=rng.randint(-30, 240))
    draw = rng.random()
    dispatched: datetime | None = created + timedelta(minutes=rng.uniform(1, 25))
    if draw < 0.1:
        dispatched = None
    elif draw < 0.22:
        dispatched = created + timedelta(minutes=rng.uniform(35, 600))
    category = topic.category if rng.random() < 0.93 else rng.choice(OTHER_CATEGORIES)
    department = rng.choice(topic.departments)
    if rng.random() < 0.07:
        department = rng.choice(rng.choice(TOPICS).departments)
    order: dict[str, Any] = {
        "order_id": f"WO-{ended:%Y%m%d}-{rng.randrange(10**6):06d}",
        "category": category,
        "department": department,
        "title": f"{topic.name}问题",
        "content": f"市民来电反映：{request[:300]}",
        "citizen_phone": values["phone"],
        "address": values["addr"],
        "created_at": created,
        "dispatched_at": dispatched,
        "urgency": "紧急" if rng.random() < 0.1 else "一般",
    }
    for field in ("content", "citizen_phone", "address", "created_at", "urgency"):
        if rng.random() < 0.05:
            order[field] = rng.choice(BLANKS if field != "created_at" else BLANKS[::2])
    naive = rng.random() < 0.02
    for field in ("created_at", "dispatched_at"):
        value = order[field]
        if isinstance(value, datetime):
            order[field] = (value.replace(tzinfo=None) if naive else value).isoformat()
    return {key: value for key, value in order.items() if value != "DROP"}


def _call(rng: random.Random, seed: int, index: int) -> dict[str, Any]:
    topic = rng.choice(TOPICS)
    draw = rng.random()
    stage = "acceptance" if draw < 0.85 else "callback" if draw < 0.95 else "dispatch"
    profile = _profile(rng, stage)
    agent_index = rng.randrange(len(AGENTS))
    agent_id = AGENTS[agent_index]
    values = _values(rng, topic, agent_id)
    utterances = _transcript(rng, topic, profile, values)
    segments = _segments(rng, utterances, profile.timed)
    started = BASE_DAY + timedelta(days=rng.randrange(28), seconds=rng.randint(8 * 3600, 22 * 3600))
    last_end = max((s.get("end_ms", 0) for s in segments), default=0)
    duration = (
        last_end + rng.randint(300, 2_500) if profile.timed else rng.randint(500_000, 900_000)
    )
    call: dict[str, Any] = {
        "call_id": f"BENCH-{seed}-{index:07d}",
        "agent_id": agent_id,
        "team_id": f"T{agent_index // AGENTS_PER_TEAM + 1:02d}",
        "channel": "voice",
        "stage": stage,
        "started_at": started.isoformat(),
        "duration_ms": duration if rng.random() < 0.95 else None,
        "segments": segments,
        "caller_id": f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randrange(10_000):04d}",
        "hotline": "12345",
    }
    if stage == "dispatch" or rng.random() < 0.85:
        ended = started + timedelta(milliseconds=duration)
        request = utterances[1][1]
        call["work_order"] = _work_order(rng, topic, request, ended, values)
    if rng.random() < 0.6:
        call["survey"] = {"satisfaction": rng.randint(1, 5), "resolved": rng.random() < 0.7}
    return call


def generate_calls(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """`n` synthetic hotline calls, the same for the same seed."""
    rng = random.Random(seed)
    return [_call(rng, seed, index) for index in range(n)]

"""The weekly digest of concentrated and prominent problems (seed 000), for training.

The week is the seven days before the most recent Monday 00:00 in the service's time zone;
the digest's id derives from the week's start, so publishing it again finds the same digest.
Its items are the week's largest (rule code, category) groups of findings, counted as
detection counts them (distinct calls, share of the category's inspected calls).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5
from zoneinfo import ZoneInfo

from eventsourcing.domain import Aggregate

from contracts.knowledge import DigestItem
from runtime.provenance import AuditedEvent, Provenance
from services.knowledge.domain.detection import GroupCount, share_of


@dataclass(frozen=True)
class DigestTerms:
    top: int = 5
    min_count: int = 3
    timezone: str = "Asia/Shanghai"

    def __post_init__(self) -> None:
        if self.top < 1 or self.min_count < 1:
            raise ValueError(f"invalid digest terms: {self}")
        ZoneInfo(self.timezone)  # an unknown zone fails here, at start-up

    def week_before(self, now: datetime) -> tuple[datetime, datetime]:
        """[Monday 00:00 a week before, the most recent Monday 00:00), in the zone's time."""
        zone = ZoneInfo(self.timezone)
        local = now.astimezone(zone)
        monday = local.date() - timedelta(days=local.weekday())
        end = datetime.combine(monday, time(0), zone)
        start = datetime.combine(monday - timedelta(days=7), time(0), zone)
        return start, end


@dataclass(frozen=True)
class Prominent:
    rule_code: str
    category: str | None
    calls: int
    share: float

    def item(
        self, agents: Sequence[str], teams: Sequence[str], article_ids: Sequence[UUID]
    ) -> DigestItem:
        """The digest's item for this group: whom its findings concern, what teaches it."""
        return DigestItem(
            rule_code=self.rule_code,
            category=self.category,
            call_count=self.calls,
            call_share=self.share,
            agents=list(agents),
            teams=list(teams),
            article_ids=list(article_ids),
        )


def prominent_groups(
    counts: Iterable[GroupCount], inspected: Mapping[str | None, int], terms: DigestTerms
) -> list[Prominent]:
    """The `top` groups with at least `min_count` calls, by calls then share (descending)."""
    groups = [
        Prominent(g.rule_code, g.category, g.calls, share_of(g.calls, inspected.get(g.category, 0)))
        for g in counts
        if g.calls >= terms.min_count
    ]
    groups.sort(key=lambda g: (-g.calls, -g.share, g.rule_code, g.category or ""))
    return groups[: terms.top]


def digest_id_for(week_start: datetime) -> UUID:
    """The same week gives the same id, whatever offset its start is written in."""
    key = week_start.astimezone(UTC).isoformat()
    return uuid5(NAMESPACE_URL, f"hotline-qa:weekly-digest:{key}")


class Digest(Aggregate):
    """Published once, when created; it never changes."""

    class Published(Aggregate.Created, AuditedEvent):
        week_start: datetime
        week_end: datetime
        items: list[dict[str, Any]]

    def __init__(
        self, week_start: datetime, week_end: datetime, items: list[dict[str, Any]]
    ) -> None:
        self.week_start = week_start
        self.week_end = week_end
        self.items = items

    @classmethod
    def publish(
        cls,
        week: tuple[datetime, datetime],
        items: list[DigestItem],
        provenance: Provenance,
    ) -> Digest:
        return cls._create(
            cls.Published,
            id=digest_id_for(week[0]),
            week_start=week[0],
            week_end=week[1],
            items=[item.model_dump(mode="json") for item in items],
            **provenance.event_kwargs(),
        )

    @property
    def digest_items(self) -> list[DigestItem]:
        return [DigestItem.model_validate(item) for item in self.items]

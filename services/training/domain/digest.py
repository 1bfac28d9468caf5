"""A programme drafted from the knowledge service's weekly digest of concentrated problems."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import NAMESPACE_URL, UUID, uuid5

from contracts.knowledge import WeeklyDigestPublished
from services.training.domain.terms import ProgrammeDraft


def digest_programme_id(digest_id: UUID) -> UUID:
    """One programme per digest: a redelivered digest drafts nothing new."""
    return uuid5(NAMESPACE_URL, f"hotline-qa:digest-programme:{digest_id}")


def digest_draft(digest: WeeklyDigestPublished) -> ProgrammeDraft:
    """The week's problems in one programme: their rules and articles, everyone concerned;
    the title names the week's first day as the digest gives it (in the digest's zone)."""
    items = digest.items
    return ProgrammeDraft(
        title=f"{digest.week_start:%Y-%m-%d} 周重点问题培训",
        source="weekly_digest",
        article_ids=_union(str(a) for i in items for a in i.article_ids),
        rule_codes=_union(i.rule_code for i in items),
        audience_agents=_union(a for i in items for a in i.agents),
        audience_teams=_union(t for i in items for t in i.teams),
    )


def _union(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))

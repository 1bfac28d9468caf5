"""Domain events of a programme as the contract events other services hear."""

from __future__ import annotations

from contracts.training import ProgrammePublished, TrainingCompleted, VerificationRequested
from services.training.contract_mapping import to_contract
from tests.unit.training.test_programme import NOW, pass_level, programme


def test_programme_events_map_to_contracts() -> None:
    p = programme()
    pass_level(p, "centre_head", ["head"])
    pass_level(p, "team_leader", ["tl1"])
    pass_level(p, "agent", ["a1"])
    contracts = [c for c in map(to_contract, p.collect_events()) if c is not None]
    assert [type(c) for c in contracts] == [
        ProgrammePublished,
        TrainingCompleted,
        TrainingCompleted,
        TrainingCompleted,
        VerificationRequested,
    ]
    published, *_, requested = contracts
    assert isinstance(published, ProgrammePublished)
    assert (published.programme_id, published.source, published.rule_codes) == (
        p.id,
        "knowledge_update",
        ["R-GREETING"],
    )
    assert isinstance(requested, VerificationRequested)
    assert (requested.agent_id, requested.trained_at, requested.min_calls) == ("a1", NOW, 5)

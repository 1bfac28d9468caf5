"""Programme effect, stage, cascade view and the service's settings."""

from __future__ import annotations

import pytest

from services.training.config import TrainingConfig
from services.training.domain.cascade import is_open, level_view
from services.training.domain.effect import programme_effect, stage


def test_effect_means_rates_over_agents_with_both_rates() -> None:
    effect = programme_effect(
        [
            {"outcome": "verified", "rate_before": 0.4, "rate_after": 0.1},
            {"outcome": "ineffective", "rate_before": 0.2, "rate_after": 0.3},
            {"outcome": "insufficient_data", "rate_before": None, "rate_after": None},
            {"outcome": "pending"},
        ]
    )
    assert effect == {
        "agents_evaluated": 3,
        "verified": 1,
        "ineffective": 1,
        "insufficient_data": 1,
        "rate_before": 0.3,
        "rate_after": 0.2,
        "change": -0.1,
    }


def test_effect_of_nothing_verified() -> None:
    assert programme_effect([])["rate_before"] is None


def test_stage_follows_the_loop() -> None:
    done = [{"status": "completed"}]
    assert stage("draft", done, []) == "draft"
    assert stage("published", [{"status": "assigned"}], []) == "published"
    assert stage("published", done, []) == "in_training"
    assert stage("published", done, [{"outcome": "pending"}]) == "verifying"
    assert stage("published", done, [{"outcome": "ineffective"}]) == "evaluated"


def test_cascade_levels() -> None:
    assert is_open("centre_head", [])
    assert not is_open("agent", ["centre_head"])
    assert is_open("agent", ["centre_head", "team_leader"])
    view = level_view({"h": {"level": "centre_head", "status": "assigned"}}, [])
    assert [(v["level"], v["state"], v["assigned"]) for v in view] == [
        ("centre_head", "open", 1),
        ("team_leader", "waiting", 0),
        ("agent", "waiting", 0),
    ]


def test_config_from_env() -> None:
    assert TrainingConfig.from_env({}) == TrainingConfig(80.0, 14, None)
    env = {"QA_TRAINING_PASS_MARK": "90", "QA_VERIFY_WINDOW_DAYS": "7", "QA_VERIFY_MIN_CALLS": "20"}
    assert TrainingConfig.from_env(env) == TrainingConfig(90.0, 7, 20)
    with pytest.raises(ValueError, match="PASS_MARK"):
        TrainingConfig.from_env({"QA_TRAINING_PASS_MARK": "120"})

"""The default pack and its compiled rules, once per module."""

from __future__ import annotations

import pytest

from contracts.rulelang.engine import CompiledRuleSet, compile_rules
from contracts.rulelang.rules import RuleSetDefinition
from services.rules.pack import load_default_pack


@pytest.fixture(scope="module")
def pack() -> RuleSetDefinition:
    return load_default_pack()


@pytest.fixture(scope="module")
def engine(pack: RuleSetDefinition) -> CompiledRuleSet:
    return compile_rules(pack.rules)

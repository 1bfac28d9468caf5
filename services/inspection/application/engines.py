"""Compiled rule sets by version: compiling once, evaluating on every call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.call import Call
from contracts.rulelang.engine import CompiledRuleSet, RuleOutcome, compile_rules
from contracts.rulelang.rules import Rule


@dataclass(frozen=True)
class Engine:
    version: int
    rules: Mapping[str, Rule]
    compiled: CompiledRuleSet

    def evaluate(self, call: Call) -> list[RuleOutcome]:
        return self.compiled.evaluate(call)


class EngineCache:
    def __init__(self) -> None:
        self._engines: dict[int, Engine] = {}

    def get(self, version: int, rules: list[dict[str, Any]]) -> Engine:
        engine = self._engines.get(version)
        if engine is None:
            parsed = [Rule.model_validate(rule) for rule in rules]
            engine = Engine(version, {r.code: r for r in parsed}, compile_rules(parsed))
            self._engines = {version: engine}
        return engine

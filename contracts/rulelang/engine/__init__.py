"""The rule engine: compiles a rule set once, then evaluates every call against it."""

from contracts.rulelang.engine.compiler import CompiledRuleSet, compile_rules
from contracts.rulelang.engine.outcome import RuleOutcome, Status
from contracts.rulelang.evidence import Evidence

__all__ = ["CompiledRuleSet", "Evidence", "RuleOutcome", "Status", "compile_rules"]

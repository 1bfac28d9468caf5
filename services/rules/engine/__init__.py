"""The rule engine: compiles a rule set once, then evaluates every call against it."""

from services.rules.engine.compiler import CompiledRuleSet, compile_rules
from services.rules.engine.outcome import Hit, RuleOutcome, Status

__all__ = ["CompiledRuleSet", "Hit", "RuleOutcome", "Status", "compile_rules"]

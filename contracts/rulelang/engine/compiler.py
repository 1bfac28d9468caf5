"""From rules to a compiled rule set: conditions become operator trees sharing one phrase
automaton, so a call is scanned once for the words of every rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from contracts.call import Call
from contracts.rulelang.conditions import (
    And,
    CallDuration,
    Condition,
    Interruption,
    Keywords,
    NegativeEmotion,
    Not,
    Or,
    Regex,
    RepeatedPhrase,
    Silence,
    Similar,
    SpeechRate,
    WorkOrderCategoryValid,
    WorkOrderDepartmentMapping,
    WorkOrderDispatchSla,
    WorkOrderRequiredFields,
)
from contracts.rulelang.engine.node import Node
from contracts.rulelang.engine.operators.lexical import (
    KeywordsNode,
    NegativeEmotionNode,
    RepeatedPhraseNode,
)
from contracts.rulelang.engine.operators.logic import AndNode, NotNode, OrNode
from contracts.rulelang.engine.operators.patterns import RegexNode, SimilarNode
from contracts.rulelang.engine.operators.timing import (
    CallDurationNode,
    InterruptionNode,
    SilenceNode,
    SpeechRateNode,
)
from contracts.rulelang.engine.operators.work_order import (
    CategoryValidNode,
    DepartmentMappingNode,
    DispatchSlaNode,
    RequiredFieldsNode,
)
from contracts.rulelang.engine.outcome import RuleOutcome
from contracts.rulelang.engine.phrases import PhraseIndex
from contracts.rulelang.engine.view import CallView
from contracts.rulelang.rules import Mode, Rule


def compile_condition(condition: Condition, phrases: PhraseIndex) -> Node:
    match condition:
        case Keywords():
            return KeywordsNode(condition, phrases)
        case NegativeEmotion():
            return NegativeEmotionNode(condition, phrases)
        case RepeatedPhrase():
            return RepeatedPhraseNode(condition, phrases)
        case Regex():
            return RegexNode(condition)
        case Similar():
            return SimilarNode(condition)
        case Silence():
            return SilenceNode(condition)
        case SpeechRate():
            return SpeechRateNode(condition)
        case Interruption():
            return InterruptionNode(condition)
        case CallDuration():
            return CallDurationNode(condition)
        case WorkOrderRequiredFields():
            return RequiredFieldsNode(condition)
        case WorkOrderCategoryValid():
            return CategoryValidNode(condition)
        case WorkOrderDepartmentMapping():
            return DepartmentMappingNode(condition)
        case WorkOrderDispatchSla():
            return DispatchSlaNode(condition)
        case And():
            return AndNode([compile_condition(c, phrases) for c in condition.conditions])
        case Or():
            return OrNode([compile_condition(c, phrases) for c in condition.conditions])
        case Not():
            return NotNode(compile_condition(condition.condition, phrases))
    raise TypeError(f"no operator compiles {type(condition).__name__}")


@dataclass(frozen=True, slots=True)
class CompiledRule:
    code: str
    condition: Node
    stages: frozenset[str]
    """The call stages it judges; empty: all."""

    def judge(self, view: CallView) -> RuleOutcome:
        """A cheap test first; the evidence only for the few rules a call violates."""
        value = self.condition.test(view)
        if value is None:
            return RuleOutcome(self.code, "not_applicable")
        if not value:
            return RuleOutcome(self.code, "passed")
        return RuleOutcome(self.code, "violated", self.condition.evaluate(view).evidence)


class CompiledRuleSet:
    """The automatic rules of a set, ready to evaluate calls; manual rules are left to people."""

    def __init__(self, rules: Sequence[CompiledRule], phrases: PhraseIndex) -> None:
        self._rules = rules
        self._phrases = phrases

    @property
    def rule_codes(self) -> list[str]:
        return [rule.code for rule in self._rules]

    def evaluate(self, call: Call) -> list[RuleOutcome]:
        view = CallView(call, self._phrases)
        stage = call.stage.value
        outcomes = []
        for rule in self._rules:
            if rule.stages and stage not in rule.stages:
                outcomes.append(RuleOutcome(rule.code, "not_applicable"))
            else:
                outcomes.append(rule.judge(view))
        return outcomes


def compile_rules(rules: Sequence[Rule]) -> CompiledRuleSet:
    phrases = PhraseIndex()
    compiled = [
        CompiledRule(
            rule.code,
            compile_condition(rule.condition, phrases),
            frozenset(stage.value for stage in rule.applies_to),
        )
        for rule in rules
        if rule.mode is Mode.AUTO and rule.condition is not None
    ]
    phrases.freeze()
    return CompiledRuleSet(compiled, phrases)

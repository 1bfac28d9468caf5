"""What a rule set may cost, checked before it is stored, published or tried.

The schema (`conditions.py`) bounds each list; a budget bounds the whole: how deep conditions
nest, how many leaves and phrases a rule and the set have, how many regular expressions there
are and how large their compiled RE2 programs, how many examples fuzzy matching compares with
every utterance. It reads raw rules (the JSON as posted, valid or not) without recursion, so
a tree too deep for the validator or for JSON encoding is named, not crashed on.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import re2

Problem = dict[str, str]
"""{"field": path of the field, "problem": what is over budget}"""

BRANCHES = frozenset({"and", "or", "not"})
PHRASE_LISTS = ("words", "exclude", "examples", "phrases", "lexicon", "categories")
PATTERNS = ("pattern", "exclude_regex")


@dataclass(frozen=True)
class Budget:
    max_json_depth: int = 40
    """Nesting of anything in a rule (objects and lists); deeper cannot even be stored."""
    max_depth: int = 8
    """Condition levels on a path from a rule's condition to a leaf (the default pack: 3)."""
    max_leaves_per_rule: int = 64
    max_leaves: int = 2_000
    max_phrases_per_rule: int = 2_500
    max_phrases: int = 20_000
    max_regexes: int = 200
    max_regex_program: int = 200_000
    """Compiled RE2 program size of every pattern together: what regex matching costs."""
    max_similar_examples: int = 200


DEFAULT_BUDGET = Budget()


class Cost(NamedTuple):
    leaves: int = 0
    phrases: int = 0
    regexes: int = 0
    regex_program: int = 0
    similar_examples: int = 0

    def plus(self, other: Cost) -> Cost:
        return Cost(*(mine + theirs for mine, theirs in zip(self, other, strict=True)))


def budget_problems(rules: Sequence[Any], budget: Budget = DEFAULT_BUDGET) -> list[Problem]:
    """Every way the rules exceed the budget, each at the path of its field."""
    problems = storage_problems(rules, budget)
    unstorable = {problem["field"] for problem in problems}
    total = Cost()
    for index, rule in enumerate(rules):
        path = f"rules[{index}]"
        condition = rule.get("condition") if isinstance(rule, dict) else None
        if path not in unstorable and isinstance(condition, dict):
            cost, found = _rule_cost(condition, f"{path}.condition", budget)
            problems += found
            total = total.plus(cost)
    return problems + _total_problems(total, budget)


def storage_problems(rules: Sequence[Any], budget: Budget = DEFAULT_BUDGET) -> list[Problem]:
    """The rules too deeply nested to be stored at all (JSON encoding would fail)."""
    limit = budget.max_json_depth
    return [
        _problem(f"rules[{index}]", f"nested deeper than {limit} levels")
        for index, rule in enumerate(rules)
        if json_depth(rule, limit) > limit
    ]


def json_depth(value: Any, limit: int) -> int:
    """How deeply objects and lists nest in `value`, counted up to `limit + 1`."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if depth <= limit:
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _rule_cost(condition: dict[str, Any], path: str, budget: Budget) -> tuple[Cost, list[Problem]]:
    cost, problems = Cost(), list[Problem]()
    for node, at, depth in _conditions(condition, path):
        if depth > budget.max_depth:
            if not problems:
                message = f"conditions nest deeper than {budget.max_depth} levels (and/or/not)"
                problems.append(_problem(at, message))
        elif node.get("op") not in BRANCHES:
            cost = cost.plus(_leaf_cost(node))
    if cost.leaves > budget.max_leaves_per_rule:
        limit = budget.max_leaves_per_rule
        problems.append(_problem(path, f"{cost.leaves} conditions; at most {limit} per rule"))
    if cost.phrases > budget.max_phrases_per_rule:
        limit = budget.max_phrases_per_rule
        problems.append(_problem(path, f"{cost.phrases} phrases; at most {limit} per rule"))
    return cost, problems


def _conditions(root: dict[str, Any], path: str) -> Iterator[tuple[dict[str, Any], str, int]]:
    """Each condition object with its path and level (the root is 1), in document order. The
    rule's JSON depth is checked first, so the walk is bounded."""
    stack: list[tuple[Any, str, int]] = [(root, path, 1)]
    while stack:
        node, at, depth = stack.pop()
        if not isinstance(node, dict):
            continue
        yield node, at, depth
        children = node.get("conditions")
        if isinstance(children, list):
            numbered = reversed(list(enumerate(children)))
            stack.extend((child, f"{at}.conditions[{i}]", depth + 1) for i, child in numbered)
        if isinstance(node.get("condition"), dict):
            stack.append((node["condition"], f"{at}.condition", depth + 1))


def _leaf_cost(leaf: dict[str, Any]) -> Cost:
    phrases = sum(len(v) for name in PHRASE_LISTS if isinstance(v := leaf.get(name), list))
    mapping = leaf.get("mapping")
    if isinstance(mapping, dict):
        phrases += len(mapping) + sum(len(v) for v in mapping.values() if isinstance(v, list))
    patterns = [p for name in PATTERNS if isinstance(p := leaf.get(name), str)]
    examples = leaf.get("examples") if leaf.get("op") == "similar" else None
    return Cost(
        leaves=1,
        phrases=phrases,
        regexes=len(patterns),
        regex_program=sum(program_size(p) for p in patterns),
        similar_examples=len(examples) if isinstance(examples, list) else 0,
    )


@functools.lru_cache(maxsize=4096)
def program_size(pattern: str) -> int:
    """The compiled RE2 program's size (0 for an invalid pattern: the schema names it)."""
    try:
        size: int = re2.compile(pattern).programsize
    except re2.error:
        return 0
    return size


def _total_problems(total: Cost, budget: Budget) -> list[Problem]:
    measures = (
        (total.leaves, budget.max_leaves, "conditions"),
        (total.phrases, budget.max_phrases, "phrases"),
        (total.regexes, budget.max_regexes, "regular expressions"),
        (total.regex_program, budget.max_regex_program, "units of compiled RE2 programs"),
        (total.similar_examples, budget.max_similar_examples, "fuzzy examples (similar)"),
    )
    return [
        _problem("rules", f"the rule set has {value} {what}; at most {limit}")
        for value, limit, what in measures
        if value > limit
    ]


def _problem(field: str, problem: str) -> Problem:
    return {"field": field, "problem": problem}

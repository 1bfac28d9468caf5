"""and / or / not over three-valued verdicts (Kleene logic: unknown stays unknown unless
the known parts decide)."""

from __future__ import annotations

from collections.abc import Sequence

from services.rules.engine.node import Node, Unwindowed
from services.rules.engine.outcome import HOLDS_NOT, UNKNOWN, Hit, Verdict
from services.rules.engine.view import MAX_EVIDENCE, CallView


class _Combination:
    children: Sequence[Node]

    def examined(self, view: CallView) -> Sequence[int]:
        """Every utterance any part looked at, in call order."""
        return sorted({index for child in self.children for index in child.examined(view)})


class AndNode(_Combination):
    def __init__(self, children: Sequence[Node]) -> None:
        self.children = children

    def evaluate(self, view: CallView) -> Verdict:
        unknown = False
        evidence: list[Hit] = []
        for child in self.children:
            verdict = child.evaluate(view)
            if verdict.value is False:
                return HOLDS_NOT
            unknown = unknown or verdict.value is None
            evidence.extend(verdict.evidence)
        return UNKNOWN if unknown else Verdict(True, tuple(evidence[:MAX_EVIDENCE]))

    def describe(self) -> str:
        return "同时满足：" + "；".join(child.describe() for child in self.children)


class OrNode(_Combination):
    def __init__(self, children: Sequence[Node]) -> None:
        self.children = children

    def evaluate(self, view: CallView) -> Verdict:
        unknown = False
        for child in self.children:
            verdict = child.evaluate(view)
            if verdict.value:
                return verdict
            unknown = unknown or verdict.value is None
        return UNKNOWN if unknown else HOLDS_NOT

    def describe(self) -> str:
        return "满足其一：" + "；".join(child.describe() for child in self.children)


class NotNode(Unwindowed):
    """Holds when its condition does not; the evidence is where that condition looked
    (e.g. the opening utterances that lack the standard greeting)."""

    def __init__(self, child: Node) -> None:
        self.child = child

    def evaluate(self, view: CallView) -> Verdict:
        verdict = self.child.evaluate(view)
        if verdict.value is None:
            return UNKNOWN
        if verdict.value:
            return HOLDS_NOT
        note = f"未出现{self.child.describe()}"
        examined = self.child.examined(view)
        if not examined:
            return Verdict(True, (Hit(note=note),))
        return Verdict(True, tuple(view.hit(i, note=note) for i in examined[:MAX_EVIDENCE]))

    def describe(self) -> str:
        return f"不满足（{self.child.describe()}）"

"""and / or / not over three-valued verdicts (Kleene logic: unknown stays unknown unless
the known parts decide)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.rulelang.engine.node import BaseNode, Node
from contracts.rulelang.engine.outcome import HOLDS_NOT, UNKNOWN, Verdict
from contracts.rulelang.engine.view import MAX_EVIDENCE, CallView
from contracts.rulelang.evidence import Evidence


class _Combination(BaseNode):
    def __init__(self, children: Sequence[Node]) -> None:
        self.children = children

    def examined(self, view: CallView) -> Sequence[int]:
        """Every utterance any part looked at, in call order."""
        return sorted({index for child in self.children for index in child.examined(view)})


class AndNode(_Combination):
    def test(self, view: CallView) -> bool | None:
        unknown = False
        for child in self.children:
            value = child.test(view)
            if value is False:
                return False
            unknown = unknown or value is None
        return None if unknown else True

    def evaluate(self, view: CallView) -> Verdict:
        value = self.test(view)
        if not value:
            return UNKNOWN if value is None else HOLDS_NOT
        evidence = [hit for child in self.children for hit in child.evaluate(view).evidence]
        return Verdict(True, tuple(evidence[:MAX_EVIDENCE]))

    def describe(self) -> str:
        return "同时满足：" + "；".join(child.describe() for child in self.children)


class OrNode(_Combination):
    def test(self, view: CallView) -> bool | None:
        unknown = False
        for child in self.children:
            value = child.test(view)
            if value:
                return True
            unknown = unknown or value is None
        return None if unknown else False

    def evaluate(self, view: CallView) -> Verdict:
        unknown = False
        for child in self.children:
            value = child.test(view)
            if value:
                return child.evaluate(view)
            unknown = unknown or value is None
        return UNKNOWN if unknown else HOLDS_NOT

    def describe(self) -> str:
        return "满足其一：" + "；".join(child.describe() for child in self.children)


class NotNode(BaseNode):
    """Holds when its condition does not; the evidence is where that condition looked
    (e.g. the opening utterances that lack the standard greeting)."""

    def __init__(self, child: Node) -> None:
        self.child = child

    def test(self, view: CallView) -> bool | None:
        value = self.child.test(view)
        return None if value is None else not value

    def evaluate(self, view: CallView) -> Verdict:
        value = self.test(view)
        if not value:
            return UNKNOWN if value is None else HOLDS_NOT
        note = f"未出现{self.child.describe()}"
        examined = self.child.examined(view)
        if not examined:
            return Verdict(True, (Evidence(note=note),))
        return Verdict(True, tuple(view.hit(i, note=note) for i in examined[:MAX_EVIDENCE]))

    def describe(self) -> str:
        return f"不满足（{self.child.describe()}）"

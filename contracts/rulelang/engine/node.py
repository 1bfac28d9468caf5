"""The shape every compiled condition has, and the window that limits text operators."""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Protocol

from contracts.rulelang.conditions import Window
from contracts.rulelang.engine.outcome import Verdict
from contracts.rulelang.engine.view import CallView


class Node(Protocol):
    def evaluate(self, view: CallView) -> Verdict: ...

    def test(self, view: CallView) -> bool | None:
        """The verdict's value alone, as cheaply as possible: most rules hold on few calls,
        so evidence is gathered only for those that do."""
        ...

    def describe(self) -> str:
        """What the condition looks for, in Chinese, for evidence notes."""
        ...

    def examined(self, view: CallView) -> Sequence[int]:
        """The utterances a windowed operator looks at (none otherwise): the evidence of
        a `not` around it, i.e. where the expected words should have been."""
        ...


def select(view: CallView, roles: frozenset[str], window: Window | None) -> list[int] | None:
    """The utterances of the roles inside the window; None when the window needs timestamps
    the call does not have."""
    indices = view.of_role(roles)
    if window is None:
        return indices
    if window.first_n is not None:
        return indices[: window.first_n]
    if window.last_n is not None:
        return indices[-window.last_n :]
    if not view.timed:
        return None
    if window.within_first_ms is not None:
        limit = window.within_first_ms
        return [i for i in indices if (view.starts[i] or 0) <= limit]
    after = view.last_end_ms() - (window.within_last_ms or 0)
    return [i for i in indices if (view.ends[i] or 0) >= after]


class _Every:
    """Contains every utterance index: the window of an operator without a window."""

    def __contains__(self, item: object) -> bool:
        return True


EVERY = _Every()


def allowed(view: CallView, roles: frozenset[str], window: Window | None) -> Container[int] | None:
    """The utterance indices inside the window (the role is checked separately), or None
    when the window cannot be placed on this call."""
    if window is None:
        return EVERY
    selected = select(view, roles, window)
    return None if selected is None else frozenset(selected)


def describe_window(window: Window | None) -> str:
    if window is None:
        return "全程"
    if window.first_n is not None:
        return f"前 {window.first_n} 句"
    if window.last_n is not None:
        return f"最后 {window.last_n} 句"
    if window.within_first_ms is not None:
        return f"开始 {window.within_first_ms / 1000:g} 秒内"
    return f"结束前 {(window.within_last_ms or 0) / 1000:g} 秒内"


class BaseNode:
    """Defaults: a test that evaluates (for operators with no cheaper way), no window."""

    def evaluate(self, view: CallView) -> Verdict:
        raise NotImplementedError

    def test(self, view: CallView) -> bool | None:
        return self.evaluate(view).value

    def examined(self, view: CallView) -> Sequence[int]:
        return ()

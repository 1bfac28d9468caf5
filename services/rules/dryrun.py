"""Dry runs in a child process, within a time limit.

A dry run evaluates rules someone is still writing on a call they chose, before anyone has
seen what the pair costs. It runs in a child process forked from a server process that has
already imported the engine (multiprocessing's `forkserver`: the child copies none of this
process's threads and locks), so the endpoint's worker thread only waits, and a dry run that
outlasts the limit is killed rather than left running. At most `concurrency` run at once.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any

from contracts.call import Call
from contracts.rulelang.engine import RuleOutcome, compile_rules
from services.rules.domain.validation import parse_rules


class DryRunTimeoutError(Exception):
    code = "dry_run_timeout"


class DryRunBusyError(Exception):
    code = "dry_run_busy"


def evaluate(rules: list[dict[str, Any]], call: Call) -> list[RuleOutcome]:
    """The rules' outcomes on the call, nothing stored. Rules must be valid."""
    return compile_rules(parse_rules(rules)).evaluate(call)


def _evaluate_into(results: Connection, rules: list[dict[str, Any]], call: Call) -> None:
    results.send(evaluate(rules, call))
    results.close()


class DryRunner:
    def __init__(self, seconds: float, concurrency: int = 2) -> None:
        self.seconds = seconds
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([__name__])
        self._slots = threading.BoundedSemaphore(concurrency)

    def run(self, rules: list[dict[str, Any]], call: Call) -> list[RuleOutcome]:
        """Blocks its thread (call it from a worker thread) for `seconds` at most, waiting
        for a slot, then as long again for the outcomes."""
        if not self._slots.acquire(timeout=self.seconds):
            raise DryRunBusyError("too many dry runs at once; try again shortly")
        try:
            return self._run_child(rules, call)
        finally:
            self._slots.release()

    def _run_child(self, rules: list[dict[str, Any]], call: Call) -> list[RuleOutcome]:
        receiving, sending = self._context.Pipe(duplex=False)
        child = self._context.Process(
            target=_evaluate_into, args=(sending, rules, call), daemon=True
        )
        child.start()
        sending.close()
        try:
            if not receiving.poll(self.seconds):
                raise DryRunTimeoutError(
                    f"the dry run took longer than {self.seconds:g} s and was stopped;"
                    " try fewer rules or a shorter call"
                )
            outcomes: list[RuleOutcome] = receiving.recv()
        except EOFError as error:
            raise RuntimeError("the dry run ended without a result") from error
        finally:
            child.kill()
            child.join()
            receiving.close()
        return outcomes

"""Rule-engine benchmark: the default pack on realistic transcripts, on one core, side by side
with the naive evaluator (each rule checked by its own loop of substring and `re` searches).

    python -m bench.rule_engine [--calls 3000] [--seed 0] [--repeat 3] [--profile]

Calls are generated and parsed once (not timed); the pack is compiled once (timed on its own).
Each evaluator then runs over all calls in this one process after a warm-up; the best of
`--repeat` rounds counts. Target: at least 5,000 calls/s and at least 20 times the naive one.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.naive_evaluator import NaiveEvaluator
from bench.transcripts import generate_calls
from contracts.call import Call
from contracts.rulelang.engine import CompiledRuleSet, compile_rules
from contracts.rulelang.rules import Mode, Rule
from services.rules.pack import load_default_pack

TARGET_CALLS_PER_SECOND = 5_000
TARGET_RATIO = 20.0
WARM_UP_CALLS = 200
Statuses = list[tuple[str, str]]


@dataclass
class Timing:
    """The best round of one evaluator over all calls."""

    wall: float
    cpu: float
    results: list[Statuses]

    def rate(self, calls: int) -> float:
        return calls / self.wall if self.wall else float("inf")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def run(evaluate: Callable[[Call], object], calls: Sequence[Call], repeat: int) -> Timing:
    """Warm up, then time `repeat` rounds over all calls; keep the fastest."""
    for call in calls[:WARM_UP_CALLS]:
        evaluate(call)
    best: tuple[float, float, list[object]] | None = None
    for _ in range(max(1, repeat)):
        cpu, wall = time.process_time(), time.perf_counter()
        results = [evaluate(call) for call in calls]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or wall < best[0]:
            best = (wall, cpu, results)
    assert best is not None
    return Timing(best[0], best[1], [as_statuses(raw) for raw in best[2]])


def as_statuses(raw: object) -> Statuses:
    """(code, status) pairs from what either evaluator returns."""
    assert isinstance(raw, list)
    pairs: Statuses = []
    for item in raw:
        if isinstance(item, tuple):
            pairs.append((str(item[0]), str(item[1])))
        else:
            pairs.append((str(item.rule_code), str(item.status)))
    return pairs


def print_machine() -> None:
    print(
        f"machine: {platform.platform()}, CPU {cpu_model()} ({os.cpu_count()} logical), "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )
    print("one core: a single process and thread evaluates every call")


def print_corpus(
    calls: Sequence[Call], seed: int, rules: Sequence[Rule], compile_ms: float
) -> None:
    chars = sum(sum(len(s.text) for s in c.segments) for c in calls) / len(calls)
    utterances = sum(len(c.segments) for c in calls) / len(calls)
    timed = sum(c.has_timestamps for c in calls) / len(calls)
    orders = sum(c.work_order is not None for c in calls) / len(calls)
    auto = sum(r.mode is Mode.AUTO for r in rules)
    print(
        f"calls: {len(calls):,} (seed {seed}), average transcript {chars:,.0f} chars in "
        f"{utterances:.1f} utterances; {timed:.0%} timed, {orders:.0%} with a work order"
    )
    print(f"rules: {len(rules)} in the default pack, {auto} automatic; compile {compile_ms:.1f} ms")


def print_speed(calls: int, compiled: Timing, naive: Timing) -> None:
    for name, timing in (("compiled engine", compiled), ("naive evaluator", naive)):
        micros = timing.wall / calls * 1e6
        print(
            f"{name}: {timing.rate(calls):>10,.0f} calls/s {micros:>10,.1f} µs/call"
            f"  (wall {timing.wall:.2f} s, cpu {timing.cpu:.2f} s)"
        )
    ratio = naive.wall / compiled.wall if compiled.wall else float("inf")
    print(f"ratio: {ratio:.1f}x the naive evaluator")
    fast_enough = compiled.rate(calls) >= TARGET_CALLS_PER_SECOND
    print(
        f"targets: >= {TARGET_CALLS_PER_SECOND:,} calls/s {verdict(fast_enough)}; "
        f">= {TARGET_RATIO:.0f}x naive {verdict(ratio >= TARGET_RATIO)}"
    )


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def print_agreement(calls: Sequence[Call], compiled: list[Statuses], naive: list[Statuses]) -> None:
    same = sum(a == b for a, b in zip(compiled, naive, strict=True))
    print(f"agreement: {same:,}/{len(calls):,} calls ({same / len(calls):.2%}) identical statuses")
    shown = 0
    for call, ours, theirs in zip(calls, compiled, naive, strict=True):
        if ours == theirs:
            continue
        for (code, mine), (other_code, other) in zip(ours, theirs, strict=False):
            if (code, mine) != (other_code, other) and shown < 10:
                print(f"  {call.call_id} {code}: compiled {mine}, naive {other} ({other_code})")
                shown += 1
        if len(ours) != len(theirs) and shown < 10:
            print(f"  {call.call_id}: compiled {len(ours)} outcomes, naive {len(theirs)}")
            shown += 1


def print_rule_statuses(results: list[Statuses]) -> None:
    """How often each automatic rule was violated, passed or not applicable on the corpus."""
    counts: dict[str, Counter[str]] = {}
    for statuses in results:
        for code, status in statuses:
            counts.setdefault(code, Counter())[status] += 1
    print("statuses per rule (violated / passed / not applicable):")
    for code, counter in counts.items():
        print(
            f"  {code:<28} {counter['violated']:>6} {counter['passed']:>6} "
            f"{counter['not_applicable']:>6}"
        )


def profile(compiled: CompiledRuleSet, calls: Sequence[Call]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for call in calls:
        compiled.evaluate(call)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds; the best counts")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the compiled engine (top 25)"
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    calls = [Call.model_validate(c) for c in generate_calls(args.calls, seed=args.seed)]
    rules = load_default_pack().rules
    started = time.perf_counter()
    compiled = compile_rules(rules)
    compile_ms = (time.perf_counter() - started) * 1000
    naive = NaiveEvaluator(rules)
    print_machine()
    print_corpus(calls, args.seed, rules, compile_ms)
    if args.profile:
        profile(compiled, calls)
        return
    fast = run(compiled.evaluate, calls, args.repeat)
    slow = run(naive.evaluate, calls, args.repeat)
    print_speed(len(calls), fast, slow)
    print_agreement(calls, fast.results, slow.results)
    print_rule_statuses(fast.results)


if __name__ == "__main__":
    main()

"""End-to-end benchmark: calls posted through the gateway's batch endpoint until their inspections
are stored and listed by the read model.

    python -m bench.end_to_end [--calls 100000] [--batch 1000] [--concurrency 4] [--url URL]

Without `--url`, it starts the whole system itself (`qa run` in a child process, on the servers in
QA_DATABASE_URL / QA_NATS_URL or on embedded ones, in a fresh namespace) and stops it afterwards.
Each batch gets its own team id; a call is "stored" when its batch's POST returns (the inspection
is in the event store and readable by id), and "listed" when the read model's summary for its team
counts the whole batch. Latencies are per call, measured from the moment its batch was posted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from bench.system import running_system
from bench.transcripts import generate_calls


@dataclass
class Batch:
    team_id: str
    calls: list[dict[str, Any]]
    posted_at: float = 0.0
    stored_at: float = 0.0
    listed_at: float = 0.0


@dataclass
class Run:
    batches: list[Batch]
    pending: list[Batch] = field(default_factory=list)
    failures: int = 0


def make_batches(total: int, size: int, distinct: int, run_id: str) -> list[Batch]:
    """`total` calls in batches of `size`, reusing `distinct` generated transcripts."""
    pool = generate_calls(distinct, seed=7)
    batches = []
    for number in range(0, total, size):
        team = f"BENCH-{run_id}-{number // size}"
        calls = [
            pool[(number + i) % distinct] | {"call_id": f"{team}-{i}", "team_id": team}
            for i in range(min(size, total - number))
        ]
        batches.append(Batch(team, calls))
    return batches


async def post_batches(client: httpx.AsyncClient, run: Run, queue: asyncio.Queue[Batch]) -> None:
    while not queue.empty():
        batch = queue.get_nowait()
        body = orjson.dumps({"calls": batch.calls})
        batch.posted_at = time.perf_counter()
        answer = await client.post("/v1/calls:batch", content=body)
        batch.stored_at = time.perf_counter()
        counts = answer.json().get("counts", {}) if answer.status_code == 200 else {}
        if counts.get("accepted") != len(batch.calls):
            run.failures += 1
            print(f"batch {batch.team_id}: HTTP {answer.status_code} {answer.text[:300]}")
        run.pending.append(batch)


async def watch_read_model(client: httpx.AsyncClient, run: Run, done: asyncio.Event) -> None:
    """Poll the summary of the oldest batches not yet fully listed."""
    while not (done.is_set() and not run.pending):
        for batch in list(run.pending[:8]):
            summary = await client.get("/v1/inspections:summary", params={"team_id": batch.team_id})
            if summary.json()["inspected"] >= len(batch.calls):
                batch.listed_at = time.perf_counter()
                run.pending.remove(batch)
        await asyncio.sleep(0.05)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(run: Run, started: float, args: argparse.Namespace) -> None:
    calls = sum(len(b.calls) for b in run.batches)
    last_stored = max(b.stored_at for b in run.batches)
    last_listed = max(b.listed_at for b in run.batches)
    stored = [b.stored_at - b.posted_at for b in run.batches for _ in b.calls]
    listed = [b.listed_at - b.posted_at for b in run.batches for _ in b.calls]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"calls: {calls} in batches of {args.batch}, {args.concurrency} concurrent posts, "
        f"failed batches: {run.failures}"
    )
    print(f"stored (POST returned, readable by id): {calls / (last_stored - started):,.0f} calls/s")
    print(f"stored and listed by the read model:    {calls / (last_listed - started):,.0f} calls/s")
    for name, values in (("post -> stored", stored), ("post -> listed", listed)):
        print(
            f"latency {name}: p50 {percentile(values, 0.5) * 1000:,.0f} ms, "
            f"p99 {percentile(values, 0.99) * 1000:,.0f} ms"
        )


async def run_benchmark(url: str, api_key: str, args: argparse.Namespace) -> None:
    run = Run(make_batches(args.calls, args.batch, args.distinct, str(int(time.time()))))
    queue: asyncio.Queue[Batch] = asyncio.Queue()
    for batch in run.batches:
        queue.put_nowait(batch)
    headers = {"X-API-Key": api_key, "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=300) as client:
        done = asyncio.Event()
        watcher = asyncio.create_task(watch_read_model(client, run, done))
        started = time.perf_counter()
        await asyncio.gather(*(post_batches(client, run, queue) for _ in range(args.concurrency)))
        done.set()
        await watcher
    report(run, started, args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--distinct", type=int, default=2_000, help="distinct transcripts")
    parser.add_argument("--url", help="a running gateway; default: start the system here")
    parser.add_argument(
        "--api-key", default=os.environ.get("QA_BOOTSTRAP_API_KEY", "local-dev-key")
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.url:
        asyncio.run(run_benchmark(args.url, args.api_key, args))
        return
    with running_system() as (url, api_key):
        asyncio.run(run_benchmark(url, api_key, args))


if __name__ == "__main__":
    main()

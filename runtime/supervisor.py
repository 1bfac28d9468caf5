"""A service's background workers (relay, consumers, jobs) under one supervisor.

Workers need NATS; the supervisor keeps one connection, retrying until the server answers, so
a service starts and takes requests while NATS is down (its events wait in the outbox). A worker
that fails is restarted with exponential backoff. One that keeps failing while NATS is up is
reported (log and `qa_worker_failures_total`) and, after `unhealthy_after` seconds, makes the
service's liveness fail, so that an orchestrator restarts the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from nats.aio.client import Client

from runtime.backoff import Backoff
from runtime.metrics import WORKER_FAILURES
from runtime.nats_io import connect
from runtime.settings import Settings

log = logging.getLogger(__name__)

DRAIN_SECONDS = 3.0


@dataclass(frozen=True)
class Worker:
    name: str
    run: Callable[[Client], Awaitable[None]]


class WorkerHealth:
    """When a worker started failing without recovering since (monotonic seconds), if it has."""

    def __init__(self) -> None:
        self.failing_since: float | None = None

    def failed(self, counts: bool) -> None:
        if counts and self.failing_since is None:
            self.failing_since = time.monotonic()

    def recovered(self) -> None:
        self.failing_since = None

    def failing_for(self) -> float:
        return 0.0 if self.failing_since is None else time.monotonic() - self.failing_since


class Supervisor:
    def __init__(
        self,
        settings: Settings,
        service: str,
        workers: Sequence[Worker],
        unhealthy_after: float = 120.0,
        stable_after: float = 30.0,
    ) -> None:
        self.settings = settings
        self.service = service
        self.workers = list(workers)
        self.unhealthy_after = unhealthy_after
        self.stable_after = stable_after
        self.health = {worker.name: WorkerHealth() for worker in self.workers}
        self._nc: Client | None = None
        self._up = asyncio.Event()
        """Set while the NATS connection is up."""
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._connect(), name=f"{self.service}:nats")]
        self._tasks += [
            asyncio.create_task(self._supervise(worker), name=f"{self.service}:{worker.name}")
            for worker in self.workers
        ]

    @property
    def alive(self) -> bool:
        return all(h.failing_for() < self.unhealthy_after for h in self.health.values())

    def failing(self) -> list[str]:
        return [name for name, h in self.health.items() if h.failing_for() >= self.unhealthy_after]

    async def stop(self) -> None:
        """Stop the workers, then drain the connection: pending acks and publishes go out."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._nc is not None and self._nc.is_connected:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._nc.drain(), DRAIN_SECONDS)
        if self._nc is not None and not self._nc.is_closed:
            await self._nc.close()

    async def _connect(self) -> None:
        backoff = Backoff()
        while self._nc is None:
            try:
                self._nc = await connect(
                    self.settings,
                    self.service,
                    disconnected_cb=self._on_disconnected,
                    reconnected_cb=self._on_reconnected,
                )
            except Exception as error:
                delay = backoff.delay_after(0.0)
                log.warning(
                    "%s: NATS unreachable (%s); retrying in %.1fs", self.service, error, delay
                )
                await asyncio.sleep(delay)
        self._up.set()

    async def _on_disconnected(self) -> None:
        self._up.clear()

    async def _on_reconnected(self) -> None:
        self._up.set()

    async def _supervise(self, worker: Worker) -> None:
        backoff = Backoff(stable=self.stable_after)
        health = self.health[worker.name]
        await self._up.wait()
        assert self._nc is not None
        loop = asyncio.get_running_loop()
        while True:
            started = time.monotonic()
            settled = loop.call_later(self.stable_after, health.recovered)
            try:
                await worker.run(self._nc)
                raise RuntimeError("worker returned")
            except asyncio.CancelledError:
                raise
            except Exception:
                health.failed(counts=self._up.is_set())
                WORKER_FAILURES.labels(self.service, worker.name).inc()
                delay = backoff.delay_after(time.monotonic() - started)
                log.exception(
                    "%s: worker %s failed (attempt %d); restarting in %.1fs",
                    self.service,
                    worker.name,
                    backoff.attempts,
                    delay,
                )
                await asyncio.sleep(delay)
                await self._reconnected(backoff)
            finally:
                settled.cancel()

    async def _reconnected(self, backoff: Backoff) -> None:
        """While NATS is away, wait for the client to reconnect rather than fail again; the
        outage says nothing about the worker, so its backoff starts over."""
        if not self._up.is_set():
            await self._up.wait()
            backoff.attempts = 0

"""Restarting whatever `qa run` started that dies, leaving the rest running."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Protocol

from runtime.backoff import Backoff
from runtime.cli.signals import StopSignal

log = logging.getLogger("qa")

WATCH_INTERVAL = 0.5


class Child(Protocol):
    """A service process or an embedded server."""

    @property
    def name(self) -> str: ...

    def exit_status(self) -> str | None:
        """How it ended (e.g. "exited by SIGKILL"); None while it runs."""
        ...

    def restart(self) -> None:
        """Start it again as it was started first; raise if that fails at once."""
        ...


class Supervised:
    """One child and its restarts: when it dies, wait its backoff delay, then restart it."""

    def __init__(self, child: Child, now: float) -> None:
        self.child = child
        self.backoff = Backoff()
        self.up_since: float | None = now
        self.restart_at = now

    def check(self, now: float) -> None:
        if self.up_since is not None:
            if (status := self.child.exit_status()) is not None:
                uptime = now - self.up_since
                self._schedule(now, f"{status} after {uptime:.1f}s up", uptime)
        elif now >= self.restart_at:
            log.info("restarting %s (attempt %d)", self.child.name, self.backoff.attempts)
            try:
                self.child.restart()
            except Exception as error:  # whatever went wrong, the next attempt may succeed
                self._schedule(now, f"did not restart: {error}", 0.0)
            else:
                self.up_since = time.monotonic()

    def _schedule(self, now: float, why: str, uptime: float) -> None:
        delay = self.backoff.delay_after(uptime)
        self.up_since, self.restart_at = None, now + delay
        log.error(
            "%s %s; restarting it in %gs (attempt %d)",
            self.child.name,
            why,
            delay,
            self.backoff.attempts,
        )


def supervise(children: Sequence[Child], stop: StopSignal) -> None:
    """Until a stop signal, restart any child that dies, each on its own backoff; the others
    keep running. A stop signal ends a backoff wait at once."""
    watched = [Supervised(child, time.monotonic()) for child in children]
    while not stop.requested:
        now = time.monotonic()
        for entry in watched:
            entry.check(now)
        due = [entry.restart_at for entry in watched if entry.up_since is None]
        stop.wait(max(0.0, min([WATCH_INTERVAL, *(at - time.monotonic() for at in due)])))

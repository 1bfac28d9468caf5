"""Turning SIGINT and SIGTERM into an orderly shutdown."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

log = logging.getLogger("qa")


class StopSignal:
    """SIGINT and SIGTERM set a flag instead of raising, so that shutdown runs in order."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @classmethod
    def install(cls) -> StopSignal:
        stop = cls()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, stop._handle)
        return stop

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        log.info("%s received; shutting down", signal.Signals(signum).name)
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

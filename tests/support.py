"""Test helpers: waiting on a condition (never a bare sleep) and child processes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from runtime.settings import Settings

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent


async def wait_for(
    condition: Callable[[], Awaitable[T | None]], seconds: float = 30.0, what: str = "condition"
) -> T:
    """Poll `condition` until it returns something truthy, and return that; fail the test
    after `seconds`."""
    deadline = time.monotonic() + seconds
    while not (found := await condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds}s waiting for {what}")
        await asyncio.sleep(0.05)
    return found


def spawn(module: str, settings: Settings, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        QA_DATABASE_URL=settings.database_url or "",
        QA_NATS_URL=settings.nats_url or "",
        QA_NAMESPACE=settings.namespace,
    )
    return subprocess.Popen([sys.executable, "-m", module, *args], cwd=ROOT, env=env)


def kill(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait(timeout=10)

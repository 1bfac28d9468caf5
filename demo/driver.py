"""How the demo talks to the system: through the gateway, waiting on conditions (never on a
fixed sleep), stopping as soon as `qa run` does."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Protocol, TypeVar

import httpx

from runtime.clock import Clock

T = TypeVar("T")

POLL_SECONDS = 0.25
SLACK_SECONDS = 60.0  # beyond the simulated time a step waits for


class Stop(Protocol):
    """What the feeder needs of `qa run`'s stop signal: a wait that returns True once set."""

    def wait(self, timeout: float | None = None) -> bool: ...


class StepFailed(RuntimeError):
    pass


class Stopped(Exception):
    pass


class Driver:
    def __init__(self, client: httpx.Client, clock: Clock, speed: float, stop: Stop) -> None:
        self.client = client
        self.clock = clock
        self.speed = speed
        self.stop = stop
        self.prefix = f"DEMO-{clock.now():%Y%m%d%H%M%S}"
        self.step = "start"

    def post_calls(self, calls: list[dict[str, Any]]) -> None:
        """POST /v1/calls:batch, again while no rule set is in force yet (503 stores nothing)."""

        def accepted() -> dict[str, Any] | None:
            answer = self.client.post("/v1/calls:batch", json={"calls": calls})
            if answer.status_code == 503:
                return None
            return dict(self.expect(answer, 200))

        result = self.wait_for("the rule set in force", accepted, SLACK_SECONDS * 2)
        refused = [r for r in result["results"] if r["status"] not in ("accepted", "duplicate")]
        if refused:
            raise StepFailed(f"calls refused: {refused[:3]}")

    def expect(self, response: httpx.Response, status: int) -> Any:
        if response.status_code != status:
            request = response.request
            raise StepFailed(
                f"{request.method} {request.url.path} answered {response.status_code}: "
                f"{response.text[:300]}"
            )
        return response.json()

    def real_seconds(self, simulated: timedelta) -> float:
        return max(simulated.total_seconds(), 0.0) / self.speed

    def wait_for(self, what: str, condition: Callable[[], T | None], timeout: float) -> T:
        """Poll `condition` until it returns something; `StepFailed` after `timeout` seconds,
        `Stopped` as soon as `qa run` is asked to stop. A transport error counts as not yet."""
        deadline = time.monotonic() + timeout
        last_error = ""
        while True:
            try:
                found = condition()
            except httpx.TransportError as error:
                found, last_error = None, f" (last error: {error})"
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise StepFailed(f"waited {timeout:.0f} s for {what}{last_error}")
            if self.stop.wait(POLL_SECONDS):
                raise Stopped

"""`qa run --demo`: the scenario (demo/scenario.py) in a thread of the `qa run` process, once
the system is up. A step that does not finish in time is logged by name and the feeding stops;
the system keeps running."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

import httpx

from demo.driver import StepFailed, Stop, Stopped
from demo.scenario import Scenario
from runtime.cli.loop import gateway_client
from runtime.clock import AcceleratedClock

log = logging.getLogger("qa.demo")


def run_demo(url: str, api_key: str, speed: float, since: datetime, stop: Stop) -> None:
    """The scenario to its end, or until a step fails or `qa run` stops."""
    clock = AcceleratedClock(speed, since)
    with gateway_client(url, api_key, timeout=60.0) as client:
        scenario = Scenario(client, clock, speed, stop)
        try:
            scenario.run()
        except Stopped:
            return
        except StepFailed as error:
            log.error(
                "demo: step %s did not finish: %s; the demo stops feeding, the system keeps "
                "running", scenario.step, error,
            )  # fmt: skip
        except httpx.HTTPError as error:
            if not stop.wait(0):
                log.error(
                    "demo: step %s failed: %s; the demo stops feeding, the system keeps running",
                    scenario.step, error,
                )  # fmt: skip


def start_demo(url: str, api_key: str, speed: float, since: datetime, stop: Stop) -> None:
    """Run the demo in a daemon thread of the `qa run` process."""
    log.info(
        "demo: the clock runs %g times faster since %s; feeding the sample calls", speed, since
    )
    threading.Thread(
        target=run_demo, args=(url, api_key, speed, since, stop), name="demo", daemon=True
    ).start()

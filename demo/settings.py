"""The settings `qa run --demo` gives the services."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

DEMO_DEFAULTS = {
    "QA_CLOCK_SPEED": "86400",  # a simulated day per second
    "QA_KNOWLEDGE_DETECT_SECONDS": "2",
    "QA_VERIFY_CHECK_SECONDS": "2",
    "QA_COACHING_JOB_SECONDS": "2",
    # Monthly selection and a rule failing repeatedly would open a plan for D2 before its
    # training is verified (one open plan per agent): the demo shows the training branch.
    "QA_COACHING_REPEAT_COUNT": "1000",
    "QA_COACHING_MIN_CALLS": "1000000",
}
"""The demo's settings for the services, each unless already set in the environment."""


def demo_environment(env: Mapping[str, str], started: datetime) -> dict[str, str]:
    """The variables `qa run --demo` gives the services: `DEMO_DEFAULTS` unless set, and the
    accelerated clock counting from `started`."""
    chosen = {name: env.get(name) or default for name, default in DEMO_DEFAULTS.items()}
    chosen["QA_CLOCK_SINCE"] = started.isoformat()
    return chosen

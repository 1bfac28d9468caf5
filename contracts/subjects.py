"""Subject naming: `<namespace>.<producer>.<event>` with the event type in snake case.

Examples: `qa.inspection.inspection_completed`, `qa.rules.rule_set_published`.
One JetStream stream per installation, `<NAMESPACE>_EVENTS`, holds `<namespace>.>`.
"""

from __future__ import annotations

import re

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def event_token(event_name: str) -> str:
    return _CAMEL.sub("_", event_name).lower()


def subject_for(namespace: str, producer: str, event_name: str) -> str:
    return f"{namespace}.{producer}.{event_token(event_name)}"


def stream_name(namespace: str) -> str:
    return f"{namespace.upper()}_EVENTS"


def stream_subjects(namespace: str) -> list[str]:
    return [f"{namespace}.>"]


def subject_matches(pattern: str, subject: str) -> bool:
    """NATS wildcard matching: `*` is one token, a final `>` is one or more tokens."""
    wanted, actual = pattern.split("."), subject.split(".")
    for index, token in enumerate(wanted):
        if token == ">":
            return len(actual) > index
        if index >= len(actual) or token not in ("*", actual[index]):
            return False
    return len(actual) == len(wanted)

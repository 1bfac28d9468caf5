"""Schemathesis against the gateway's own OpenAPI: whatever a client sends, valid or not, the
answer is never a 5xx.

The whole system runs in-process (`tests/stack.py`) with the default rule pack in force; the
schema is the one the running gateway serves at /openapi.json. Every operation gets a fixed
number of generated requests, first valid for its schema, then invalid, all with the platform
API key so they get past authentication. Generation is derandomized and nothing is remembered
between runs: every run sends the same requests, so CI is reproducible and a failure replays.

Each operation runs as a plain Hypothesis test over `APIOperation.as_strategy`, not through
`schemathesis.pytest.from_fixture`: the schema exists only once the stack runs, and that lazy
loader fails on pytest 9.2 (it sets `Function._nodeid`, which pytest no longer has).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err

from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration

Operation: TypeAlias = schemathesis.APIOperation[Any, Any, Any, Any]

EXAMPLES = settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
"""Per operation and generation mode: ~50 operations x 2 modes x 25 requests, under a minute on
two cores. No shrinking: the first failing request of an operation is reported as sent."""


@pytest.fixture(scope="module")
def stack(make_settings: Callable[[], Settings]) -> Iterator[tuple[Settings, str]]:
    with running_stack(make_settings()) as (stack_settings, gateway_url):
        ensure_default_pack(stack_settings)
        yield stack_settings, gateway_url


@pytest.fixture(scope="module")
async def gateway_schema(stack: tuple[Settings, str]) -> schemathesis.BaseSchema:
    """The OpenAPI document the running gateway serves, once every service is ready."""
    stack_settings, gateway_url = stack
    async with httpx.AsyncClient(base_url=gateway_url, timeout=30) as client:

        async def ready() -> bool:
            return (await client.get("/readyz")).status_code == 200

        await wait_for(ready, 60, "every service to be ready")
        document = (await client.get("/openapi.json")).raise_for_status().json()
    config = schemathesis.Config.from_dict(
        {
            "base-url": gateway_url,
            "headers": {"X-API-Key": stack_settings.bootstrap_api_key},
            "request-timeout": 30,
        }
    )
    return schemathesis.openapi.from_dict(document, config=config)


def operations(schema: schemathesis.BaseSchema) -> list[Operation]:
    """Every operation of the schema; one the schema describes wrongly fails the test here."""
    found: list[Operation] = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        found.append(result.ok())
    return found


def server_errors(operation: Operation, mode: schemathesis.GenerationMode) -> list[str]:
    """The failure reports (each with a curl command) of the requests answered with a 5xx."""
    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @EXAMPLES
    def send(case: schemathesis.Case[Operation]) -> None:
        try:
            case.call_and_validate(checks=[not_a_server_error])
        except FailureGroup as failure:
            found.append(f"{operation.label} ({mode}):\n{failure.message}")

    try:
        send()
    except Unsatisfiable:
        # Nothing to make invalid (no parameter, or only free strings): no negative requests.
        if mode is schemathesis.GenerationMode.POSITIVE:
            raise
    return found


@pytest.mark.timeout(240)
def test_no_request_gets_a_server_error(gateway_schema: schemathesis.BaseSchema) -> None:
    every = operations(gateway_schema)
    assert len(every) > 40, "the gateway's schema lost its operations"
    found = [
        report
        for operation in every
        for mode in schemathesis.GenerationMode
        for report in server_errors(operation, mode)[:1]
    ]
    assert not found, "\n\n".join(found)

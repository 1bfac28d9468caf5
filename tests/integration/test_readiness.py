"""Readiness means "can accept and store calls": the inspection service (and the gateway in
front of it) is not ready before a rule set is in force, and is once one is."""

from __future__ import annotations

import httpx
import pytest

from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration


async def test_not_ready_before_a_rule_set_is_in_force(settings: Settings) -> None:
    with running_stack(settings) as (settings, gateway):
        inspection = settings.service_url("inspection")
        async with httpx.AsyncClient(timeout=10) as client:
            answer = await client.get(f"{inspection}/readyz")
            assert answer.status_code == 503
            assert answer.json()["error"] == "not_ready"
            assert "no rule set is in force" in answer.json()["message"]
            assert (await client.get(f"{gateway}/readyz")).status_code == 503
            ensure_default_pack(settings)

            async def ready() -> bool:
                return (await client.get(f"{gateway}/readyz")).status_code == 200

            await wait_for(ready, 30, "the gateway ready once the default pack is in force")
            assert (await client.get(f"{inspection}/healthz")).status_code == 200

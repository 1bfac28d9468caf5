"""A running system per test module, with the default rule pack in force."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest

from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.stack import running_stack


@pytest.fixture(scope="module")
def stack(make_settings: Callable[[], Settings]) -> Iterator[tuple[Settings, str]]:
    with running_stack(make_settings()) as (settings, gateway_url):
        ensure_default_pack(settings)
        yield settings, gateway_url


@pytest.fixture
async def client(stack: tuple[Settings, str]) -> AsyncIterator[httpx.AsyncClient]:
    settings, url = stack
    headers = {"X-API-Key": settings.bootstrap_api_key}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        yield client

"""The calls a fault test posts, and a client that posts them until they are stored."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from contracts.api.inspection import BatchOut
from tests.e2e.calls import make_call
from tests.support import wait_for

SHORT_GOOD = [
    ("agent", "您好，请讲。"),
    ("customer", "我想问一下社保卡怎么补办。"),
    ("agent", "请带身份证到社保服务大厅办理，感谢您的来电。"),
]
SHORT_BAD = [
    ("agent", "喂，什么事？"),
    ("customer", "我家楼下的路灯坏了。"),
    ("agent", "这个不归我们管，你去找街道办吧。"),
]
UNAVAILABLE = {502, 503, 504}
RETRY_SECONDS = 120.0

Call = dict[str, Any]


def short_calls(prefix: str, count: int, start: int = 0) -> list[Call]:
    """`<prefix>-<n>` for n in [start, start + count): every other one with a finding, spread
    over five agents."""
    return [
        make_call(
            f"{prefix}-{n}", SHORT_BAD if n % 2 else SHORT_GOOD, agent_id=f"{prefix}-A{n % 5}"
        )
        for n in range(start, start + count)
    ]


class Platform:
    """A hotline platform posting batches: one that is not answered (a transport error, the
    service down or not ready) is posted again, unchanged, until it is; a call id is the
    idempotency key, so a batch stored before its answer was lost comes back as duplicates."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.stored: list[str] = []
        self.attempts = 0

    async def post(self, calls: list[Call], seconds: float = RETRY_SECONDS) -> BatchOut:
        answer = await wait_for(lambda: self._attempt(calls), seconds, "a batch answered")
        statuses = {item.status for item in answer.results}
        assert statuses <= {"accepted", "duplicate"}, answer
        self.stored += [call["call_id"] for call in calls]
        return answer

    async def _attempt(self, calls: list[Call]) -> BatchOut | None:
        self.attempts += 1
        try:
            answer = await self.client.post("/v1/calls:batch", json={"calls": calls})
        except httpx.TransportError:
            return None
        if answer.status_code in UNAVAILABLE:
            return None
        assert answer.status_code == 200, answer.text
        return BatchOut.model_validate(answer.json())

    async def flow(self, prefix: str, stop: asyncio.Event, size: int, pace: float) -> None:
        """Batches of `size` calls every `pace` seconds until `stop` is set, as traffic goes on
        whatever happens to the system."""
        sent = 0
        while not stop.is_set():
            await self.post(short_calls(prefix, size, sent))
            sent += size
            await asyncio.sleep(pace)

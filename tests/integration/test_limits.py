"""The gateway refuses before it works: an unauthenticated request before any byte of its body
is read, an oversize body by its Content-Length at once, or as soon as a streamed body passes
its route's limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gateway.main import UPSTREAMS, build_app
from runtime.settings import Settings
from tests.stack import free_port, service_app

MIB = 1024 * 1024


@dataclass
class Body:
    """A streamed JSON body of `chunks` pieces of 1 MiB; counts the pieces the server took."""

    chunks: int
    taken: int = 0

    async def stream(self) -> AsyncIterator[bytes]:
        for index in range(self.chunks):
            self.taken += 1
            head = b'{"description": "' if index == 0 else b""
            tail = b'"}' if index == self.chunks - 1 else b""
            yield head + b"x" * (MIB - len(head) - len(tail)) + tail


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """The gateway in process (its services unreachable: a request that passes the limits
    is forwarded and answered 503), and its API key."""
    unreachable = {name: f"http://127.0.0.1:{free_port()}" for name in UPSTREAMS}
    settings = Settings(service_urls=unreachable)
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client, settings.bootstrap_api_key


async def test_an_unauthenticated_body_is_not_read(
    gateway: tuple[httpx.AsyncClient, str],
) -> None:
    client, _ = gateway
    body = Body(chunks=100)
    answer = await client.post("/v1/rulesets", content=body.stream())
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"
    assert body.taken == 0


async def test_a_wrong_key_is_refused_before_the_body_is_read(
    gateway: tuple[httpx.AsyncClient, str],
) -> None:
    client, _ = gateway
    body = Body(chunks=100)
    headers = {"X-API-Key": "not-the-key"}
    answer = await client.post("/v1/calls:batch", content=body.stream(), headers=headers)
    assert answer.status_code == 401
    assert body.taken == 0


async def test_a_declared_oversize_body_is_refused_at_once(
    gateway: tuple[httpx.AsyncClient, str],
) -> None:
    client, key = gateway
    body = Body(chunks=100)
    headers = {"X-API-Key": key, "Content-Length": str(100 * MIB)}
    answer = await client.post("/v1/rulesets", content=body.stream(), headers=headers)
    assert answer.status_code == 413
    assert answer.json()["error"] == "payload_too_large"
    assert "4194304 bytes" in answer.json()["message"]
    assert body.taken == 0


async def test_a_streamed_body_is_refused_once_it_passes_the_limit(
    gateway: tuple[httpx.AsyncClient, str],
) -> None:
    client, key = gateway
    body = Body(chunks=100)
    answer = await client.post("/v1/rulesets", content=body.stream(), headers={"X-API-Key": key})
    assert answer.status_code == 413
    assert answer.json()["error"] == "payload_too_large"
    assert body.taken == 5  # 4 MiB allowed: refused on the fifth


@pytest.mark.parametrize(
    ("path", "size", "refused"),
    [
        ("/v1/calls", 600 * 1024, True),
        ("/v1/calls", 400 * 1024, False),
        ("/v1/calls:batch", 3 * MIB, False),
        ("/v1/rulesets", 3 * MIB, False),
        ("/v1/rules:dry-run", 3 * MIB, False),
        ("/v1/knowledge/articles", 2 * MIB, True),
        ("/v1/knowledge/articles", MIB // 2, False),
    ],
)
async def test_each_route_has_its_limit(
    gateway: tuple[httpx.AsyncClient, str], path: str, size: int, refused: bool
) -> None:
    client, key = gateway
    content = b'{"description": "' + b"x" * size + b'"}'
    answer = await client.post(path, content=content, headers={"X-API-Key": key})
    if refused:
        assert answer.status_code == 413
    else:  # passed the limits; the service behind is unreachable or the body is not valid
        assert answer.status_code in (422, 503), answer.text


@asynccontextmanager
async def rules_service(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = service_app("rules", settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://rules") as client:
            yield client


def deep_rule(levels: int) -> dict[str, Any]:
    condition: dict[str, Any] = {"op": "keywords", "role": "agent", "words": ["您好"]}
    for _ in range(levels):
        condition = {"op": "not", "condition": condition}
    return rule_of(condition)


def rule_of(condition: dict[str, Any], code: str = "SVC-LIMIT") -> dict[str, Any]:
    return {
        "code": code,
        "name": "限额测试",
        "description": "仅用于测试",
        "dimension": "服务",
        "stage": "受理",
        "severity": "一般",
        "deduction": 1,
        "mode": "auto",
        "condition": condition,
        "suggestion": "无",
    }


def long_call() -> dict[str, Any]:
    """As long as a call may be: 100,000 characters in 40 utterances."""
    chars = "的一是在不了有和人这中大为上们个国我以要他时来用生到作地于出就分对成会可也你"
    texts = ["".join(chars[(i * 7 + j * 3) % len(chars)] for j in range(2500)) for i in range(40)]
    return {
        "call_id": "LIMIT-1",
        "agent_id": "A1",
        "team_id": "T1",
        "started_at": "2026-11-20T09:00:00+08:00",
        "segments": [{"role": "agent", "text": text} for text in texts],
    }


def fuzzy_rules() -> list[dict[str, Any]]:
    """The costliest rules the budget allows: 200 fuzzy examples of 200 characters."""
    examples = [f"{i:03d}" + "请您稍等我帮您查询一下" * 17 for i in range(50)]
    condition = {"op": "similar", "examples": examples, "threshold": 100}
    return [rule_of(condition, f"SVC-FUZZY{i}") for i in range(4)]


@pytest.mark.integration
async def test_over_budget_rules_are_listed_and_not_published(settings: Settings) -> None:
    async with rules_service(settings) as rules:
        draft = await rules.post("/v1/rulesets", json={"rules": [deep_rule(9)]})
        assert draft.status_code == 201
        too_deep = "rules[0].condition" + ".condition" * 8
        assert [e["field"] for e in draft.json()["errors"]] == [too_deep]
        validation = await rules.post("/v1/rulesets/1:validate")
        assert validation.json()["valid"] is False
        assert validation.json()["errors"][0]["field"] == too_deep
        published = await rules.post("/v1/rulesets/1:publish")
        assert published.status_code == 422
        assert published.json()["error"] == "invalid_ruleset"
        unstorable = await rules.post("/v1/rulesets", json={"rules": [deep_rule(300)]})
        assert unstorable.status_code == 422
        assert unstorable.json()["errors"][0]["field"] == "rules[0]"
        ad_hoc = {"rules": [deep_rule(9)], "call": long_call()}
        assert (await rules.post("/v1/rules:dry-run", json=ad_hoc)).status_code == 422


@pytest.mark.integration
async def test_a_dry_run_is_stopped_at_its_time_limit(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"rules": fuzzy_rules(), "call": long_call()}
    async with rules_service(settings) as rules:
        answer = await rules.post("/v1/rules:dry-run", json=body)
        assert answer.status_code == 200, answer.text[:300]
        assert {o["status"] for o in answer.json()["outcomes"]} == {"passed"}
    monkeypatch.setenv("QA_RULES_DRY_RUN_SECONDS", "0.05")
    async with rules_service(settings) as rules:
        answer = await rules.post("/v1/rules:dry-run", json=body)
        assert answer.status_code == 422
        assert answer.json()["error"] == "dry_run_timeout"
        draft = await rules.post("/v1/rulesets", json={"rules": fuzzy_rules()})
        assert draft.json()["errors"] == []
        tried = await rules.post("/v1/rulesets/1:dry-run", json={"call": long_call()})
        assert tried.json()["error"] == "dry_run_timeout"

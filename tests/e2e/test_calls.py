"""Posting calls through the gateway and reading their inspections back."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from runtime.settings import Settings
from tests.e2e.calls import BAD_SEGMENTS, GOOD_SEGMENTS, make_call, post_when_in_force
from tests.support import wait_for

pytestmark = pytest.mark.integration


def codes(inspection: dict[str, Any]) -> set[str]:
    return {finding["rule_code"] for finding in inspection["findings"]}


async def test_a_bad_call_is_inspected_with_evidence(client: httpx.AsyncClient) -> None:
    call = make_call("E2E-BAD-1", BAD_SEGMENTS)
    posted = await post_when_in_force(client, call)
    assert posted.status_code == 201, posted.text
    inspection = posted.json()["inspection"]
    assert {"SVC-OPENING", "SVC-CLOSING", "SVC-BANNED-PHRASE", "BIZ-BUCK-PASSING"} <= codes(
        inspection
    )
    assert inspection["score"] < 100
    assert inspection["passed"] is False or inspection["grade"] != "优秀"

    read = (await client.get("/v1/calls/E2E-BAD-1")).json()
    assert read["status"] == "inspected"
    assert read["call"]["call_id"] == "E2E-BAD-1"
    banned = next(
        f for f in read["inspection"]["findings"] if f["rule_code"] == "SVC-BANNED-PHRASE"
    )
    evidence = banned["evidence"][0]
    text = call["segments"][evidence["utterance_index"]]["text"]
    assert text[evidence["char_start"] : evidence["char_end"]] == evidence["matched_text"]
    assert evidence["matched_text"] in ("不知道", "不清楚")
    assert evidence["start_ms"] is not None
    assert read["inspection"]["ruleset_version"] >= 1


async def test_a_good_call_passes(client: httpx.AsyncClient) -> None:
    posted = await post_when_in_force(client, make_call("E2E-GOOD-1"))
    assert posted.status_code == 201, posted.text
    inspection = posted.json()["inspection"]
    assert not {"SVC-OPENING", "SVC-CLOSING", "SVC-BANNED-PHRASE"} & codes(inspection)
    assert inspection["passed"] is True


async def test_same_call_twice_is_one_call_and_a_different_body_conflicts(
    client: httpx.AsyncClient,
) -> None:
    call = make_call("E2E-IDEM-1", BAD_SEGMENTS)
    first = await post_when_in_force(client, call)
    again = await client.post("/v1/calls", json=call)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["status"] == "duplicate"
    assert again.json()["inspection"] == first.json()["inspection"]
    changed = make_call("E2E-IDEM-1", BAD_SEGMENTS, agent_id="A9999")
    conflict = await client.post("/v1/calls", json=changed)
    assert conflict.status_code == 409
    assert conflict.json()["error"] == "conflict"
    assert (await client.get("/v1/calls/E2E-IDEM-1")).json()["call"]["agent_id"] == "A1001"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda c: c["segments"][0].update(text=""), "segments[0].text"),
        (lambda c: c["segments"][1].update(role="robot"), "segments[1].role"),
        (lambda c: c["segments"][0].update(start_ms=5000, end_ms=100), "segments[0]"),
        (lambda c: c["segments"].reverse(), "segments"),
        (lambda c: c.pop("agent_id"), "agent_id"),
        (lambda c: c.update(channel="fax"), "channel"),
        (lambda c: c.update(started_at="yesterday"), "started_at"),
    ],
)
async def test_bad_input_is_refused_naming_the_field(
    client: httpx.AsyncClient, mutate: Any, field: str
) -> None:
    call = make_call("E2E-INVALID")
    mutate(call)
    answer = await client.post("/v1/calls", json=call)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid_call"
    assert field in {error["field"] for error in answer.json()["errors"]}
    assert (await client.get("/v1/calls/E2E-INVALID")).status_code == 404


async def test_oversize_and_unauthenticated_requests_are_refused(
    client: httpx.AsyncClient,
) -> None:
    huge = make_call("E2E-HUGE", [("agent", "您好" * 2400)] * 60)
    too_large = await client.post("/v1/calls", json=huge)
    assert (too_large.status_code, too_large.json()["error"]) == (413, "payload_too_large")
    anonymous = await client.post(
        "/v1/calls", json=make_call("E2E-ANON"), headers={"X-API-Key": ""}
    )
    assert anonymous.status_code == 401
    assert anonymous.json()["error"] == "unauthorized"


async def test_errors_name_their_cause(client: httpx.AsyncClient) -> None:
    headers = {"content-type": "application/json"}
    not_json = await client.post("/v1/calls", content=b"{", headers=headers)
    assert (not_json.status_code, not_json.json()["error"]) == (400, "invalid_json")
    not_a_batch = await client.post("/v1/calls:batch", json={"calls": "none"})
    assert (not_a_batch.status_code, not_a_batch.json()["error"]) == (422, "invalid_batch")
    missing = await client.get("/v1/calls/E2E-NOBODY")
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
    cursor = await client.get("/v1/inspections", params={"cursor": "not-a-cursor"})
    assert (cursor.status_code, cursor.json()["error"]) == (422, "invalid_cursor")


async def test_batch_gives_per_item_results(client: httpx.AsyncClient) -> None:
    await post_when_in_force(client, make_call("E2E-BATCH-0"))
    bad = make_call("E2E-BATCH-2")
    bad["segments"][0]["role"] = "robot"
    batch = [
        make_call("E2E-BATCH-1", BAD_SEGMENTS, agent_id="A2001", team_id="T02"),
        bad,
        make_call("E2E-BATCH-0"),
        make_call("E2E-BATCH-3", agent_id="A2001", team_id="T02"),
    ]
    answer = await client.post("/v1/calls:batch", json={"calls": batch})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "invalid", "duplicate", "accepted"]
    assert results[1]["errors"][0]["field"] == "calls[1].segments[0].role"
    assert answer.json()["counts"] == {
        "accepted": 2,
        "duplicate": 1,
        "conflict": 0,
        "invalid": 1,
        "too_large": 0,
    }
    too_many = await client.post("/v1/calls:batch", json={"calls": [make_call("X")] * 1001})
    assert too_many.status_code == 422


async def test_a_batch_item_too_large_for_one_call_is_refused_on_its_own(
    client: httpx.AsyncClient,
) -> None:
    """A 2 MB work-order note was accepted, then its event could never be published."""
    await post_when_in_force(client, make_call("E2E-SIZE-WARMUP"))
    note = "市民补充说明" * (2 * 1024 * 1024 // 18)
    batch = [
        make_call("E2E-SIZE-0"),
        make_call("E2E-SIZE-1", work_order={"category": "市政设施", "note": note}),
        make_call("E2E-SIZE-2"),
    ]
    answer = await client.post("/v1/calls:batch", json={"calls": batch})
    assert answer.status_code == 200, answer.text[:500]
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "too_large", "accepted"]
    assert results[1]["error"] == "payload_too_large"
    assert results[1]["limit_bytes"] == 512 * 1024
    assert "calls[1]" in results[1]["message"]
    assert answer.json()["counts"]["too_large"] == 1
    assert (await client.get("/v1/calls/E2E-SIZE-1")).status_code == 404


async def test_work_order_extra_fields_are_capped_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    long_note = make_call("E2E-EXTRA-1", work_order={"note": "说明" * 1000})
    answer = await post_when_in_force(client, long_note)
    assert answer.status_code == 422, answer.text
    assert "work_order.note" in {error["field"] for error in answer.json()["errors"]}
    many = make_call("E2E-EXTRA-2", work_order={f"field_{i}": i for i in range(21)})
    answer = await client.post("/v1/calls", json=many)
    assert answer.status_code == 422
    assert "20" in answer.json()["message"]
    few = make_call("E2E-EXTRA-3", work_order={"category": "市政设施", "urgency": "紧急"})
    assert (await client.post("/v1/calls", json=few)).status_code == 201


async def test_a_full_batch_is_stored_whole_with_repeats_across_transactions(
    client: httpx.AsyncClient,
) -> None:
    await post_when_in_force(client, make_call("E2E-FULL-WARMUP"))
    batch = [make_call(f"E2E-FULL-{i}", team_id="T-FULL") for i in range(1000)]
    batch[500] = make_call("E2E-FULL-0", team_id="T-FULL")
    batch[900] = make_call("E2E-FULL-1", BAD_SEGMENTS, team_id="T-FULL")
    answer = await client.post("/v1/calls:batch", json={"calls": batch})
    assert answer.status_code == 200, answer.text
    assert answer.json()["counts"] == {
        "accepted": 998,
        "duplicate": 1,
        "conflict": 1,
        "invalid": 0,
        "too_large": 0,
    }
    statuses = [r["status"] for r in answer.json()["results"]]
    assert (statuses[500], statuses[900]) == ("duplicate", "conflict")

    async def all_listed() -> bool:
        summary = await client.get("/v1/inspections:summary", params={"team_id": "T-FULL"})
        return bool(summary.json()["inspected"] == 998)

    await wait_for(all_listed, what="the read model to list the whole batch")


async def test_inspections_list_filters_and_pages(client: httpx.AsyncClient) -> None:
    calls = [
        make_call(
            f"E2E-LIST-{i}",
            BAD_SEGMENTS if i % 2 else GOOD_SEGMENTS,
            agent_id="A3001",
            team_id="T03",
            started_at=f"2026-11-0{i + 1}T10:00:00+08:00",
        )
        for i in range(5)
    ]
    await post_when_in_force(client, calls[0])
    await client.post("/v1/calls:batch", json={"calls": calls[1:]})

    async def listed() -> bool:
        page = await client.get("/v1/inspections", params={"agent_id": "A3001"})
        return len(page.json()["items"]) == 5

    await wait_for(listed, what="the read model to hold all five inspections")
    first = (await client.get("/v1/inspections", params={"agent_id": "A3001", "limit": 3})).json()
    second = (
        await client.get(
            "/v1/inspections",
            params={"agent_id": "A3001", "limit": 3, "cursor": first["next_cursor"]},
        )
    ).json()
    ids = [i["call_id"] for i in first["items"] + second["items"]]
    assert ids == [f"E2E-LIST-{i}" for i in (4, 3, 2, 1, 0)]
    assert second["next_cursor"] is None
    with_rule = await client.get(
        "/v1/inspections", params={"team_id": "T03", "rule_code": "BIZ-BUCK-PASSING"}
    )
    assert {i["call_id"] for i in with_rule.json()["items"]} == {"E2E-LIST-1", "E2E-LIST-3"}
    window = await client.get(
        "/v1/inspections",
        params={
            "team_id": "T03",
            "date_from": "2026-11-02T00:00:00+08:00",
            "date_to": "2026-11-04T00:00:00+08:00",
        },
    )
    assert {i["call_id"] for i in window.json()["items"]} == {"E2E-LIST-1", "E2E-LIST-2"}
    failing = await client.get("/v1/inspections", params={"team_id": "T03", "grade": "优秀"})
    assert {i["call_id"] for i in failing.json()["items"]} == {
        "E2E-LIST-0",
        "E2E-LIST-2",
        "E2E-LIST-4",
    }
    wrong = await client.get("/v1/inspections", params={"grade": "perfect"})
    assert wrong.status_code == 422


async def test_summary_gives_the_pass_rate_of_a_team(client: httpx.AsyncClient) -> None:
    calls = [
        make_call(f"E2E-SUM-{i}", BAD_SEGMENTS if i < 2 else GOOD_SEGMENTS, team_id="T04")
        for i in range(4)
    ]
    await post_when_in_force(client, calls[0])
    await client.post("/v1/calls:batch", json={"calls": calls[1:]})

    async def summarised() -> bool:
        answer = await client.get("/v1/inspections:summary", params={"team_id": "T04"})
        return bool(answer.json()["inspected"] == 4)

    await wait_for(summarised, what="four inspections of team T04 in the read model")
    summary = (await client.get("/v1/inspections:summary", params={"team_id": "T04"})).json()
    listed = (await client.get("/v1/inspections", params={"team_id": "T04"})).json()["items"]
    assert summary["passed"] == sum(1 for item in listed if item["passed"])
    assert summary["pass_rate"] == summary["passed"] / 4
    assert sum(summary["grades"].values()) == 4
    empty = (await client.get("/v1/inspections:summary", params={"team_id": "NOBODY"})).json()
    assert empty == {
        "inspected": 0,
        "passed": 0,
        "pass_rate": None,
        "average_score": None,
        "vetoed": 0,
        "grades": {},
    }


async def test_services_export_metrics(
    client: httpx.AsyncClient, stack: tuple[Settings, str]
) -> None:
    settings, _ = stack
    await post_when_in_force(client, make_call("E2E-METRICS", BAD_SEGMENTS))
    async with httpx.AsyncClient(base_url=settings.service_urls["inspection"]) as service:
        text = (await service.get("/metrics/")).text
    assert 'qa_calls_received_total{receipt="accepted"}' in text
    assert 'qa_rule_violations_total{rule_code="SVC-BANNED-PHRASE"}' in text
    assert "qa_relay_published_total" in text

"""Limits checked before any work: a batch item's size, a work order's extra fields, and the
size of an event (so that nothing is stored that its relay could not publish)."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.api.inspection import InvalidItemOut, TooLargeItemOut
from contracts.call import Call
from contracts.rulelang.rules import Rule
from runtime.event_limits import MAX_EVENT_BYTES, EventTooLargeError
from services.inspection.api.ingest import MAX_CALL_BYTES, parse_batch
from services.inspection.application import CallNotFoundError, InspectionApplication
from tests.conftest import OpenApplication
from tests.unit.inspection.builders import PLATFORM, call_of, published


def item(call_id: str, **work_order: Any) -> dict[str, Any]:
    call = call_of(call_id).model_dump(mode="json")
    return call | ({"work_order": work_order} if work_order else {})


def test_a_batch_item_over_the_size_of_one_call_is_refused_on_its_own() -> None:
    note = "市民补充说明" * (2 * 1024 * 1024 // 18)
    valid, refused = parse_batch({"calls": [item("B-0"), item("B-1", note=note), item("B-2")]})
    assert [index for index, _ in valid] == [0, 2]
    (too_large,) = refused
    assert isinstance(too_large, TooLargeItemOut)
    assert (too_large.index, too_large.call_id, too_large.status) == (1, "B-1", "too_large")
    assert too_large.limit_bytes == MAX_CALL_BYTES
    assert "calls[1] is" in too_large.message
    assert str(MAX_CALL_BYTES) in too_large.message


@pytest.mark.parametrize(
    ("work_order", "field"),
    [
        ({"note": "说明" * 1000}, "calls[0].work_order.note"),
        ({f"field_{i}": i for i in range(21)}, "calls[0].work_order"),
        ({"n" * 65: "x"}, "calls[0].work_order"),
    ],
)
def test_work_order_extra_fields_are_capped_naming_the_field(
    work_order: dict[str, Any], field: str
) -> None:
    _, refused = parse_batch({"calls": [item("B-0", **work_order)]})
    (invalid,) = refused
    assert isinstance(invalid, InvalidItemOut)
    assert field in {error.field for error in invalid.errors}


def test_a_work_order_keeps_a_few_small_extra_fields() -> None:
    extra = {"urgency": "紧急", "district": {"code": "110101", "name": "东城区"}}
    call = Call.model_validate(item("B-0", category="社保", **extra))
    assert call.work_order is not None
    assert call.work_order.model_extra == extra


def whole_utterance_rule(code: str) -> Rule:
    """Every agent utterance as evidence, whole: findings as large as the call allows."""
    return Rule.model_validate(
        {
            "code": code,
            "name": "整句证据",
            "description": "每句坐席话术",
            "dimension": "服务",
            "stage": "受理",
            "severity": "一般",
            "deduction": 1,
            "mode": "auto",
            "condition": {"op": "regex", "role": "agent", "pattern": "^.+$"},
            "suggestion": "无",
        }
    )


def test_an_event_too_large_to_publish_is_refused_and_nothing_is_stored(
    open_app: OpenApplication,
) -> None:
    app: InspectionApplication = open_app(InspectionApplication, "inspection")
    rules = [whole_utterance_rule(f"BIG-{n}") for n in range(3)]
    app.save(*app.activate(published(1, 10, *rules)))
    call = call_of("C-BIG", *(["坐席说明办理流程" * 625] * 20))
    with pytest.raises(EventTooLargeError) as refused:
        app.receive_calls([call], PLATFORM)
    assert str(MAX_EVENT_BYTES) in str(refused.value)
    assert "InspectedCall.Inspected" in str(refused.value)
    with pytest.raises(CallNotFoundError):
        app.call("C-BIG")
    assert app.receive_calls([call_of("C-SMALL")], PLATFORM)[0].status == "accepted"

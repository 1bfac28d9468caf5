"""How the pack's automatic rules judge timing and the work order."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.rulelang.engine import CompiledRuleSet
from tests.e2e.calls import GOOD_SEGMENTS
from tests.unit.rules.pack_calls import (
    TIMING_RULES,
    WORK_ORDER_RULES,
    outcomes,
    sample,
    status,
    timed,
    untimed,
)

# ------------------------------------------------------------------ timing


def test_timing_rules_are_not_applicable_without_timestamps(engine: CompiledRuleSet) -> None:
    found = outcomes(engine, untimed(GOOD_SEGMENTS))
    for code in (*TIMING_RULES, "SVC-HOLD-NO-NOTICE"):
        assert found[code].status == "not_applicable", code


def test_timing_rules_pass_a_well_paced_call(engine: CompiledRuleSet) -> None:
    found = outcomes(engine, sample(GOOD_SEGMENTS))
    for code in (*TIMING_RULES, "SVC-HOLD-NO-NOTICE", "SVC-CALL-DURATION"):
        assert found[code].status == "passed", code


def test_speech_rate(engine: CompiledRuleSet) -> None:
    rushed = "好的需要准备户口簿房产证明和孩子的出生证明还有疫苗接种证明您可以在区教育局网站上查看"
    fast = timed([("agent", rushed, 0, 5000)])  # about 500 characters a minute
    assert status(engine, fast, "SVC-SPEECH-RATE") == "violated"
    slow = timed([("agent", "您好，很高兴为您服务。", 0, 8000)])  # 9 characters in 8 s
    assert status(engine, slow, "SVC-SPEECH-RATE") == "violated"
    normal = timed([("agent", "您好，很高兴为您服务，请问有什么可以帮您？", 0, 4000)])
    assert status(engine, normal, "SVC-SPEECH-RATE") == "passed"


def test_silence_and_hold_notice(engine: CompiledRuleSet) -> None:
    waited = timed(
        [
            ("customer", "我想查一下我的工单进度。", 0, 3000),
            ("agent", "您的工单已经转到区城管局了。", 15000, 18000),
        ]
    )
    found = outcomes(engine, waited)
    assert found["SVC-SILENCE"].status == "violated"
    assert found["SVC-SILENCE"].evidence[0].utterance_index == 1
    long_wait = timed(
        [
            ("customer", "我想查一下我的工单进度。", 0, 3000),
            ("agent", "您的工单已经转到区城管局了。", 30000, 33000),
        ]
    )
    assert status(engine, long_wait, "SVC-HOLD-NO-NOTICE") == "violated"
    announced = timed(
        [
            ("customer", "我想查一下我的工单进度。", 0, 3000),
            ("agent", "好的，请您稍等，我帮您查一下。", 3500, 6000),
            ("agent", "您的工单已经转到区城管局了。", 30000, 33000),
        ]
    )
    assert status(engine, announced, "SVC-HOLD-NO-NOTICE") == "passed"


def test_interruption(engine: CompiledRuleSet) -> None:
    talked_over = timed(
        [
            ("customer", "我家门口的下水道堵了好几天了，一直在冒水。", 0, 6000),
            ("agent", "好的好的，我知道了。", 4000, 6500),
        ]
    )
    assert status(engine, talked_over, "SVC-INTERRUPT") == "violated"
    waited = timed(
        [
            ("customer", "我家门口的下水道堵了好几天了，一直在冒水。", 0, 6000),
            ("agent", "好的，我帮您记录一下。", 6500, 9000),
        ]
    )
    assert status(engine, waited, "SVC-INTERRUPT") == "passed"


def test_a_very_short_call_is_flagged(engine: CompiledRuleSet) -> None:
    short = untimed([("agent", "喂？"), ("customer", "……")], duration_ms=6000)
    assert status(engine, short, "SVC-CALL-DURATION") == "violated"


# ------------------------------------------------------------------ the work order

COMPLETE_ORDER = {
    "order_id": "WO-1",
    "category": "市政设施",
    "department": "城管局",
    "content": "来电人反映幸福路12号门口路灯损坏一周，请尽快维修。",
    "citizen_phone": "138****5678",
    "address": "幸福路12号",
    "created_at": "2026-11-20T09:35:00+08:00",
    "dispatched_at": "2026-11-20T10:05:00+08:00",
}


def test_work_order_rules_are_not_applicable_without_a_work_order(
    engine: CompiledRuleSet,
) -> None:
    found = outcomes(engine, untimed(GOOD_SEGMENTS))
    for code in WORK_ORDER_RULES:
        assert found[code].status == "not_applicable", code


def test_a_complete_work_order_passes(engine: CompiledRuleSet) -> None:
    found = outcomes(engine, untimed(GOOD_SEGMENTS, work_order=COMPLETE_ORDER))
    for code in WORK_ORDER_RULES:
        assert found[code].status == "passed", code


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"address": ""}, "WO-REQUIRED-FIELDS"),
        ({"citizen_phone": None}, "WO-REQUIRED-FIELDS"),
        ({"category": "路灯不亮"}, "WO-CATEGORY-VALID"),
        ({"department": "教育局"}, "WO-DEPT-MAPPING"),
        ({"dispatched_at": "2026-11-20T12:36:00+08:00"}, "WO-DISPATCH-SLA"),
    ],
)
def test_a_faulty_work_order_is_flagged(
    engine: CompiledRuleSet, change: dict[str, Any], code: str
) -> None:
    order = {**COMPLETE_ORDER, **change}
    assert status(engine, untimed(GOOD_SEGMENTS, work_order=order), code) == "violated"


def test_an_undispatched_work_order_has_no_dispatch_time_yet(engine: CompiledRuleSet) -> None:
    order = {**COMPLETE_ORDER, "dispatched_at": None}
    call = untimed(GOOD_SEGMENTS, work_order=order)
    assert status(engine, call, "WO-DISPATCH-SLA") == "not_applicable"


def test_forwarding_without_confirming_contact_details(engine: CompiledRuleSet) -> None:
    unconfirmed = untimed(
        [("customer", "小区门口井盖丢了。"), ("agent", "好的，我们会转交相关部门处理。")]
    )
    assert status(engine, unconfirmed, "WO-CONFIRM-INFO") == "violated"
    confirmed = untimed(
        [
            ("customer", "小区门口井盖丢了。"),
            ("agent", "请问具体地址是哪个小区？您的联系电话是尾号5678吗？"),
            ("agent", "好的，我们会转交相关部门处理。"),
        ]
    )
    assert status(engine, confirmed, "WO-CONFIRM-INFO") == "passed"

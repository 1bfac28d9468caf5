"""Citizens' personal data at intake, on in-memory persistence and on PostgreSQL: the rules judge
the call as posted; the stored call, the evidence and every event carry masked text only."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from contracts.call import Call
from contracts.inspection import CallReceived
from runtime.personal_data import MaskConfigError, Masker
from runtime.provenance import Provenance
from services.inspection.application import InspectionApplication
from services.inspection.contract_mapping import to_contract
from services.inspection.domain.call import InspectedCall
from tests.conftest import OpenApplication
from tests.unit.inspection.builders import PLATFORM, phone_read_out_rule, published

ID_NUMBER, ID_MASKED = "11010119900307123X", "1*************123X"
PHONE, PHONE_MASKED = "13812345678", "138****5678"
CARD, CARD_MASKED = "6222 0212 3456 7890", "**** **** **** 7890"


def call_with_personal_data(call_id: str = "C-PD-1") -> Call:
    return Call.model_validate(
        {
            "call_id": call_id,
            "agent_id": "A1",
            "team_id": "T1",
            "started_at": "2026-11-20T09:00:00+08:00",
            "segments": [
                {"role": "customer", "text": f"我的身份证号是{ID_NUMBER}，卡号{CARD}。"},
                {"role": "agent", "text": f"好的，您的电话是{PHONE}对吧？"},
            ],
            "work_order": {
                "order_id": "WO-1",
                "category": "社保",
                "content": f"市民（身份证{ID_NUMBER}）反映社保卡问题",
                "citizen_phone": PHONE,
                "contact": {"mobile": f"+86{PHONE}"},
            },
            "caller_id": PHONE,
        }
    )


def raw_found(data: Any) -> list[str]:
    text = orjson.dumps(data).decode() if not isinstance(data, str) else data
    return [raw for raw in (ID_NUMBER, PHONE, "6222 0212 3456 7890") if raw in text]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"身份证{ID_NUMBER}。", f"身份证{ID_MASKED}。"),
        ("身份证110101199003071234", "身份证1*************1234"),
        (f"电话{PHONE}，", f"电话{PHONE_MASKED}，"),
        ("电话138-1234-5678", "电话138-****-5678"),
        (f"+86{PHONE}", f"+86{PHONE_MASKED}"),
        (f"卡号{CARD}", f"卡号{CARD_MASKED}"),
        ("卡号6222021234567890123", "卡号***************0123"),
        ("工单 HL-20261122-0001，2026-11-22T09:30:00+08:00", None),
        ("编号123456789012", None),
    ],
)
def test_numbers_are_masked_keeping_the_texts_length(text: str, masked: str | None) -> None:
    result = Masker().text(text)
    assert result == (masked or text)
    assert len(result) == len(text)


def test_patterns_are_configurable_and_masking_can_be_turned_off() -> None:
    only_phones = Masker.from_env({"QA_MASK_PATTERNS": '["mobile"]'})
    assert only_phones.text(f"{PHONE} {ID_NUMBER}") == f"{PHONE_MASKED} {ID_NUMBER}"
    custom = '[{"name": "plate", "regex": "京[A-Z][0-9A-Z]{5}", "keep_start": 2, "keep_end": 1}]'
    assert Masker.from_env({"QA_MASK_PATTERNS": custom}).text("车牌京A12345") == "车牌京A****5"
    assert Masker.from_env({"QA_MASK_PERSONAL_DATA": "off"}).text(PHONE) == PHONE
    with pytest.raises(MaskConfigError):
        Masker.from_env({"QA_MASK_PATTERNS": '[{"regex": "x"}]'})


@pytest.fixture
def app(open_app: OpenApplication) -> InspectionApplication:
    application: InspectionApplication = open_app(InspectionApplication, "inspection")
    application.save(*application.activate(published(1, 10, phone_read_out_rule())))
    return application


def test_rules_judge_the_raw_call_and_evidence_shows_it_masked(app: InspectionApplication) -> None:
    call = call_with_personal_data()
    (receipt,) = app.receive_calls([call], PLATFORM)
    assert receipt.result is not None
    (finding,) = [f for f in receipt.result.findings if f.rule_code == "BIZ-PRIVACY-PHONE"]
    evidence = finding.evidence[0]
    assert evidence.matched_text == PHONE_MASKED
    stored = app.call(call.call_id)
    text = stored.call["segments"][evidence.utterance_index or 0]["text"]
    assert text[evidence.char_start : evidence.char_end] == PHONE_MASKED
    assert raw_found(receipt.result.model_dump(mode="json")) == []


def test_the_stored_call_and_every_event_carry_masked_text_only(
    app: InspectionApplication,
) -> None:
    app.receive_calls([call_with_personal_data()], PLATFORM)
    stored = app.call("C-PD-1")
    assert raw_found(stored.call) == []
    order = stored.call["work_order"]
    assert (order["citizen_phone"], order["contact"]) == (
        PHONE_MASKED,
        {"mobile": f"+86{PHONE_MASKED}"},
    )
    assert stored.call["segments"][0]["text"] == f"我的身份证号是{ID_MASKED}，卡号{CARD_MASKED}。"
    assert stored.call["caller_id"] == PHONE_MASKED
    events = [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 100)]
    assert raw_found([vars(event) for event in events]) == []
    published_events = [to_contract(event) for event in events]
    assert raw_found([e.model_dump(mode="json") for e in published_events if e]) == []


def test_call_received_tells_consumers_the_header_and_figures_not_the_transcript(
    app: InspectionApplication,
) -> None:
    app.receive_calls([call_with_personal_data()], PLATFORM)
    events = [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 100)]
    (received,) = [e for e in map(to_contract, events) if isinstance(e, CallReceived)]
    payload = received.model_dump(mode="json")
    assert set(payload) == {"header", "duration_ms", "survey"}
    assert payload["header"]["category"] == "社保"
    assert CallReceived.schema_version == 2


def test_a_version_1_call_received_is_read_as_version_2() -> None:
    call = call_with_personal_data().model_dump(mode="json")
    event = CallReceived.model_validate({"call": call | {"duration_ms": 9000}})
    assert (event.header.call_id, event.duration_ms) == ("C-PD-1", 9000)
    assert raw_found(event.model_dump(mode="json")) == []


def test_the_same_call_again_is_a_duplicate_whether_stored_masked_or_before_masking(
    app: InspectionApplication,
) -> None:
    first = call_with_personal_data()
    app.receive_calls([first], PLATFORM)
    assert app.receive_call(first, PLATFORM).status == "duplicate"
    legacy = call_with_personal_data("C-PD-OLD")
    app.save(InspectedCall.receive(legacy, Provenance(PLATFORM, legacy.call_id)))
    assert app.receive_call(legacy, PLATFORM).status == "duplicate"
    other = call_with_personal_data().model_copy(update={"agent_id": "A2"})
    assert app.receive_calls([other], PLATFORM)[0].status == "conflict"

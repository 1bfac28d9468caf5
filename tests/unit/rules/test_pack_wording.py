"""How the pack's automatic rules judge what is said: openings, closings, banned phrases,
buck passing, emotion, privacy, emergencies, callbacks."""

from __future__ import annotations

import pytest

from contracts.rulelang.engine import CompiledRuleSet
from contracts.rulelang.rules import Mode, RuleSetDefinition, Severity
from tests.e2e.calls import BAD_SEGMENTS, GOOD_SEGMENTS
from tests.unit.rules.pack_calls import (
    outcomes,
    sample,
    status,
    untimed,
    violated,
)

# ------------------------------------------------------------------ the end-to-end samples


def test_the_good_sample_call_violates_nothing(engine: CompiledRuleSet) -> None:
    assert violated(engine, sample(GOOD_SEGMENTS)) == set()


def test_the_bad_sample_call_violates_the_core_rules(engine: CompiledRuleSet) -> None:
    call = sample(BAD_SEGMENTS)
    found = outcomes(engine, call)
    for code in ("SVC-OPENING", "SVC-CLOSING", "SVC-BANNED-PHRASE", "BIZ-BUCK-PASSING"):
        assert found[code].status == "violated", code
    evidence = found["SVC-BANNED-PHRASE"].evidence
    assert {hit.matched_text for hit in evidence} == {"不知道", "不清楚"}
    for hit in evidence:
        assert hit.utterance_index is not None
        assert hit.char_start is not None
        text = call.segments[hit.utterance_index].text
        assert text[hit.char_start : hit.char_end] == hit.matched_text
        assert hit.start_ms is not None
    red_lines = {"SVC-INSULT", "BIZ-DISCLOSE-REPORTER"}
    assert not red_lines & violated(engine, call)


# ------------------------------------------------------------------ opening and closing


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("您好，很高兴为您服务，请问有什么可以帮您？", "passed"),
        ("您好很高兴您服务", "passed"),  # a word lost by speech recognition
        ("你好，很高兴为你服务。", "passed"),
        ("您好，12345政务服务便民热线，很高兴为您服务。", "passed"),
        ("喂，什么事？", "violated"),
        ("您好。", "violated"),
    ],
)
def test_opening(engine: CompiledRuleSet, first: str, expected: str) -> None:
    call = untimed([("agent", first), ("customer", "我想咨询一下。"), ("agent", "好的，您请说。")])
    assert status(engine, call, "SVC-OPENING") == expected


def test_opening_counts_the_agent_only(engine: CompiledRuleSet) -> None:
    call = untimed([("customer", "您好，很高兴为您服务"), ("agent", "喂？"), ("agent", "说吧。")])
    assert status(engine, call, "SVC-OPENING") == "violated"


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("请问还有其他可以帮您的吗？", "passed"),
        ("请问还有其它可以帮到您的吗？", "passed"),
        ("好的，您看还需要其他帮助吗？", "passed"),
        ("不客气，请问还有什么其他能够帮到您？", "passed"),
        ("那就这样吧。", "violated"),
        ("请问有什么可以帮您？", "violated"),  # the opening question is not a closing
    ],
)
def test_closing(engine: CompiledRuleSet, last: str, expected: str) -> None:
    call = untimed(
        [
            ("agent", "您好，很高兴为您服务。"),
            ("customer", "我家小区门口的井盖丢了。"),
            ("agent", "好的，已经为您登记，会转交城管部门处理。"),
            ("customer", "好的。"),
            ("agent", last),
            ("customer", "没有了，谢谢。"),
        ]
    )
    assert status(engine, call, "SVC-CLOSING") == expected


# ------------------------------------------------------------------ wording


@pytest.mark.parametrize(
    ("role", "text", "expected"),
    [
        ("agent", "这个我不知道。", "violated"),
        ("agent", "我也没办法，规定就是这样。", "violated"),
        ("customer", "我也不知道该找哪个部门。", "passed"),
        ("agent", "不知道您是否还有其他问题？", "passed"),
        ("agent", "不知道您还有什么需要补充的？", "passed"),
        ("agent", "如有不清楚的地方，您可以随时来电。", "passed"),
        ("agent", "不好意思，我这边听不清楚，麻烦您再说一遍。", "passed"),
    ],
)
def test_banned_phrase(engine: CompiledRuleSet, role: str, text: str, expected: str) -> None:
    call = untimed([("agent", "您好，很高兴为您服务。"), (role, text)])
    assert status(engine, call, "SVC-BANNED-PHRASE") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这个我不知道，不归我们管，你去找街道办吧。", "violated"),
        ("这事我们管不了，你打别的电话问问。", "violated"),
        ("不清楚，你自己查一下。", "violated"),
        ("这个问题由供电公司负责，我帮您转接到供电公司，请稍等。", "passed"),
        ("我们会把您的诉求转交给属地街道办事处，请保持电话畅通。", "passed"),
        ("您可以带上身份证到区政务服务中心办理。", "passed"),
    ],
)
def test_buck_passing(engine: CompiledRuleSet, text: str, expected: str) -> None:
    call = untimed([("customer", "我家楼下的路灯坏了。"), ("agent", text)])
    assert status(engine, call, "BIZ-BUCK-PASSING") == expected


def test_buck_passing_by_the_customer_is_not_the_agents(engine: CompiledRuleSet) -> None:
    call = untimed([("customer", "他们说不归他们管，让我打别的电话。"), ("agent", "您别着急。")])
    assert status(engine, call, "BIZ-BUCK-PASSING") == "passed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你听不懂吗？我说了多少遍了。", "violated"),
        ("你烦不烦啊，有完没完。", "violated"),
        ("麻烦您提供一下具体地址，谢谢。", "passed"),
    ],
)
def test_emotion(engine: CompiledRuleSet, text: str, expected: str) -> None:
    call = untimed([("customer", "我再问一遍。"), ("agent", text)])
    assert status(engine, call, "SVC-EMOTION") == expected


def test_insult_is_an_automatic_red_line(engine: CompiledRuleSet, pack: RuleSetDefinition) -> None:
    rule = next(r for r in pack.rules if r.code == "SVC-INSULT")
    assert (rule.mode, rule.severity) == (Mode.AUTO, Severity.RED_LINE)
    rude = untimed([("customer", "你们怎么还不处理？"), ("agent", "你是不是傻，神经病。")])
    assert status(engine, rude, "SVC-INSULT") == "violated"
    polite = untimed([("customer", "我在住院。"), ("agent", "您可以咨询医院的神经病学专科。")])
    assert status(engine, polite, "SVC-INSULT") == "passed"


def test_promise_beyond_authority(engine: CompiledRuleSet) -> None:
    promise = untimed([("agent", "您放心，我保证给您解决，明天肯定能办好。")])
    assert status(engine, promise, "BIZ-PROMISE-BEYOND") == "violated"
    honest = untimed([("agent", "我们会尽快转交相关部门，具体结果以部门答复为准。")])
    assert status(engine, honest, "BIZ-PROMISE-BEYOND") == "passed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("您的电话是13812345678，对吗？", "violated"),
        ("请问您的联系电话是尾号5678的这个号码吗？", "passed"),
        ("您的身份证号是110101199003071234吗？", "passed"),  # not a phone number
    ],
)
def test_full_phone_number_read_out(engine: CompiledRuleSet, text: str, expected: str) -> None:
    assert status(engine, untimed([("agent", text)]), "BIZ-PRIVACY-PHONE") == expected


def test_disclosing_the_reporter(engine: CompiledRuleSet) -> None:
    leak = untimed(
        [("customer", "到底是谁举报我的？"), ("agent", "是您楼下的住户举报的，说您家噪音大。")]
    )
    assert status(engine, leak, "BIZ-DISCLOSE-REPORTER") == "violated"
    kept = untimed(
        [("customer", "到底是谁举报我的？"), ("agent", "对来电人信息我们依规保密，请您理解。")]
    )
    assert status(engine, kept, "BIZ-DISCLOSE-REPORTER") == "passed"
    asking = untimed(
        [
            ("customer", "我替邻居反映。"),
            ("agent", "好的，请问投诉人叫什么名字？是您邻居投诉的吗？"),
        ]
    )
    assert status(engine, asking, "BIZ-DISCLOSE-REPORTER") == "passed"


def test_emergency_needs_the_emergency_procedure(engine: CompiledRuleSet) -> None:
    ignored = untimed([("customer", "楼道里有很重的煤气味，好像燃气泄漏了！"), ("agent", "好的。")])
    assert status(engine, ignored, "BIZ-EMERGENCY") == "violated"
    handled = untimed(
        [
            ("customer", "楼道里有很重的煤气味，好像燃气泄漏了！"),
            ("agent", "请您立即离开现场，不要开关电器，我马上帮您转接119。"),
        ]
    )
    assert status(engine, handled, "BIZ-EMERGENCY") == "passed"
    hazard = untimed([("customer", "楼道里堆满杂物，有火灾隐患。"), ("agent", "好的，帮您登记。")])
    assert status(engine, hazard, "BIZ-EMERGENCY") == "passed"


# ------------------------------------------------------------------ callback (回访)

CALLBACK_OPENING = ("agent", "您好，我是12345政务服务便民热线回访员，请问是王先生吗？")


def test_callback_must_ask_about_the_result(engine: CompiledRuleSet) -> None:
    silent = untimed(
        [CALLBACK_OPENING, ("customer", "是我。"), ("agent", "好的，再见。")], stage="callback"
    )
    assert status(engine, silent, "BIZ-CALLBACK-RESULT") == "violated"
    asked = untimed(
        [
            CALLBACK_OPENING,
            ("customer", "是我。"),
            ("agent", "您反映的路灯问题现在解决了吗？您对处理结果是否满意？"),
        ],
        stage="callback",
    )
    assert status(engine, asked, "BIZ-CALLBACK-RESULT") == "passed"


def test_callback_rules_do_not_judge_acceptance_calls(
    engine: CompiledRuleSet,
) -> None:
    call = untimed(
        [
            ("agent", "您好，很高兴为您服务。"),
            ("agent", "您的诉求已登记，承办单位处理后我们会进行回访。"),
        ]
    )
    assert status(engine, call, "BIZ-CALLBACK-RESULT") == "not_applicable"


def test_inducing_a_satisfied_rating(engine: CompiledRuleSet) -> None:
    induce = untimed([CALLBACK_OPENING, ("agent", "麻烦您待会儿给个满意，谢谢。")])
    assert status(engine, induce, "SVC-CALLBACK-INDUCE") == "violated"
    neutral = untimed([CALLBACK_OPENING, ("agent", "请问您对处理结果满意还是不满意？")])
    assert status(engine, neutral, "SVC-CALLBACK-INDUCE") == "passed"

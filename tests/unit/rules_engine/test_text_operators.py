"""Keywords, regex, similar sentence, windows, repeated phrase and negative emotion."""

from __future__ import annotations

from tests.unit.rules_engine.builders import call_of, outcome, status

BANNED = {"op": "keywords", "role": "agent", "words": ["不知道", "不清楚"]}
POLITE = {**BANNED, "exclude": ["不知道您是否"]}


def test_keyword_evidence_has_utterance_span_and_time() -> None:
    call = call_of(("customer", "路灯坏了", 0, 900), ("agent", "这个我不知道。", 1000, 2000))
    result = outcome(BANNED, call)
    assert result.status == "violated"
    (hit,) = result.evidence
    assert (hit.utterance_index, hit.char_start, hit.char_end) == (1, 3, 6)
    assert hit.matched_text == "不知道"
    assert (hit.role, hit.start_ms, hit.end_ms) == ("agent", 1000, 2000)


def test_keywords_respect_the_role() -> None:
    assert status(BANNED, call_of(("customer", "我也不知道怎么办"))) == "passed"
    assert status({**BANNED, "role": "any"}, call_of(("customer", "我也不知道怎么办"))) == (
        "violated"
    )


def test_exclusion_drops_only_the_overlapping_occurrence() -> None:
    assert status(POLITE, call_of(("agent", "不知道您是否还有其他问题？"))) == "passed"
    mixed = outcome(POLITE, call_of(("agent", "不知道您是否清楚，这个我也不清楚。")))
    assert [hit.matched_text for hit in mixed.evidence] == ["不清楚"]


def test_all_and_at_least() -> None:
    call = call_of(("agent", "请提供您的姓名和电话"))
    words = ["姓名", "电话", "地址"]
    assert status({"op": "keywords", "words": words, "match": "all"}, call) == "passed"
    two = {"op": "keywords", "words": words, "match": "at_least", "at_least": 2}
    assert status(two, call) == "violated"
    three = {**two, "at_least": 3}
    assert status(three, call) == "passed"


def test_regex_is_searched_per_utterance_with_exclusion() -> None:
    rule = {"op": "regex", "role": "agent", "pattern": "^你去找.{0,6}吧", "exclude_regex": "我帮您"}
    assert status(rule, call_of(("customer", "好"), ("agent", "你去找街道办吧"))) == "violated"
    assert status(rule, call_of(("agent", "嗯，你去找街道办吧"))) == "passed"
    span = outcome(rule, call_of(("agent", "好的"), ("agent", "你去找社区吧。")))
    assert [(h.utterance_index, h.char_start, h.char_end) for h in span.evidence] == [(1, 0, 6)]


def test_regex_spans_count_characters_not_bytes() -> None:
    result = outcome(
        {"op": "regex", "pattern": r"1[3-9]\d{9}"}, call_of(("agent", "号码是13800138000"))
    )
    (hit,) = result.evidence
    assert (hit.char_start, hit.char_end, hit.matched_text) == (3, 14, "13800138000")


def test_similar_tolerates_recognition_errors_but_not_fragments() -> None:
    opening = {
        "op": "similar",
        "role": "agent",
        "examples": ["您好，很高兴为您服务"],
        "threshold": 80,
        "window": {"first_n": 2},
    }
    assert status(opening, call_of(("agent", "您好很高兴您服务，请讲"))) == "violated"
    assert status(opening, call_of(("agent", "您好。"))) == "passed"
    assert status(opening, call_of(("agent", "喂，什么事？"))) == "passed"
    late = call_of(("agent", "喂"), ("agent", "说吧"), ("agent", "您好，很高兴为您服务"))
    assert status(opening, late) == "passed"


def test_not_points_at_the_window_it_examined() -> None:
    closing = {
        "op": "not",
        "condition": {
            "op": "keywords",
            "role": "agent",
            "words": ["还有其他"],
            "window": {"last_n": 1},
        },
    }
    result = outcome(closing, call_of(("agent", "您好"), ("customer", "谢谢"), ("agent", "再见")))
    assert result.status == "violated"
    assert [hit.utterance_index for hit in result.evidence] == [2]
    assert "还有其他" in str(result.evidence[0].note)


def test_timed_window_is_not_applicable_without_timestamps() -> None:
    rule = {"op": "keywords", "words": ["您好"], "window": {"within_first_ms": 5000}}
    assert status(rule, call_of(("agent", "您好"))) == "not_applicable"
    assert status(rule, call_of(("agent", "您好", 0, 1000))) == "violated"
    assert status(rule, call_of(("agent", "嗯", 0, 1000), ("agent", "您好", 6000, 7000))) == (
        "passed"
    )


def test_repeated_phrase_and_repeated_utterance() -> None:
    phrases = {"op": "repeated_phrase", "phrases": ["对对对"], "min_count": 2}
    assert status(phrases, call_of(("agent", "对对对，对对对"))) == "violated"
    same = {"op": "repeated_phrase", "min_count": 3, "min_chars": 3}
    repeated = call_of(*[("agent", "请您稍等。")] * 3)
    assert status(same, repeated) == "violated"
    assert status(same, call_of(*[("agent", "请您稍等。")] * 2)) == "passed"


def test_negative_emotion_uses_the_built_in_lexicon() -> None:
    rule = {"op": "negative_emotion", "role": "agent"}
    assert status(rule, call_of(("agent", "你听不懂吗？我说了多少遍了"))) == "violated"
    assert status(rule, call_of(("agent", "麻烦您稍等一下"))) == "passed"
    assert status({**rule, "min_hits": 3}, call_of(("agent", "你听不懂吗？"))) == "passed"


def test_not_of_a_combination_points_at_every_window_examined() -> None:
    closing = {
        "op": "not",
        "condition": {
            "op": "or",
            "conditions": [
                {"op": "keywords", "role": "agent", "words": ["还有其他"], "window": {"last_n": 1}},
                {"op": "regex", "role": "agent", "pattern": "再见", "window": {"last_n": 2}},
            ],
        },
    }
    call = call_of(("agent", "您好"), ("agent", "好的"), ("customer", "谢谢"), ("agent", "挂了"))
    result = outcome(closing, call)
    assert result.status == "violated"
    assert [hit.utterance_index for hit in result.evidence] == [1, 3]


def test_a_match_across_utterances_hides_no_match_within_one() -> None:
    rule = {"op": "regex", "role": "customer", "pattern": "[^。]*吗"}
    assert status(rule, call_of(("agent", "你好吗"), ("customer", "有人吗"))) == "violated"


def test_empty_exclusion_matches_exclude_nothing() -> None:
    rule = {"op": "regex", "pattern": "不知?道", "exclude_regex": "x?"}
    assert status(rule, call_of(("agent", "不道"))) == "violated"


def test_anchors_hold_at_the_ends_of_an_utterance_only() -> None:
    rule = {"op": "regex", "pattern": "。$"}
    assert status(rule, call_of(("agent", "好。\n吗"))) == "passed"
    assert status(rule, call_of(("agent", "好。"), ("agent", "吗"))) == "violated"


def test_phrases_match_across_recognition_pauses() -> None:
    paused = outcome(BANNED, call_of(("agent", "这个我不_知 道。"), ("agent", "不　清楚")))
    assert [hit.matched_text for hit in paused.evidence] == ["不_知 道", "不　清楚"]
    assert status(POLITE, call_of(("agent", "不知道 您是否还有问题"))) == "passed"
    assert status(BANNED, call_of(("agent", "不"), ("agent", "知道"))) == "passed"

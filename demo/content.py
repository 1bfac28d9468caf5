"""What the demo's people write and do: the answer script an editor approves, the quiz, the
trainees, and how the agents' later calls go (G: good, B: buck passing)."""

from __future__ import annotations

from demo.calls import BUCK_PASSING, CATEGORY

COACH = "Q007"
CENTRE_HEAD, TEAM_LEADER, AGENTS = "H01", "TL2", ("D1", "D2")
LATER_PATTERNS = {"D1": "GGGG", "D2": "BBBB"}
FOLLOW_UP_PATTERN = "GGBGGG"  # D2 after coaching: one slip in six weeks

ARTICLE = {
    "kind": "answer_script",
    "title": "市政设施报修（路灯、井盖）的受理口径",
    "body": (
        "市民反映路灯损坏、井盖缺失等市政设施问题，坐席应当首问负责、直接受理："
        "一、核实事发地址和联系电话（只核对尾号）；二、派单至城管局，告知一般三个工作日内处理、"
        "会有工作人员联系；三、井盖缺失等安全隐患提醒市民注意安全。"
        "不得以「不归我们管」「你去找街道办」「你自己查」等说法推诿。"
    ),
    "rule_codes": [BUCK_PASSING],
    "categories": [CATEGORY],
}
QUIZ = [
    {
        "text": "市民反映楼下路灯损坏，坐席应当怎么做？",
        "options": [
            "告知不归热线管，请市民去找街道办",
            "核实地址和联系电话后，直接受理并派单至城管局",
            "请市民自己查承办单位的电话",
        ],
        "answer": 1,
    },
    {
        "text": "下列哪句话属于推诿？",
        "options": [
            "我马上为您派单到城管局",
            "这个不归我们管，你去找街道办吧",
            "请问具体地址是哪里？",
        ],
        "answer": 1,
    },
    {
        "text": "受理后应当告知市民什么？",
        "options": ["办理时限和后续联系方式", "无需告知", "请市民过几天再打来问"],
        "answer": 0,
    },
]

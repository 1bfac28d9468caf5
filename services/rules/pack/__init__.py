"""The default rule pack: the inspection rules of a reference 12345 government service hotline.

`default_pack.json` holds the rules in three dimensions (服务 / 工单 / 业务) across the three
stages of a case (受理 / 转办 / 回访); automatic rules carry a condition in the rule language of
`contracts.rulelang.rules`, manual ones are left to inspectors. The pack is published as the
first rule set version when none is in force (see `services.rules.bootstrap`).
"""

from __future__ import annotations

import json
from importlib import resources

from contracts.rulelang.rules import RuleSetDefinition

PACK_FILE = "default_pack.json"


def load_default_pack() -> RuleSetDefinition:
    """The default rules, read from the package data and validated."""
    text = resources.files(__name__).joinpath(PACK_FILE).read_text(encoding="utf-8")
    return RuleSetDefinition.model_validate(json.loads(text))

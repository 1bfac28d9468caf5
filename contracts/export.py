"""`python -m contracts.export [folder]`: write the JSON Schema of every contract.

Writes the envelope, each integration event's payload, the platforms' call body and the rule
language, one file each, to `docs/contracts/` by default (a test keeps those files current).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson

import contracts.coaching
import contracts.inspection
import contracts.knowledge
import contracts.ruleset_events
import contracts.training  # noqa: F401  (importing registers each service's events)
from contracts.call import Call
from contracts.events import json_schemas
from contracts.rulelang.rules import RuleSetDefinition


def all_schemas() -> dict[str, dict[str, Any]]:
    schemas = json_schemas()
    schemas["Call"] = Call.model_json_schema()
    schemas["RuleSet"] = RuleSetDefinition.model_json_schema()
    return schemas


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_bytes(orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/contracts")
    for path in export(target):
        print(path)

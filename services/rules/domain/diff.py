"""What changed between two rule set versions, rule by rule and field by field."""

from __future__ import annotations

from typing import Any


def diff_rules(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, Any]:
    before = {rule["code"]: rule for rule in old if "code" in rule}
    after = {rule["code"]: rule for rule in new if "code" in rule}
    changed = []
    for code in sorted(before.keys() & after.keys()):
        fields = {
            name: {"from": before[code].get(name), "to": after[code].get(name)}
            for name in sorted(before[code].keys() | after[code].keys())
            if before[code].get(name) != after[code].get(name)
        }
        if fields:
            changed.append({"code": code, "fields": fields})
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": changed,
    }

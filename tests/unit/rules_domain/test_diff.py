"""Diff between two rule set versions."""

from __future__ import annotations

from services.rules.domain.diff import diff_rules


def test_added_removed_and_changed_fields() -> None:
    old = [{"code": "A", "deduction": 1, "name": "甲"}, {"code": "B", "deduction": 2}]
    new = [{"code": "A", "deduction": 3, "name": "甲"}, {"code": "C", "deduction": 1}]
    assert diff_rules(old, new) == {
        "added": ["C"],
        "removed": ["B"],
        "changed": [{"code": "A", "fields": {"deduction": {"from": 1, "to": 3}}}],
    }
    assert diff_rules(old, old) == {"added": [], "removed": [], "changed": []}

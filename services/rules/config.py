"""The rules service's settings, read from its environment."""

from __future__ import annotations

from collections.abc import Mapping


def dry_run_seconds(env: Mapping[str, str]) -> float:
    """QA_RULES_DRY_RUN_SECONDS (10): how long a dry run may take before it is stopped."""
    return float(env.get("QA_RULES_DRY_RUN_SECONDS") or 10)

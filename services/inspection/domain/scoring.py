"""From rule outcomes to an inspection result: findings, N/A, score, red-line veto, grade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from contracts.inspection import Finding, InspectionResult
from contracts.rulelang.engine import RuleOutcome
from contracts.rulelang.rules import Rule
from services.inspection.domain.grading import GradeScale

RED_LINE = "红线"
FULL_MARKS = 100.0


def finding_for(rule: Rule, outcome: RuleOutcome) -> Finding:
    return Finding(
        rule_code=rule.code,
        rule_name=rule.name,
        dimension=str(rule.dimension),
        stage=str(rule.stage),
        severity=str(rule.severity),
        deduction=float(rule.deduction),
        suggestion=rule.suggestion,
        evidence=list(outcome.evidence),
    )


def score_outcomes(
    outcomes: Sequence[RuleOutcome],
    rules: Mapping[str, Rule],
    ruleset_version: int,
    scale: GradeScale,
    inspected_at: datetime,
) -> InspectionResult:
    findings = [finding_for(rules[o.rule_code], o) for o in outcomes if o.status == "violated"]
    not_applicable = sorted(o.rule_code for o in outcomes if o.status == "not_applicable")
    score = max(0.0, FULL_MARKS - sum(f.deduction for f in findings))
    vetoed = any(f.severity == RED_LINE for f in findings)
    grade = scale.grade(score, vetoed)
    return InspectionResult(
        ruleset_version=ruleset_version,
        score=round(score, 2),
        grade=grade,
        passed=not vetoed and score >= scale.passing,
        vetoed=vetoed,
        findings=findings,
        not_applicable=not_applicable,
        inspected_at=inspected_at,
    )

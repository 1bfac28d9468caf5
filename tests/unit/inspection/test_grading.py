"""Score thresholds and grades."""

from __future__ import annotations

import pytest

from services.inspection.domain.grading import GradeScale


@pytest.mark.parametrize(
    ("score", "vetoed", "grade"),
    [
        (100, False, "优秀"),
        (90, False, "优秀"),
        (89.5, False, "良好"),
        (80, False, "良好"),
        (79, False, "合格"),
        (60, False, "合格"),
        (59.9, False, "不合格"),
        (100, True, "不合格"),
    ],
)
def test_default_thresholds(score: float, vetoed: bool, grade: str) -> None:
    assert GradeScale().grade(score, vetoed) == grade


def test_thresholds_are_configurable_and_checked() -> None:
    scale = GradeScale.parse("95,85,70")
    assert scale.grade(90, False) == "良好"
    assert scale.grade(65, False) == "不合格"
    with pytest.raises(ValueError, match="thresholds"):
        GradeScale.parse("60,80,90")

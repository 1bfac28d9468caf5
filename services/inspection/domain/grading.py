"""Score → grade (优秀 / 良好 / 合格 / 不合格) and pass/fail, with configurable thresholds."""

from __future__ import annotations

from dataclasses import dataclass

EXCELLENT, GOOD, PASSING, FAILING = "优秀", "良好", "合格", "不合格"


@dataclass(frozen=True)
class GradeScale:
    excellent: float = 90.0
    good: float = 80.0
    passing: float = 60.0

    def __post_init__(self) -> None:
        if not 0 <= self.passing <= self.good <= self.excellent <= 100:
            raise ValueError(
                "grade thresholds must satisfy 0 <= passing <= good <= excellent <= 100"
            )

    @classmethod
    def parse(cls, text: str) -> GradeScale:
        """From "excellent,good,passing", e.g. "90,80,60" (env QA_GRADE_THRESHOLDS)."""
        excellent, good, passing = (float(part) for part in text.split(","))
        return cls(excellent, good, passing)

    def grade(self, score: float, vetoed: bool) -> str:
        if vetoed or score < self.passing:
            return FAILING
        if score >= self.excellent:
            return EXCELLENT
        return GOOD if score >= self.good else PASSING

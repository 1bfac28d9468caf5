"""Quizzes: questions tied to the programme's articles, scored out of 100."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Question = dict[
    str, Any
]  # {"article_id": str | None, "text": str, "options": [str], "answer": int}


def question_errors(
    questions: Sequence[Question], article_ids: Sequence[str]
) -> list[dict[str, str]]:
    """Problems of a quiz, each naming its field; empty when the quiz is sound."""
    errors: list[dict[str, str]] = []
    if not questions:
        errors.append({"field": "questions", "problem": "a quiz needs at least one question"})
    for index, question in enumerate(questions):
        field = f"questions[{index}]"
        options = question.get("options") or []
        if len(options) < 2:
            errors.append({"field": f"{field}.options", "problem": "at least two options"})
        if not 0 <= int(question.get("answer", -1)) < len(options):
            errors.append({"field": f"{field}.answer", "problem": "must index one of the options"})
        article = question.get("article_id")
        if article is not None and article_ids and article not in article_ids:
            problem = "is not one of the programme's articles"
            errors.append({"field": f"{field}.article_id", "problem": problem})
    return errors


def score(questions: Sequence[Question], answers: Sequence[int]) -> float:
    """Percentage of questions answered correctly, to two decimals."""
    correct = sum(1 for q, a in zip(questions, answers, strict=True) if q["answer"] == a)
    return round(100.0 * correct / len(questions), 2)


def answer_errors(questions: Sequence[Question], answers: Sequence[int]) -> list[dict[str, str]]:
    if len(answers) != len(questions):
        problem = f"expected {len(questions)} answers, got {len(answers)}"
        return [{"field": "answers", "problem": problem}]
    return []

"""Finding answers a response gives away: the right choice of a question not yet answered."""

from __future__ import annotations

from typing import Any


def leaks(value: Any, answered: set[str], question_id: str | None = None) -> list[Any]:
    """Every object in a response that tells which choice is correct for an unanswered question
    (choices belong to the question whose `id` holds them)."""
    found = []
    if isinstance(value, dict):
        question_id = value.get("question_id", question_id)
        tells = "correct_choice_id" in value or "correct" in value
        if tells and question_id not in answered:
            found.append(value)
        inner = value.get("id", question_id) if "choices" in value else question_id
        for item in value.values():
            found += leaks(item, answered, inner)
    elif isinstance(value, list):
        for item in value:
            found += leaks(item, answered, question_id)
    return found

"""The scoring rule: a pure function of the question, the choice, the two clock readings and the
session's scoring options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from vocabquiz.quizzes.schemas import ScoringRule

# Each right answer in a row after the first adds this much, up to STREAK_BONUS_MAX.
STREAK_BONUS_STEP = 100
STREAK_BONUS_MAX = 500


@dataclass(frozen=True, slots=True)
class Score:
    correct: bool
    late: bool
    points_awarded: int
    elapsed_ms: int
    # The part of points_awarded that is streak bonus, and the run of right answers it rewards.
    streak_bonus: int = 0
    streak: int = 0


def deadline_of(served_at: datetime, time_limit_s: int | None) -> datetime | None:
    return None if time_limit_s is None else served_at + timedelta(seconds=time_limit_s)


def streak_bonus_for(streak: int) -> int:
    """The bonus of the `streak`-th right answer in a row: 0, 100, 200, ... at most 500."""
    return min(STREAK_BONUS_STEP * max(streak - 1, 0), STREAK_BONUS_MAX)


def score_answer(
    *,
    points: int,
    time_limit_s: int | None,
    correct: bool,
    served_at: datetime,
    answered_at: datetime,
    rule: ScoringRule = "speed",
    streak_bonus: bool = False,
    streak_before: int = 0,
) -> Score:
    """Wrong or late: 0, and the streak ends. Correct and on time:
    - "speed": points * (1 - elapsed / (2 * limit)), rounded half up, so between half and all of
      the points; untimed questions give all of them;
    - "accuracy": all of the points;
    plus, with the streak bonus, streak_bonus_for(the run of right answers including this one).

    An answer exactly at the deadline is on time; elapsed is counted in whole milliseconds. A
    late answer is never counted as correct (in results, analytics and counts), only as late,
    whichever choice it picked.
    """
    elapsed_ms = max(0, (answered_at - served_at) // timedelta(milliseconds=1))
    late = time_limit_s is not None and answered_at > served_at + timedelta(seconds=time_limit_s)
    if not correct or late:
        return Score(False, late, 0, elapsed_ms)
    streak = streak_before + 1
    bonus = streak_bonus_for(streak) if streak_bonus else 0
    if time_limit_s is None or rule == "accuracy":
        return Score(correct, late, points + bonus, elapsed_ms, bonus, streak)
    window_ms = 2 * time_limit_s * 1000
    # Integer arithmetic: exact for every points value, no float rounding.
    awarded = (2 * points * (window_ms - elapsed_ms) + window_ms) // (2 * window_ms)
    return Score(correct, late, awarded + bonus, elapsed_ms, bonus, streak)

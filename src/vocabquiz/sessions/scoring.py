"""The scoring rule: a pure function of the question, the choice and the two clock readings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Score:
    correct: bool
    late: bool
    points_awarded: int
    elapsed_ms: int


def deadline_of(served_at: datetime, time_limit_s: int | None) -> datetime | None:
    return None if time_limit_s is None else served_at + timedelta(seconds=time_limit_s)


def score_answer(
    *,
    points: int,
    time_limit_s: int | None,
    correct: bool,
    served_at: datetime,
    answered_at: datetime,
) -> Score:
    """Wrong or late: 0. Correct and on time: points * (1 - elapsed / (2 * limit)), rounded half
    up, so between half and all of the points; untimed questions give all of them.

    An answer exactly at the deadline is on time; elapsed is counted in whole milliseconds.
    """
    elapsed_ms = max(0, (answered_at - served_at) // timedelta(milliseconds=1))
    late = time_limit_s is not None and answered_at > served_at + timedelta(seconds=time_limit_s)
    if not correct or late:
        return Score(correct, late, 0, elapsed_ms)
    if time_limit_s is None:
        return Score(correct, late, points, elapsed_ms)
    window_ms = 2 * time_limit_s * 1000
    # Integer arithmetic: exact for every points value, no float rounding.
    awarded = (2 * points * (window_ms - elapsed_ms) + window_ms) // (2 * window_ms)
    return Score(correct, late, awarded, elapsed_ms)

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vocabquiz.sessions.scoring import deadline_of, score_answer, streak_bonus_for

SERVED = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)


def after(ms: int) -> datetime:
    return SERVED + timedelta(milliseconds=ms)


def test_instant_correct_answer_gets_all_points() -> None:
    s = score_answer(
        points=1000, time_limit_s=20, correct=True, served_at=SERVED, answered_at=SERVED
    )
    assert (s.correct, s.late, s.points_awarded, s.elapsed_ms) == (True, False, 1000, 0)


def test_answer_exactly_at_the_deadline_is_on_time_and_gets_half() -> None:
    s = score_answer(
        points=1000, time_limit_s=20, correct=True, served_at=SERVED, answered_at=after(20_000)
    )
    assert (s.late, s.points_awarded) == (False, 500)


def test_answer_one_millisecond_after_the_deadline_is_late_and_gets_nothing() -> None:
    s = score_answer(
        points=1000, time_limit_s=20, correct=True, served_at=SERVED, answered_at=after(20_001)
    )
    assert (s.late, s.points_awarded) == (True, 0)
    assert not s.correct  # the right choice, too late: counted as late, never as correct


def test_wrong_answer_gets_nothing() -> None:
    s = score_answer(
        points=1000, time_limit_s=20, correct=False, served_at=SERVED, answered_at=after(1)
    )
    assert (s.correct, s.late, s.points_awarded) == (False, False, 0)


def test_untimed_question_gives_all_points_however_long_it_took() -> None:
    s = score_answer(
        points=700, time_limit_s=None, correct=True, served_at=SERVED, answered_at=after(3_600_000)
    )
    assert (s.late, s.points_awarded) == (False, 700)


def test_zero_point_question_gives_zero() -> None:
    s = score_answer(
        points=0, time_limit_s=10, correct=True, served_at=SERVED, answered_at=after(1000)
    )
    assert s.points_awarded == 0


@pytest.mark.parametrize(
    ("points", "limit", "elapsed_ms", "expected"),
    [
        (1000, 20, 10_000, 750),  # a quarter of the window used
        (1000, 10, 2_500, 875),
        (10_000, 300, 1, 10_000),  # 9999.983 rounds up
        (3, 5, 5_000, 2),  # 1.5 rounds half up
        (1, 5, 5_000, 1),  # 0.5 rounds half up
        (999, 7, 3_333, 761),  # 999 * (1 - 3.333/14) = 761.15
    ],
)
def test_speed_points_follow_the_formula(
    points: int, limit: int, elapsed_ms: int, expected: int
) -> None:
    s = score_answer(
        points=points,
        time_limit_s=limit,
        correct=True,
        served_at=SERVED,
        answered_at=after(elapsed_ms),
    )
    assert s.points_awarded == expected


def test_points_are_between_half_and_all_for_every_on_time_moment() -> None:
    for elapsed in range(0, 5_001, 37):
        s = score_answer(
            points=1000, time_limit_s=5, correct=True, served_at=SERVED, answered_at=after(elapsed)
        )
        assert 500 <= s.points_awarded <= 1000


def test_clock_skew_before_serving_counts_as_instant() -> None:
    s = score_answer(
        points=1000, time_limit_s=20, correct=True, served_at=SERVED, answered_at=after(-5)
    )
    assert (s.elapsed_ms, s.points_awarded) == (0, 1000)


def test_deadline_is_served_at_plus_limit_or_none_when_untimed() -> None:
    assert deadline_of(SERVED, 20) == after(20_000)
    assert deadline_of(SERVED, None) is None


# --- scoring options ------------------------------------------------------------------------------


def test_accuracy_gives_all_points_however_slow_until_the_deadline() -> None:
    s = score_answer(
        points=1000,
        time_limit_s=20,
        correct=True,
        served_at=SERVED,
        answered_at=after(20_000),
        rule="accuracy",
    )
    assert (s.late, s.points_awarded) == (False, 1000)


def test_accuracy_still_gives_nothing_for_a_late_or_wrong_answer() -> None:
    late = score_answer(
        points=1000,
        time_limit_s=20,
        correct=True,
        served_at=SERVED,
        answered_at=after(20_001),
        rule="accuracy",
    )
    wrong = score_answer(
        points=1000,
        time_limit_s=20,
        correct=False,
        served_at=SERVED,
        answered_at=after(1),
        rule="accuracy",
    )
    assert (late.late, late.points_awarded, wrong.points_awarded) == (True, 0, 0)


@pytest.mark.parametrize(
    ("streak", "bonus"),
    [(0, 0), (1, 0), (2, 100), (3, 200), (5, 400), (6, 500), (7, 500), (50, 500)],
)
def test_streak_bonus_grows_by_100_after_the_first_right_answer_up_to_500(
    streak: int, bonus: int
) -> None:
    assert streak_bonus_for(streak) == bonus


def test_first_right_answer_starts_a_streak_without_bonus() -> None:
    s = score_answer(
        points=1000,
        time_limit_s=None,
        correct=True,
        served_at=SERVED,
        answered_at=after(5),
        streak_bonus=True,
    )
    assert (s.points_awarded, s.streak_bonus, s.streak) == (1000, 0, 1)


def test_streak_bonus_adds_to_the_speed_points() -> None:
    s = score_answer(
        points=1000,
        time_limit_s=20,
        correct=True,
        served_at=SERVED,
        answered_at=after(20_000),
        streak_bonus=True,
        streak_before=2,
    )
    assert (s.points_awarded, s.streak_bonus, s.streak) == (700, 200, 3)


def test_streak_bonus_is_capped_at_500() -> None:
    s = score_answer(
        points=0,
        time_limit_s=20,
        correct=True,
        served_at=SERVED,
        answered_at=after(1),
        rule="accuracy",
        streak_bonus=True,
        streak_before=9,
    )
    assert (s.points_awarded, s.streak_bonus, s.streak) == (500, 500, 10)


@pytest.mark.parametrize(("correct", "ms"), [(False, 1), (True, 20_001)])
def test_a_wrong_or_late_answer_ends_the_streak_and_gets_no_bonus(correct: bool, ms: int) -> None:
    s = score_answer(
        points=1000,
        time_limit_s=20,
        correct=correct,
        served_at=SERVED,
        answered_at=after(ms),
        streak_bonus=True,
        streak_before=4,
    )
    assert (s.points_awarded, s.streak_bonus, s.streak) == (0, 0, 0)


def test_without_the_bonus_option_the_streak_is_counted_but_pays_nothing() -> None:
    s = score_answer(
        points=1000,
        time_limit_s=None,
        correct=True,
        served_at=SERVED,
        answered_at=after(1),
        streak_before=4,
    )
    assert (s.points_awarded, s.streak_bonus, s.streak) == (1000, 0, 5)

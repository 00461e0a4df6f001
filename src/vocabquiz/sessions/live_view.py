"""What a live session shows and where its host's actions lead: the rules of the phases, and
each caller's view of them, as plain functions of what was read (sessions/live.py reads and
writes)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, NamedTuple, TypeVar

from vocabquiz.db import utcnow
from vocabquiz.quizzes.schemas import ScoringRule
from vocabquiz.sessions.models import Answer, Participant, SessionStatus
from vocabquiz.sessions.play_store import QuestionContent
from vocabquiz.sessions.schemas import LiveEntry
from vocabquiz.sessions.scoring import deadline_of
from vocabquiz.sessions.standings import ranked

Action = Literal["start", "end", "next", "skip", "finish"]
NOT_LIVE = "This session is self-paced: its players answer at their own pace"
STALE = "The session has moved on since you looked: here is where it is now"
ENDED = "This question has ended"
TOP = 5
PODIUM = 3
# How long an answer may go by what this process read of its player and session.
PLAYER_KEPT_S = 2.0


@dataclass(frozen=True)
class Step:
    """Where an action leads from a phase: the next phase and question index."""

    phase: str
    index: int | None


def next_step(action: Action, phase: str | None, index: int | None, count: int) -> Step | None:
    following = (index + 1) if index is not None else 0
    after = Step("question", following) if following < count else Step("podium", None)
    if action == "start" and phase == "lobby":
        return Step("question", 0)
    if action == "end" and phase == "question":
        return Step("reveal", index)
    if action == "next" and phase == "reveal":
        return after
    if action == "skip" and phase == "question":
        return after
    if action == "finish" and phase in ("lobby", "question", "reveal"):
        return Step("podium", None)
    return None


@dataclass(frozen=True)
class Revealed:
    """What a reveal shows, the same for everyone ."""

    correct_choice_id: str
    votes: list[dict[str, Any]]
    top: list[LiveEntry]
    # Scores by rank, for how far each participant is behind the one above.
    scores: list[int]


class View(NamedTuple):
    """One caller's view of a live session, as _VIEW reads it."""

    id: str
    code: str
    status: str
    quiz_id: str
    scoring: ScoringRule
    streak_bonus: bool
    quiz_version: datetime
    mode: str
    phase: str | None
    phase_version: int
    question_index: int | None
    question_id: str | None
    question_started_at: datetime | None
    question_deadline: datetime | None
    participant_id: str | None
    score: int | None
    streak: int | None
    live_rank: int | None
    my_choice_id: str | None
    my_correct: bool | None
    my_late: bool | None
    my_points: int | None
    my_streak_bonus: int | None
    joined: int
    answered: int


def overdue(status: str, phase: str | None, deadline: datetime | None) -> bool:
    return (
        status == SessionStatus.OPEN
        and phase == "question"
        and deadline is not None
        and deadline <= utcnow()
    )


def question_out(question: QuestionContent) -> dict[str, Any]:
    # The quiz's order for everyone: a player looks at the projector's numbered, coloured
    # choices and taps the same one on their phone.
    return {
        "id": question.id,
        "prompt": question.prompt,
        "choices": [{"id": c.id, "text": c.text} for c in question.choices],
        "time_limit_s": question.time_limit_s,
        "points": question.points,
    }


def outcome(view: View, revealed: Revealed) -> dict[str, Any]:
    """The participant's own result of the question just revealed (schemas.LiveOutcome)."""
    rank = view.live_rank or len(revealed.scores)
    above = revealed.scores[rank - 2] if 1 < rank <= len(revealed.scores) + 1 else None
    answered = view.my_choice_id is not None
    return {
        "answered": answered,
        "choice_id": view.my_choice_id,
        "correct": bool(view.my_correct),
        "late": bool(view.my_late),
        "points_awarded": view.my_points or 0,
        "streak_bonus": view.my_streak_bonus or 0,
        "streak": view.streak or 0,
        "score": view.score or 0,
        "rank": rank,
        "behind": None if above is None else above - (view.score or 0),
    }


K = TypeVar("K")
V = TypeVar("V")


def keep(cache: OrderedDict[K, V], key: K, value: V, size: int = 256) -> None:
    """Remember `value`, forgetting the oldest beyond `size` (read once per phase version)."""
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


def phase_values(
    step: Step, version: int, questions: Sequence[QuestionContent], now: datetime
) -> dict[str, Any]:
    """The session row's columns after `step`, at phase version `version`."""
    values: dict[str, Any] = {
        "phase": step.phase,
        "phase_version": version,
        "question_index": step.index,
    }
    if step.phase == "question":
        assert step.index is not None
        question = questions[step.index]
        return values | {
            "question_id": question.id,
            "question_started_at": now,
            "question_deadline": deadline_of(now, question.time_limit_s),
        }
    if step.phase == "podium":
        return values | {
            "question_id": None,
            "question_started_at": None,
            "question_deadline": None,
        }
    return values


def phase_summary(
    code: str,
    phase: str | None,
    version: int,
    index: int | None,
    question_count: int,
    deadline: datetime | None,
    joined: int,
    answered: int,
) -> dict[str, object]:
    """The phase in a few fields: the event stream's `live` frames."""
    return {
        "session_code": code,
        "phase": phase,
        "phase_version": version,
        "question_index": index,
        "question_count": question_count,
        "deadline": deadline.isoformat() if deadline else None,
        "participant_count": joined,
        "answered_count": answered,
    }


def settle(everyone: list[Participant], answers: dict[str, Answer]) -> None:
    """A question's answers into the participants' totals, with everyone's rank before and
    after them."""
    before = {p.id: rank for rank, p in enumerate(ranked(everyone), start=1)}
    for p in everyone:
        answer = answers.get(p.id)
        if answer is None:
            p.streak = 0  # a question left unanswered ends the run
            continue
        p.score += answer.points_awarded
        p.answered_count += 1
        p.correct_count += int(answer.correct)
        p.streak = answer.streak
        if answer.points_awarded > 0:
            p.reached_at = answer.answered_at
    for rank, p in enumerate(ranked(everyone), start=1):
        p.live_previous_rank = before[p.id]
        p.live_rank = rank

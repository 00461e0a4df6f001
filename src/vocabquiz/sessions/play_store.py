"""The statements of the playing path: a player's session and standing, serving a question,
recording an answer, reading a stored one. A port with two sides: PostgreSQL through asyncpg
(postgres_play_store.py: prepared statements, one round trip each, no ORM), and SQLite through
SQLAlchemy Core on the embedded engine (sqlite_play_store.py; its single-writer discipline stays
in one place, db.py). Both read the quiz's tables in the same statement as the session's where
that saves a round trip: this is the hot path.

Every write is durable when its call returns: asyncpg runs each statement in a transaction of its
own, and the SQLite side commits before returning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from vocabquiz.auth.accounts import Account
from vocabquiz.quizzes.schemas import ScoringRule

# Rows and contents are NamedTuples of plain values: the caches of the playing path hold
# hundreds of thousands of them, and tuples of untracked values are left out of the garbage
# collector's full passes (which would otherwise stop the process for a tenth of a second).


class SessionRow(NamedTuple):
    id: str
    code: str
    status: str
    quiz_id: str
    scoring: ScoringRule
    streak_bonus: bool
    # The quiz's updated_at: its questions are the same while it is.
    quiz_version: datetime
    mode: str = "self_paced"


class ParticipantRow(NamedTuple):
    id: str
    display_name: str
    score: int
    answered_count: int
    correct_count: int
    streak: int
    joined_at: datetime
    reached_at: datetime
    served_question_id: str | None
    served_at: datetime | None


class ChoiceContent(NamedTuple):
    id: str
    text: str
    correct: bool


class QuestionContent(NamedTuple):
    id: str
    prompt: str
    time_limit_s: int | None
    points: int
    choices: tuple[ChoiceContent, ...]

    @property
    def correct_choice_id(self) -> str:
        return next(c.id for c in self.choices if c.correct)


@dataclass(frozen=True, slots=True)
class Move:
    """A participant's totals after an answer to the question served at `index`."""

    session_id: str
    participant_id: str
    index: int
    question_id: str
    score: int
    correct_count: int
    streak: int
    reached_at: datetime


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """An answer as the answers table holds it."""

    id: str
    participant_id: str
    question_id: str
    # None: the question's time ran out and the player went on without picking (never live).
    choice_id: str | None
    correct: bool
    late: bool
    points_awarded: int
    streak_bonus: int
    streak: int
    score_after: int
    served_at: datetime
    answered_at: datetime
    elapsed_ms: int


class PlayStore(Protocol):
    async def player(
        self, code: str, user_id: str
    ) -> tuple[SessionRow, ParticipantRow | None] | None:
        """The session of this code and the user's participant in it (None if not joined);
        None when no session has the code."""

    async def questions(self, quiz_id: str) -> tuple[QuestionContent, ...]: ...

    async def serve(
        self, session_id: str, participant_id: str, index: int, question_id: str, now: datetime
    ) -> datetime | None:
        """Start the clock of the question at `index`, if the participant is still at that turn
        of an open session and it is not served yet; None otherwise."""

    async def record(self, move: Move, answer: AnswerRow) -> str | None:
        """Store the answer and the participant's new totals, both or neither, if the
        participant is still at that turn of an open session; their display name then (it may
        have changed), else None."""

    async def stored_answer(
        self, participant_id: str, question_id: str
    ) -> tuple[AnswerRow, ParticipantRow] | None:
        """A participant's stored answer to a question, with their totals as they are now."""

    async def account(self, user_id: str) -> Account | None:
        """A user's role, guest flag and token version; None when there is no such user."""

    async def live_view(self, code: str, user_id: str) -> tuple[Any, ...] | None:
        """A live session as one user sees it (the fields of live._View); None when no session
        has the code."""

    async def live_answer(self, session_id: str, phase_version: int, answer: AnswerRow) -> bool:
        """Store an answer while the session still shows the question at that phase version;
        False when it does not, or the participant already answered (sessions/live.py)."""

    async def answer_choice(self, participant_id: str, question_id: str) -> str | None:
        """The choice of a participant's stored answer to a question."""

    def connection_counts(self) -> tuple[int, int]:
        """Connections of its own (in use, idle), for the pool gauge."""

    async def close(self) -> None: ...


def question_contents(rows: list[Any]) -> tuple[QuestionContent, ...]:
    """Rows of (question id, prompt, time limit, points, choice id, text, correct), in order."""
    questions: list[QuestionContent] = []
    choices: list[ChoiceContent] = []
    for i, row in enumerate(rows):
        choices.append(ChoiceContent(row[4], row[5], row[6]))
        if i + 1 == len(rows) or rows[i + 1][0] != row[0]:
            questions.append(QuestionContent(row[0], row[1], row[2], row[3], tuple(choices)))
            choices = []
    return tuple(questions)


def stored_rows(
    participant_id: str, question_id: str, row: Any
) -> tuple[AnswerRow, ParticipantRow]:
    """A stored answer and its participant from a row of the stored-answer statement."""
    answer = AnswerRow(
        id=row[0],
        participant_id=participant_id,
        question_id=question_id,
        choice_id=row[1],
        correct=row[2],
        late=row[3],
        points_awarded=row[4],
        streak_bonus=row[5],
        streak=row[6],
        score_after=row[7],
        served_at=row[8],
        answered_at=row[9],
        elapsed_ms=row[10],
    )
    return answer, ParticipantRow(*row[11:21])


def player_rows(row: Any) -> tuple[SessionRow, ParticipantRow | None] | None:
    """The session and, once joined, the participant from a row of the player statement."""
    if row is None:
        return None
    session = SessionRow._make((*row[:7], row[17]))
    if row[7] is None:
        return session, None
    return session, ParticipantRow(*row[7:17])

"""The play store on SQLite: SQLAlchemy Core statements on the embedded engine."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, exists, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased

from vocabquiz.auth.accounts import Account
from vocabquiz.auth.models import User
from vocabquiz.db import UTCDateTime
from vocabquiz.quizzes.models import Choice, Question, Quiz
from vocabquiz.sessions.models import Answer, Participant, QuizSession, SessionStatus
from vocabquiz.sessions.play_store import (
    AnswerRow,
    Move,
    ParticipantRow,
    QuestionContent,
    SessionRow,
    player_rows,
    question_contents,
    stored_rows,
)

_S, _P, _A = (cast(Table, m.__table__) for m in (QuizSession, Participant, Answer))
_PARTICIPANT_COLUMNS = (
    _P.c.id,
    _P.c.display_name,
    _P.c.score,
    _P.c.answered_count,
    _P.c.correct_count,
    _P.c.streak,
    _P.c.joined_at,
    _P.c.reached_at,
    _P.c.served_question_id,
    _P.c.served_at,
)
_SQLITE_PLAYER = (
    select(
        _S.c.id, _S.c.code, _S.c.status, _S.c.quiz_id, _S.c.scoring, _S.c.streak_bonus,
        Quiz.updated_at, *_PARTICIPANT_COLUMNS, _S.c.mode,
    )
    .select_from(
        _S.join(Quiz, Quiz.id == _S.c.quiz_id)
        .outerjoin(_P, (_P.c.session_id == _S.c.id) & (_P.c.user_id == bindparam("user_id")))
    )
    .where(_S.c.code == bindparam("code"))
)  # fmt: skip
_SQLITE_QUESTIONS = (
    select(
        Question.id, Question.prompt, Question.time_limit_s, Question.points,
        Choice.id, Choice.text, Choice.correct,
    )
    .join(Choice, Choice.question_id == Question.id)
    .where(Question.quiz_id == bindparam("quiz_id"))
    .order_by(Question.position, Choice.position)
)  # fmt: skip
_OPEN = exists().where(_S.c.id == bindparam("open_session_id"), _S.c.status == SessionStatus.OPEN)
_SQLITE_SERVE = (
    update(_P)
    .where(
        _P.c.id == bindparam("participant_id"),
        _P.c.answered_count == bindparam("index"),
        _P.c.served_question_id.is_(None) | (_P.c.served_question_id != bindparam("question_id")),
        _OPEN,
    )
    .values(served_question_id=bindparam("question_id"), served_at=bindparam("now"))
    .returning(_P.c.served_at)
)
_SQLITE_MOVE = (
    update(_P)
    .where(
        _P.c.id == bindparam("participant_id"),
        _P.c.answered_count == bindparam("index"),
        _P.c.served_question_id == bindparam("question_id"),
        _OPEN,
    )
    .values(
        score=bindparam("score"),
        answered_count=bindparam("answered_count"),
        correct_count=bindparam("correct_count"),
        streak=bindparam("streak"),
        reached_at=bindparam("reached_at"),
        served_question_id=None,
        served_at=None,
    )
    .returning(_P.c.display_name)
)
_SQLITE_INSERT_ANSWER = insert(_A)
_SQLITE_STORED_ANSWER = (
    select(
        _A.c.id, _A.c.choice_id, _A.c.correct, _A.c.late, _A.c.points_awarded,
        _A.c.streak_bonus, _A.c.streak, _A.c.score_after, _A.c.served_at, _A.c.answered_at,
        _A.c.elapsed_ms, *_PARTICIPANT_COLUMNS,
    )
    .join(_P, _P.c.id == _A.c.participant_id)
    .where(
        _A.c.participant_id == bindparam("participant_id"),
        _A.c.question_id == bindparam("question_id"),
    )
)  # fmt: skip


_SQLITE_ACCOUNT = select(
    User.role, User.is_guest, User.token_version, User.disabled_at.is_not(None)
).where(User.id == bindparam("user_id"))


_ME, _MINE = aliased(Participant), aliased(Answer)
_JOINED, _ANSWERER, _ANSWERS = aliased(Participant), aliased(Participant), aliased(Answer)
_SQLITE_LIVE_VIEW = (
    select(
        _S.c.id, _S.c.code, _S.c.status, _S.c.quiz_id, _S.c.scoring, _S.c.streak_bonus,
        Quiz.updated_at, _S.c.mode, _S.c.phase, _S.c.phase_version, _S.c.question_index,
        _S.c.question_id, _S.c.question_started_at, _S.c.question_deadline,
        _ME.id, _ME.score, _ME.streak, _ME.live_rank,
        _MINE.choice_id, _MINE.correct, _MINE.late, _MINE.points_awarded, _MINE.streak_bonus,
        select(func.count()).select_from(_JOINED).where(_JOINED.session_id == _S.c.id)
        .correlate(_S).scalar_subquery(),
        select(func.count()).select_from(_ANSWERS)
        .join(_ANSWERER, _ANSWERER.id == _ANSWERS.participant_id)
        .where(_ANSWERER.session_id == _S.c.id, _ANSWERS.question_id == _S.c.question_id)
        .correlate(_S).scalar_subquery(),
    )
    .select_from(_S.join(Quiz, Quiz.id == _S.c.quiz_id))
    .outerjoin(_ME, (_ME.session_id == _S.c.id) & (_ME.user_id == bindparam("user_id")))
    .outerjoin(
        _MINE, (_MINE.participant_id == _ME.id) & (_MINE.question_id == _S.c.question_id)
    )
    .where(_S.c.code == bindparam("code"))
)  # fmt: skip
# One writer at a time on SQLite: nothing can end the question while this runs.
_SQLITE_LIVE_ANSWER = text("""
INSERT INTO answers (id, participant_id, question_id, choice_id, correct, late, points_awarded,
                     streak_bonus, streak, score_after, served_at, answered_at, elapsed_ms)
SELECT :id, :participant_id, :question_id, :choice_id, :correct, :late, :points_awarded,
       :streak_bonus, :streak, :score_after, :served_at, :answered_at, :elapsed_ms
FROM sessions
WHERE id = :session_id AND status = 'open' AND phase = 'question'
  AND phase_version = :phase_version
  AND EXISTS (SELECT 1 FROM participants WHERE id = :participant_id)
ON CONFLICT (participant_id, question_id) DO NOTHING
RETURNING id
""").bindparams(
    bindparam("served_at", type_=UTCDateTime()), bindparam("answered_at", type_=UTCDateTime())
)
_SQLITE_ANSWER_CHOICE = select(Answer.choice_id).where(
    Answer.participant_id == bindparam("participant_id"),
    Answer.question_id == bindparam("question_id"),
)


class SqlitePlayStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def close(self) -> None:
        pass  # the engine belongs to the Database

    def connection_counts(self) -> tuple[int, int]:
        return 0, 0  # it uses the Database's engine, counted there

    async def account(self, user_id: str) -> Account | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(_SQLITE_ACCOUNT, {"user_id": user_id})).first()
        return None if row is None else Account(*row)

    async def live_view(self, code: str, user_id: str) -> tuple[Any, ...] | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(_SQLITE_LIVE_VIEW, {"code": code, "user_id": user_id})
            ).first()
        return None if row is None else tuple(row)

    async def live_answer(self, session_id: str, phase_version: int, answer: AnswerRow) -> bool:
        async with self._engine.begin() as conn:
            stored = await conn.execute(
                _SQLITE_LIVE_ANSWER,
                {**asdict(answer), "session_id": session_id, "phase_version": phase_version},
            )
            return stored.first() is not None

    async def answer_choice(self, participant_id: str, question_id: str) -> str | None:
        async with self._engine.connect() as conn:
            params = {"participant_id": participant_id, "question_id": question_id}
            choice: str | None = (await conn.execute(_SQLITE_ANSWER_CHOICE, params)).scalar()
        return choice

    async def player(
        self, code: str, user_id: str
    ) -> tuple[SessionRow, ParticipantRow | None] | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(_SQLITE_PLAYER, {"code": code, "user_id": user_id})).first()
        return player_rows(row)

    async def questions(self, quiz_id: str) -> tuple[QuestionContent, ...]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(_SQLITE_QUESTIONS, {"quiz_id": quiz_id})).all()
        return question_contents(list(rows))

    async def serve(
        self, session_id: str, participant_id: str, index: int, question_id: str, now: datetime
    ) -> datetime | None:
        params = {
            "open_session_id": session_id,
            "participant_id": participant_id,
            "index": index,
            "question_id": question_id,
            "now": now,
        }
        async with self._engine.begin() as conn:
            served_at: datetime | None = (
                await conn.execute(_SQLITE_SERVE, params)
            ).scalar_one_or_none()
        return served_at

    async def record(self, move: Move, answer: AnswerRow) -> str | None:
        try:
            async with self._engine.begin() as conn:
                display_name: str | None = (
                    await conn.execute(
                        _SQLITE_MOVE,
                        {
                            "open_session_id": move.session_id,
                            "participant_id": move.participant_id,
                            "index": move.index,
                            "question_id": move.question_id,
                            "score": move.score,
                            "answered_count": move.index + 1,
                            "correct_count": move.correct_count,
                            "streak": move.streak,
                            "reached_at": move.reached_at,
                        },
                    )
                ).scalar_one_or_none()
                if display_name is None:
                    return None
                await conn.execute(_SQLITE_INSERT_ANSWER, asdict(answer))
        except IntegrityError:
            return None
        return display_name

    async def stored_answer(
        self, participant_id: str, question_id: str
    ) -> tuple[AnswerRow, ParticipantRow] | None:
        params = {"participant_id": participant_id, "question_id": question_id}
        async with self._engine.connect() as conn:
            row = (await conn.execute(_SQLITE_STORED_ANSWER, params)).first()
        if row is None:
            return None
        return stored_rows(participant_id, question_id, row)

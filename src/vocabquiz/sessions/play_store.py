"""The statements of the playing path: a player's session and standing, serving a question,
recording an answer, reading a stored one. A port with two sides: PostgreSQL through asyncpg
(prepared statements, one round trip each, no ORM), and SQLite through SQLAlchemy Core on the
embedded engine (its single-writer discipline stays in one place, db.py).

Every write is durable when its call returns: asyncpg runs each statement in a transaction of its
own, and the SQLite side commits before returning.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol, cast

import asyncpg
from sqlalchemy import Table, bindparam, exists, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased

from vocabquiz.auth.accounts import Account
from vocabquiz.auth.models import User
from vocabquiz.db import UTCDateTime
from vocabquiz.quizzes.models import Choice, Question, Quiz
from vocabquiz.sessions.models import Answer, Participant, QuizSession
from vocabquiz.sessions.scoring import ScoringRule

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


def _question_contents(rows: list[Any]) -> tuple[QuestionContent, ...]:
    """Rows of (question id, prompt, time limit, points, choice id, text, correct), in order."""
    questions: list[QuestionContent] = []
    choices: list[ChoiceContent] = []
    for i, row in enumerate(rows):
        choices.append(ChoiceContent(row[4], row[5], row[6]))
        if i + 1 == len(rows) or rows[i + 1][0] != row[0]:
            questions.append(QuestionContent(row[0], row[1], row[2], row[3], tuple(choices)))
            choices = []
    return tuple(questions)


def _stored(participant_id: str, question_id: str, row: Any) -> tuple[AnswerRow, ParticipantRow]:
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


# --- PostgreSQL ---------------------------------------------------------------------------------

_PG_PLAYER = """
SELECT s.id, s.code, s.status, s.quiz_id, s.scoring, s.streak_bonus, q.updated_at,
       p.id, p.display_name, p.score, p.answered_count, p.correct_count, p.streak,
       p.joined_at, p.reached_at, p.served_question_id, p.served_at, s.mode
FROM sessions s
JOIN quizzes q ON q.id = s.quiz_id
LEFT JOIN participants p ON p.session_id = s.id AND p.user_id = $2
WHERE s.code = $1
"""
_PG_QUESTIONS = """
SELECT q.id, q.prompt, q.time_limit_s, q.points, c.id, c.text, c.correct
FROM questions q JOIN choices c ON c.question_id = q.id
WHERE q.quiz_id = $1
ORDER BY q.position, c.position
"""
# Start the clock of a question, unless a concurrent request for the same turn just did.
_PG_SERVE = """
UPDATE participants SET served_question_id = $3, served_at = $4
WHERE id = $1 AND answered_count = $2
  AND (served_question_id IS NULL OR served_question_id <> $3)
  AND EXISTS (SELECT 1 FROM sessions WHERE id = $5 AND status = 'open')
RETURNING served_at
"""
# The guarded move and the answer in one statement: the guard on answered_count lets exactly one
# of several concurrent answers through, and the INSERT only happens for that one.
_PG_RECORD = """
WITH moved AS (
  UPDATE participants
  SET score = $4, answered_count = $2 + 1, correct_count = $5, streak = $6, reached_at = $7,
      served_question_id = NULL, served_at = NULL
  WHERE id = $1 AND answered_count = $2 AND served_question_id = $3
    AND EXISTS (SELECT 1 FROM sessions WHERE id = $17 AND status = 'open')
  RETURNING id, display_name
), stored AS (
  INSERT INTO answers (id, participant_id, question_id, choice_id, correct, late, points_awarded,
                       streak_bonus, streak, score_after, served_at, answered_at, elapsed_ms)
  SELECT $8, moved.id, $3, $9, $10, $11, $12, $13, $6, $4, $14, $15, $16 FROM moved
)
SELECT display_name FROM moved
"""
_PG_ACCOUNT = "SELECT role, is_guest, token_version FROM users WHERE id = $1"
_PG_LIVE_VIEW = """
SELECT s.id, s.code, s.status, s.quiz_id, s.scoring, s.streak_bonus, q.updated_at, s.mode,
       s.phase, s.phase_version, s.question_index, s.question_id, s.question_started_at,
       s.question_deadline, p.id, p.score, p.streak, p.live_rank,
       a.choice_id, a.correct, a.late, a.points_awarded, a.streak_bonus,
       (SELECT count(*) FROM participants j WHERE j.session_id = s.id),
       (SELECT count(*) FROM answers x JOIN participants y ON y.id = x.participant_id
        WHERE y.session_id = s.id AND x.question_id = s.question_id)
FROM sessions s
JOIN quizzes q ON q.id = s.quiz_id
LEFT JOIN participants p ON p.session_id = s.id AND p.user_id = $2
LEFT JOIN answers a ON a.participant_id = p.id AND a.question_id = s.question_id
WHERE s.code = $1
"""
# The session row is held FOR SHARE while the answer is stored: the end of the question (an
# UPDATE of that row) waits for answers in flight, and then counts every one of them.
_PG_LIVE_ANSWER = """
WITH showing AS (
  SELECT id FROM sessions
  WHERE id = $1 AND status = 'open' AND phase = 'question' AND phase_version = $2
  FOR SHARE
), player AS (
  -- A player the teacher removed meanwhile is skipped rather than breaking the foreign key.
  SELECT id FROM participants WHERE id = $4 FOR KEY SHARE
)
INSERT INTO answers (id, participant_id, question_id, choice_id, correct, late, points_awarded,
                     streak_bonus, streak, score_after, served_at, answered_at, elapsed_ms)
SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 FROM showing, player
ON CONFLICT (participant_id, question_id) DO NOTHING
RETURNING id
"""
_PG_ANSWER_CHOICE = "SELECT choice_id FROM answers WHERE participant_id = $1 AND question_id = $2"
_PG_STORED_ANSWER = """
SELECT a.id, a.choice_id, a.correct, a.late, a.points_awarded, a.streak_bonus, a.streak,
       a.score_after, a.served_at, a.answered_at, a.elapsed_ms,
       p.id, p.display_name, p.score, p.answered_count, p.correct_count, p.streak,
       p.joined_at, p.reached_at, p.served_question_id, p.served_at
FROM answers a JOIN participants p ON p.id = a.participant_id
WHERE a.participant_id = $1 AND a.question_id = $2
"""


# Errors after which a connection is not used again: it or the server went away mid-exchange.
_BROKEN = (
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InternalClientError,
    OSError,
)


class Connections:
    """The playing path's PostgreSQL connections. asyncpg's own Pool costs about 50 µs of CPU to
    acquire and release a connection (a shielded task and timeouts each time): five times the
    statement itself. Here an idle connection is handed out without awaiting anything, and each
    statement runs in a transaction of its own, so a connection carries no state between uses."""

    def __init__(self, dsn: str, size: int, timeout_s: float = 10) -> None:
        self._dsn = dsn
        self._size = size
        self._timeout = timeout_s
        self._idle: list[asyncpg.Connection] = []
        # Waiters get a connection, or None: one closed, so open another.
        self._waiters: deque[asyncio.Future[asyncpg.Connection | None]] = deque()
        self._open = 0  # open or being opened
        self._closing = False

    @property
    def counts(self) -> tuple[int, int]:
        """(in use, idle)"""
        return self._open - len(self._idle), len(self._idle)

    async def acquire(self) -> asyncpg.Connection:
        while True:
            if self._idle:
                return self._idle.pop()
            if self._open < self._size:
                return await self._connect()
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                async with asyncio.timeout(self._timeout):
                    connection = await waiter
            except BaseException:
                if not waiter.done():
                    self._waiters.remove(waiter)
                elif not waiter.cancelled():  # handed over just as the wait ended: pass it on
                    given = waiter.result()
                    if given is None:
                        self._hand_over(None)
                    else:
                        self.release(given)
                raise
            if connection is not None:
                return connection

    async def _connect(self) -> asyncpg.Connection:
        self._open += 1
        try:
            return await asyncpg.connect(self._dsn, timeout=5, command_timeout=15)
        except BaseException:
            self._open -= 1
            self._hand_over(None)
            raise

    def _hand_over(self, connection: asyncpg.Connection | None) -> bool:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(connection)
                return True
        return False

    def release(self, connection: asyncpg.Connection) -> None:
        if connection.is_closed() or self._closing:
            connection.terminate()
            self._open -= 1
            self._hand_over(None)
        elif not self._hand_over(connection):
            self._idle.append(connection)

    def broken(self, connection: asyncpg.Connection) -> None:
        """A connection failed mid-exchange: the server likely restarted, so the idle ones are
        as dead. Close them all rather than fail one request on each."""
        connection.terminate()
        for idle in self._idle:
            idle.terminate()
        self._open -= len(self._idle)
        self._idle.clear()

    async def close(self) -> None:
        self._closing = True
        idle, self._idle = self._idle, []
        self._open -= len(idle)
        await asyncio.gather(*(c.close() for c in idle), return_exceptions=True)


class PostgresPlayStore:
    def __init__(self, connections: Connections) -> None:
        self.connections = connections

    @classmethod
    def connect(cls, url: str, pool_size: int) -> PostgresPlayStore:
        """Up to twice `pool_size` connections under load, like the ORM's pool (db.py)."""
        return cls(Connections("postgresql://" + url.split("://", 1)[1], 2 * pool_size))

    async def close(self) -> None:
        await self.connections.close()

    def connection_counts(self) -> tuple[int, int]:
        return self.connections.counts

    async def account(self, user_id: str) -> Account | None:
        row = await self._run(asyncpg.Connection.fetchrow, _PG_ACCOUNT, user_id)
        return None if row is None else Account(*row)

    async def live_view(self, code: str, user_id: str) -> tuple[Any, ...] | None:
        row = await self._run(asyncpg.Connection.fetchrow, _PG_LIVE_VIEW, code, user_id)
        return None if row is None else tuple(row)

    async def live_answer(self, session_id: str, phase_version: int, answer: AnswerRow) -> bool:
        a = answer
        stored = await self._run(
            asyncpg.Connection.fetchval, _PG_LIVE_ANSWER, session_id, phase_version,
            a.id, a.participant_id, a.question_id, a.choice_id, a.correct, a.late,
            a.points_awarded, a.streak_bonus, a.streak, a.score_after, a.served_at,
            a.answered_at, a.elapsed_ms,
        )  # fmt: skip
        return stored is not None

    async def answer_choice(self, participant_id: str, question_id: str) -> str | None:
        choice: str | None = await self._run(
            asyncpg.Connection.fetchval, _PG_ANSWER_CHOICE, participant_id, question_id
        )
        return choice

    async def _run(self, method: Any, sql: str, *args: object) -> Any:
        """One statement, a transaction of its own; a connection that broke under it is not
        handed to the next request."""
        connection = await self.connections.acquire()
        try:
            return await method(connection, sql, *args)
        except _BROKEN:
            self.connections.broken(connection)
            raise
        finally:
            self.connections.release(connection)

    async def player(
        self, code: str, user_id: str
    ) -> tuple[SessionRow, ParticipantRow | None] | None:
        row = await self._run(asyncpg.Connection.fetchrow, _PG_PLAYER, code, user_id)
        if row is None:
            return None
        session = SessionRow._make((*row[:7], row[17]))
        if row[7] is None:
            return session, None
        return session, ParticipantRow(*row[7:17])

    async def questions(self, quiz_id: str) -> tuple[QuestionContent, ...]:
        return _question_contents(await self._run(asyncpg.Connection.fetch, _PG_QUESTIONS, quiz_id))

    async def serve(
        self, session_id: str, participant_id: str, index: int, question_id: str, now: datetime
    ) -> datetime | None:
        served_at: datetime | None = await self._run(
            asyncpg.Connection.fetchval,
            *(_PG_SERVE, participant_id, index, question_id, now, session_id),
        )
        return served_at

    async def record(self, move: Move, answer: AnswerRow) -> str | None:
        try:
            display_name: str | None = await self._run(
                asyncpg.Connection.fetchval,
                _PG_RECORD,
                *(move.participant_id, move.index, move.question_id, move.score),
                *(move.correct_count, move.streak, move.reached_at, answer.id),
                *(answer.choice_id, answer.correct, answer.late, answer.points_awarded),
                *(answer.streak_bonus, answer.served_at, answer.answered_at, answer.elapsed_ms),
                move.session_id,
            )
        except asyncpg.UniqueViolationError:
            return None
        return display_name

    async def stored_answer(
        self, participant_id: str, question_id: str
    ) -> tuple[AnswerRow, ParticipantRow] | None:
        row = await self._run(
            asyncpg.Connection.fetchrow, _PG_STORED_ANSWER, participant_id, question_id
        )
        if row is None:
            return None
        return _stored(participant_id, question_id, row)


# --- SQLite -------------------------------------------------------------------------------------

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
_OPEN = exists().where(_S.c.id == bindparam("open_session_id"), _S.c.status == "open")
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


_SQLITE_ACCOUNT = select(User.role, User.is_guest, User.token_version).where(
    User.id == bindparam("user_id")
)


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
        if row is None:
            return None
        session = SessionRow._make((*row[:7], row[17]))
        if row[7] is None:
            return session, None
        return session, ParticipantRow(*row[7:17])

    async def questions(self, quiz_id: str) -> tuple[QuestionContent, ...]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(_SQLITE_QUESTIONS, {"quiz_id": quiz_id})).all()
        return _question_contents(list(rows))

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
        return _stored(participant_id, question_id, row)

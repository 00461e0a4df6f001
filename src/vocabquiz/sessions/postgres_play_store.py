"""The play store on PostgreSQL: asyncpg with statements prepared once, its own small pool."""

from __future__ import annotations

import asyncio
from collections import deque
from datetime import datetime
from typing import Any

import asyncpg

from vocabquiz.auth.accounts import Account
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
_PG_ACCOUNT = (
    "SELECT role, is_guest, token_version, disabled_at IS NOT NULL FROM users WHERE id = $1"
)
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
        return player_rows(await self._run(asyncpg.Connection.fetchrow, _PG_PLAYER, code, user_id))

    async def questions(self, quiz_id: str) -> tuple[QuestionContent, ...]:
        return question_contents(await self._run(asyncpg.Connection.fetch, _PG_QUESTIONS, quiz_id))

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
        return stored_rows(participant_id, question_id, row)

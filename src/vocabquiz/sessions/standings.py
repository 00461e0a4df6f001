"""The standings of sessions: the Leaderboard store in front, the database behind it.

The database is the truth; when the store does not hold a session (first use, Redis restarted or
flushed) it is rebuilt from the participants table and then read again. A process that died
between committing an answer and updating the store leaves the store behind the database: each
instance compares the two at start-up (`reconcile`) and rebuilds the sessions that differ, and
closing a session rebuilds its final standings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from redis.exceptions import RedisError
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from vocabquiz.db import utcnow
from vocabquiz.leaderboard.store import Board, Leaderboard, LeaderboardEntry, Standing
from vocabquiz.observability import metrics
from vocabquiz.observability.timing import timed
from vocabquiz.sessions.models import Participant, QuizSession, SessionStatus
from vocabquiz.sessions.play_store import ParticipantRow


def standing_of(participant: Participant | ParticipantRow) -> Standing:
    return Standing(
        participant_id=participant.id,
        display_name=participant.display_name,
        score=participant.score,
        answered_count=participant.answered_count,
        correct_count=participant.correct_count,
        reached_at=participant.reached_at,
        joined_at=participant.joined_at,
        streak=participant.streak,
    )


def ranked(participants: Iterable[Participant]) -> list[Participant]:
    """Leaderboard order computed from database rows (the same order as the store keeps)."""
    return sorted(participants, key=lambda p: (-p.score, standing_of(p).order_key))


_HIT, _MISS = (metrics.CACHE_REQUESTS.labels(result=r) for r in ("hit", "miss"))


class Standings:
    def __init__(
        self,
        store: Leaderboard,
        sessions: async_sessionmaker[AsyncSession],
        closed_kept_s: int,
    ) -> None:
        self.store = store
        self._sessions = sessions
        # How long the store keeps a closed session's standings after they were last rebuilt.
        self._closed_kept_s = closed_kept_s
        # Sessions whose store missed a change (Redis failed after the change was committed):
        # rebuilt afresh from the database the next time they are used.
        self._stale: set[str] = set()

    async def opened(self, session_code: str) -> None:
        """A new session's empty standings, so that its first read is no rebuild."""
        await self.store.load(session_code, [], 0)

    async def _catch_up(self, session_code: str) -> None:
        if session_code in self._stale:
            await self.replace(session_code)
            self._stale.discard(session_code)

    async def rebuild(self, session_code: str) -> None:
        _MISS.inc()
        async with self._sessions() as db:
            with timed("read_standings"):
                session = (
                    await db.execute(
                        select(QuizSession.status, QuizSession.roster_changes).where(
                            QuizSession.code == session_code
                        )
                    )
                ).first()
                rows = (
                    await db.scalars(
                        select(Participant)
                        .join(QuizSession, QuizSession.id == Participant.session_id)
                        .where(QuizSession.code == session_code)
                    )
                ).all()
        status, roster_changes = session if session is not None else (None, 0)
        # Every join and every answer moved the version by one, and so did every rename and
        # removal (counted in roster_changes, which also makes up for a removal's joins and
        # answers that are gone).
        version = len(rows) + sum(p.answered_count for p in rows) + roster_changes
        expire_s = self._closed_kept_s if status == SessionStatus.CLOSED else None
        await self.store.load(session_code, [standing_of(p) for p in rows], version, expire_s)

    async def replace(self, session_code: str) -> None:
        """Rebuild the session from the database without keeping any entry held: for changes
        that do not add answers (a live question left unanswered ends a streak)."""
        await self.store.forget(session_code)
        await self.rebuild(session_code)

    async def reconcile(self) -> list[str]:
        """Rebuild every session the store holds at another version than the database's: open
        ones, and closed ones whose standings the store may still keep. Returns their codes."""
        since = utcnow() - timedelta(seconds=self._closed_kept_s)
        async with self._sessions() as db:
            rows = (
                await db.execute(
                    select(
                        QuizSession.code,
                        QuizSession.roster_changes,
                        func.count(Participant.id),
                        func.coalesce(func.sum(Participant.answered_count), 0),
                    )
                    .outerjoin(Participant, Participant.session_id == QuizSession.id)
                    .where(
                        or_(
                            QuizSession.status == SessionStatus.OPEN, QuizSession.closed_at >= since
                        )
                    )
                    .group_by(QuizSession.code, QuizSession.roster_changes)
                )
            ).all()
        behind = []
        for code, roster_changes, joined, answered in rows:
            held = await self.store.version(code)
            if held is not None and held != joined + answered + roster_changes:
                behind.append(code)
                await self.rebuild(code)
        return behind

    async def put(self, session_code: str, standing: Standing) -> int:
        try:
            await self._catch_up(session_code)
            rank = await self.store.put(session_code, standing)
        except RedisError:
            self._stale.add(session_code)
            raise
        if rank is None:
            await self.rebuild(session_code)
            rank = await self.store.put(session_code, standing)
        metrics.SCORES_UPDATED.inc()
        return rank or 0

    async def remove(self, session_code: str, participant_id: str) -> None:
        try:
            await self._catch_up(session_code)
            await self.store.remove(session_code, participant_id)
        except RedisError:
            self._stale.add(session_code)
            raise

    async def rename(self, session_code: str, standing: Standing) -> None:
        try:
            await self._catch_up(session_code)
            await self.store.rename(session_code, standing)
        except RedisError:
            self._stale.add(session_code)
            raise

    async def board(
        self,
        session_code: str,
        limit: int,
        participant_ids: Iterable[str] = (),
        since: int | None = None,
    ) -> Board:
        """The top `limit`, the entries of `participant_ids` wherever they rank, and the steps
        after version `since` (None when a rebuild or time has lost some of them)."""
        ids = list(participant_ids)
        await self._catch_up(session_code)
        board = await self.store.board(session_code, limit, ids, since)
        if board is None:
            await self.rebuild(session_code)
            board = await self.store.board(session_code, limit, ids, since)
        else:
            _HIT.inc()
        return board or Board(0, 0, [])

    async def entries_of(
        self, session_code: str, participant_ids: Iterable[str]
    ) -> dict[str, LeaderboardEntry]:
        return (await self.board(session_code, 0, participant_ids)).mine

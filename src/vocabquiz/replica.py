"""A streaming read replica (VOCABQUIZ_DATABASE_READ_URL), for reads that may go to a copy of
the primary. Read-your-writes: a read goes to the replica only once it has replayed everything
the primary had written when the read began (its WAL position), so a player's history shows the
answer they gave a moment ago; a replica that is behind for longer than `wait_s`, or unreachable,
is passed over and the read goes to the primary. Waiting for the position costs one tiny query on
each server; sending fresh reads to the primary instead would leave the replica nothing to do."""

from __future__ import annotations

import asyncio
import time

import structlog
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine

from vocabquiz.observability import metrics

log = structlog.get_logger(__name__)

# asyncpg reads and writes a pg_lsn as an integer.
_POSITION = text("SELECT pg_current_wal_lsn()")
# Bytes of WAL the replica has still to replay up to a position (null on a server that is not
# replaying, e.g. a primary named by mistake: never used then).
_BEHIND = text("SELECT pg_wal_lsn_diff(:lsn, pg_last_wal_replay_lsn())")
_UNREACHABLE = (DBAPIError, PoolTimeout, OSError, TimeoutError)


class Replica:
    def __init__(
        self,
        primary: AsyncEngine,
        engine: AsyncEngine,
        wait_s: float = 0.5,
        retry_s: float = 5.0,
    ) -> None:
        self.engine = engine
        self._primary = primary
        self._wait_s = wait_s
        self._retry_s = retry_s
        self._away_until = 0.0

    @property
    def away(self) -> bool:
        """Unreachable at the last try, and not tried again yet."""
        return time.monotonic() < self._away_until

    async def caught_up(self) -> bool:
        """Whether a read can go to the replica now: it answers, and has replayed the primary's
        current position (waited for up to `wait_s`)."""
        if self.away:
            return False
        async with self._primary.connect() as connection:
            position = await connection.scalar(_POSITION)
        try:
            async with self.engine.connect() as connection:
                deadline = time.monotonic() + self._wait_s
                while True:
                    behind = await connection.scalar(_BEHIND, {"lsn": position})
                    if behind is not None and behind <= 0:
                        return True
                    if behind is None or time.monotonic() > deadline:
                        return False
                    await asyncio.sleep(0.005)
        except _UNREACHABLE as exc:
            self._went_away(exc)
            return False

    async def lag_bytes(self) -> float | None:
        """WAL the replica has still to replay, in bytes; None when it cannot be asked."""
        async with self._primary.connect() as connection:
            position = await connection.scalar(_POSITION)
        try:
            async with self.engine.connect() as connection:
                behind = await connection.scalar(_BEHIND, {"lsn": position})
        except _UNREACHABLE as exc:
            self._went_away(exc)
            return None
        self._away_until = 0.0
        return None if behind is None else max(0.0, float(behind))

    def _went_away(self, exc: Exception) -> None:
        if not self.away:
            log.warning("replica_unavailable", error=str(exc).splitlines()[0] if str(exc) else "")
        self._away_until = time.monotonic() + self._retry_s


async def report_replica(replica: Replica, every_s: float = 1.0) -> None:
    """Keep the replica's gauges current: whether it answers, and how far behind it replays."""
    while True:
        try:
            lag = await replica.lag_bytes()
        except _UNREACHABLE:  # the primary itself: its own alert and /readyz say so
            lag = None
        metrics.DB_REPLICA_UP.set(0 if lag is None else 1)
        if lag is not None:
            metrics.DB_REPLICA_LAG.set(lag)
        await asyncio.sleep(every_s)

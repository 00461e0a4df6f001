"""The Leaderboard port in this process, for the embedded default (one process)."""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence

from sortedcontainers import SortedList

from vocabquiz.events import Event
from vocabquiz.leaderboard.store import (
    STEPS_KEPT,
    Board,
    LeaderboardEntry,
    Standing,
    entry_data,
    step,
)

Announce = Callable[[Event], None]


class MemoryLeaderboard:
    """The in-process twin, for the embedded default (one process)."""

    def __init__(self, announce: Announce | None = None) -> None:
        self._sessions: dict[str, _MemoryBoard] = {}
        self._removed: dict[str, set[str]] = {}
        self._announce = announce

    def _changed(self, session_code: str) -> None:
        if self._announce is not None:
            self._announce(Event.now("leaderboard", session_code))

    def _held(self, session_code: str) -> _MemoryBoard | None:
        board = self._sessions.get(session_code)
        if board is None or board.expires_at is None or board.expires_at > time.monotonic():
            return board
        del self._sessions[session_code]
        return None

    async def put(self, session_code: str, standing: Standing) -> int | None:
        board = self._held(session_code)
        if board is None:
            return None
        pid = standing.participant_id
        if pid in self._removed.get(session_code, ()):
            return 0
        before = board.rank(pid) if pid in board.by_id else None
        if board.put(standing):
            board.version += 1
            after = board.rank(pid)
            board.steps.append(step(board.version, pid, before, after, entry_data(standing)))
            self._changed(session_code)
            return after
        return board.rank(pid)

    async def load(
        self,
        session_code: str,
        standings: Sequence[Standing],
        version: int,
        expire_s: int | None = None,
    ) -> None:
        now = time.monotonic()
        # Closed sessions past their time are dropped here, so that they do not pile up.
        for code in [c for c, b in self._sessions.items() if b.expires_at and b.expires_at <= now]:
            del self._sessions[code]
            self._removed.pop(code, None)
        board = self._sessions.setdefault(session_code, _MemoryBoard())
        removed = self._removed.get(session_code, set())
        for standing in standings:
            if standing.participant_id not in removed:
                board.put(standing)
        board.version = max(board.version, version)
        board.steps.clear()
        if expire_s is not None:
            board.expires_at = now + expire_s
        self._changed(session_code)

    async def version(self, session_code: str) -> int | None:
        board = self._held(session_code)
        return None if board is None else board.version

    async def board(
        self,
        session_code: str,
        limit: int,
        participant_ids: Iterable[str] = (),
        since: int | None = None,
    ) -> Board | None:
        board = self._held(session_code)
        if board is None:
            return None
        top = [s.entry(rank) for rank, (_, _, s) in enumerate(board.order[:limit], start=1)]
        steps = None
        wanted = None if since is None else board.version - since
        if wanted is not None and 0 <= wanted <= len(board.steps):
            steps = list(board.steps)[len(board.steps) - wanted :]
        mine = board.entries_of(participant_ids)
        return Board(board.version, len(board.order), top, mine, steps)

    async def remove(self, session_code: str, participant_id: str) -> None:
        self._removed.setdefault(session_code, set()).add(participant_id)
        board = self._held(session_code)
        if board is None:
            return
        board.drop(participant_id)
        board.version += 1
        board.steps.clear()  # a removal is no step: every client gets full standings
        self._changed(session_code)

    async def rename(self, session_code: str, standing: Standing) -> None:
        board = self._held(session_code)
        if board is None or standing.participant_id in self._removed.get(session_code, ()):
            return
        if not board.put(standing):
            board.rename(standing.participant_id, standing.display_name)
        board.version += 1
        board.steps.clear()
        self._changed(session_code)

    async def forget(self, session_code: str) -> None:
        self._sessions.pop(session_code, None)


class _MemoryBoard:
    def __init__(self) -> None:
        self.version = 0
        self.expires_at: float | None = None
        self.by_id: dict[str, Standing] = {}
        self.order: SortedList = SortedList()
        self.steps: deque[bytes] = deque(maxlen=STEPS_KEPT)

    def _key(self, s: Standing) -> tuple[int, str, Standing]:
        return (-s.score, s.order_key, s)

    def put(self, standing: Standing) -> bool:
        """False when what is held is as new (as many answers) or newer."""
        old = self.by_id.get(standing.participant_id)
        if old is not None:
            if old.answered_count >= standing.answered_count:
                return False
            self.order.remove(self._key(old))
        self.by_id[standing.participant_id] = standing
        self.order.add(self._key(standing))
        return True

    def drop(self, participant_id: str) -> None:
        old = self.by_id.pop(participant_id, None)
        if old is not None:
            self.order.remove(self._key(old))

    def rename(self, participant_id: str, display_name: str) -> None:
        old = self.by_id.get(participant_id)
        if old is not None:
            self.order.remove(self._key(old))
            new = dataclasses.replace(old, display_name=display_name)
            self.by_id[participant_id] = new
            self.order.add(self._key(new))

    def rank(self, participant_id: str) -> int:
        s = self.by_id[participant_id]
        return int(self.order.bisect_left(self._key(s))) + 1

    def entries_of(self, participant_ids: Iterable[str]) -> dict[str, LeaderboardEntry]:
        found = {}
        for pid in participant_ids:
            standing = self.by_id.get(pid)
            if standing is not None:
                found[pid] = standing.entry(self.rank(pid))
        return found

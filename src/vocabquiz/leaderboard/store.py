"""The Leaderboard port: ranked standings per session, in Redis or in this process.

Order: score descending, then who reached that score first, then join time, then participant id.
Scores are integers kept exactly; the tie-breakers live in the member string, never in a float.
A session's standings carry a `version` that grows by one with every change, and every change
(and every rebuild) is announced to all instances as a "leaderboard" event in the same step: in
Redis, the script that changes the standings publishes the event.

Each change is also kept, for a while, as a *step* (the JSON the event stream sends): its
version, the participant, their rank before (null when new) and after, and their entry data. A
client that knows its own standing at version v follows every change from the steps after v,
so one frame of steps serves every client of a session (see docs/API.md, event stream).

`None` from a read or a write means the store does not hold that session (never loaded, or Redis
lost it): the caller rebuilds it from the database with `load` and asks again.

The two sides: memory_store.py (in this process) and redis_store.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import orjson

# The "reached at" of a participant with no answers: later than any time.
NOT_YET = 10**17 - 1


@dataclass(frozen=True, slots=True)
class Standing:
    """One participant's totals, as the database holds them."""

    participant_id: str
    display_name: str
    score: int
    answered_count: int
    correct_count: int
    reached_at: datetime
    joined_at: datetime
    streak: int = 0

    @property
    def order_key(self) -> str:
        """Sorts ascending in leaderboard order among equal scores (fixed-width microseconds):
        who reached the score first, then who joined first; a participant who has not answered
        anything yet comes after everyone who has."""
        reached = (
            NOT_YET if self.answered_count == 0 else int(self.reached_at.timestamp() * 1_000_000)
        )
        joined = int(self.joined_at.timestamp() * 1_000_000)
        return f"{reached:017d}{joined:017d}{self.participant_id}"

    def entry(self, rank: int) -> LeaderboardEntry:
        return LeaderboardEntry(
            rank=rank,
            participant_id=self.participant_id,
            display_name=self.display_name,
            score=self.score,
            answered_count=self.answered_count,
            correct_count=self.correct_count,
            streak=self.streak,
        )


@dataclass(frozen=True, slots=True)
class LeaderboardEntry:
    """A participant's place in the standings."""

    rank: int
    participant_id: str
    display_name: str
    score: int
    answered_count: int
    correct_count: int
    streak: int


# Steps kept per session: many ticks' worth; a reader further behind gets full standings.
STEPS_KEPT = 512


@dataclass(frozen=True, slots=True)
class Board:
    version: int
    participant_count: int
    entries: list[LeaderboardEntry]
    # The entries of the participants asked for, wherever they rank.
    mine: dict[str, LeaderboardEntry] = field(default_factory=dict)
    # The steps after the version asked for, oldest first (JSON bytes); None when not asked or
    # not all of them are kept any more.
    steps: list[bytes] | None = None


class Leaderboard(Protocol):
    async def put(self, session_code: str, standing: Standing) -> int | None:
        """Record a participant's new totals (ignored unless they have more answers than what
        is held) and announce the change; returns their rank, or None when the session is not
        held. A removed participant is never put back: their rank is 0."""

    async def load(
        self,
        session_code: str,
        standings: Sequence[Standing],
        version: int,
        expire_s: int | None = None,
    ) -> None:
        """Fill the session from the database and announce it. Entries already held and newer
        are kept, removed participants left out. With `expire_s` (a closed session) the session
        is dropped that long after, to be rebuilt from the database if it is read again."""

    async def version(self, session_code: str) -> int | None:
        """The session's version, None when it is not held."""

    async def board(
        self,
        session_code: str,
        limit: int,
        participant_ids: Iterable[str] = (),
        since: int | None = None,
    ) -> Board | None:
        """The top `limit`, the entries of `participant_ids` and the steps after version
        `since`, in one round trip."""

    async def remove(self, session_code: str, participant_id: str) -> None:
        """Take a participant out for good (the teacher removed them) and announce it: a load
        or put of theirs that was under way leaves them out too."""

    async def rename(self, session_code: str, standing: Standing) -> None:
        """A participant's new name (the teacher renamed them), announced: `standing` as the
        database holds it since. An entry held with as many answers or more keeps its totals
        and takes the name; an older one is replaced, so that an update sent before the rename
        and still on its way is then the older one, and ignored."""

    async def forget(self, session_code: str) -> None:
        """Drop the session's standings (its removed participants stay known)."""


def entry_data(standing: Standing) -> bytes:
    return orjson.dumps(
        [
            standing.display_name,
            standing.score,
            standing.answered_count,
            standing.correct_count,
            standing.streak,
        ]
    )


def step(version: int, participant_id: str, before: int | None, after: int, data: bytes) -> bytes:
    """One change as the stream sends it: [version, participant id, rank before or null, rank
    after, [name, score, answered, correct, streak]]."""
    return b"[%d,%s,%s,%d,%s]" % (
        version,
        orjson.dumps(participant_id),
        b"null" if before is None else b"%d" % before,
        after,
        data,
    )

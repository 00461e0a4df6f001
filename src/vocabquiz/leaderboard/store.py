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
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import orjson
from redis.asyncio import Redis
from sortedcontainers import SortedList

from vocabquiz.events import Event, encode

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

    def entry(self, rank: int) -> Entry:
        return Entry(
            rank=rank,
            participant_id=self.participant_id,
            display_name=self.display_name,
            score=self.score,
            answered_count=self.answered_count,
            correct_count=self.correct_count,
            streak=self.streak,
        )


@dataclass(frozen=True, slots=True)
class Entry:
    rank: int
    participant_id: str
    display_name: str
    score: int
    answered_count: int
    correct_count: int
    streak: int

    def as_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "participant_id": self.participant_id,
            "display_name": self.display_name,
            "score": self.score,
            "answered_count": self.answered_count,
            "correct_count": self.correct_count,
            "streak": self.streak,
        }


# Steps kept per session: many ticks' worth; a reader further behind gets full standings.
STEPS_KEPT = 512


@dataclass(frozen=True, slots=True)
class Board:
    version: int
    participant_count: int
    entries: list[Entry]
    # The entries of the participants asked for, wherever they rank.
    mine: dict[str, Entry] = field(default_factory=dict)
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


def _data(standing: Standing) -> bytes:
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


def _mine(flat: list[bytes]) -> dict[str, Entry]:
    """Entries from a script's flat (participant id, zero-based rank, data) triples."""
    found = {}
    for i in range(0, len(flat), 3):
        pid = flat[i].decode()
        found[pid] = _entry(int(flat[i + 1]) + 1, pid, flat[i + 2])
    return found


def _entry(rank: int, participant_id: str, data: bytes | str) -> Entry:
    # Entries written by an older release have no streak.
    name, score, answered, correct, *streak = orjson.loads(data)
    return Entry(rank, participant_id, name, score, answered, correct, streak[0] if streak else 0)


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
            board.steps.append(step(board.version, pid, before, after, _data(standing)))
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

    def entries_of(self, participant_ids: Iterable[str]) -> dict[str, Entry]:
        found = {}
        for pid in participant_ids:
            standing = self.by_id.get(pid)
            if standing is not None:
                found[pid] = standing.entry(self.rank(pid))
        return found


# Redis layout per session, all keys sharing the hash tag {code} so Redis Cluster keeps them on one
# node: a sorted set (score = -points, member = order_key, so ZRANGE is leaderboard order), a hash
# participant id -> member, a hash participant id -> entry data, the version counter, the list of
# the latest steps, and the set of removed participants.
# ARGV: participant id, -score, member, data, answered_count, the JSON-quoted participant id,
# then the event channel and message.
_PUT = """
local old = redis.call('HGET', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[4]) == 0 then return false end
if redis.call('SISMEMBER', KEYS[6], ARGV[1]) == 1 then return {-1, 0} end
local before = 'null'
if old then
  local held = cjson.decode(redis.call('HGET', KEYS[3], ARGV[1]))
  if held[3] >= tonumber(ARGV[5]) then return {redis.call('ZRANK', KEYS[1], old), 0} end
  local rank = redis.call('ZRANK', KEYS[1], old)
  if rank then before = tostring(rank + 1) end
  redis.call('ZREM', KEYS[1], old)
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
local version = redis.call('INCR', KEYS[4])
local after = redis.call('ZRANK', KEYS[1], ARGV[3])
redis.call('RPUSH', KEYS[5], '[' .. version .. ',' .. ARGV[6] .. ',' .. before .. ',' ..
  (after + 1) .. ',' .. ARGV[4] .. ']')
redis.call('LTRIM', KEYS[5], -STEPS_KEPT, -1)
redis.call('PUBLISH', ARGV[7], ARGV[8])
return {after, 1}
""".replace("STEPS_KEPT", str(STEPS_KEPT))

# ARGV: the event channel and message, the version, milliseconds to live (0: for good), then
# (participant id, -score, member, data, answered_count) for each standing.
_LOAD = """
for i = 5, #ARGV, 5 do
  local pid = ARGV[i]
  local old = redis.call('HGET', KEYS[2], pid)
  local keep = redis.call('SISMEMBER', KEYS[6], pid) == 1
  if old and not keep then
    local held = cjson.decode(redis.call('HGET', KEYS[3], pid))
    if held[3] >= tonumber(ARGV[i + 4]) then keep = true else redis.call('ZREM', KEYS[1], old) end
  end
  if not keep then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i + 2])
    redis.call('HSET', KEYS[2], pid, ARGV[i + 2])
    redis.call('HSET', KEYS[3], pid, ARGV[i + 3])
  end
end
local held = redis.call('GET', KEYS[4])
if not held or tonumber(ARGV[3]) > tonumber(held) then redis.call('SET', KEYS[4], ARGV[3]) end
redis.call('DEL', KEYS[5])
if tonumber(ARGV[4]) > 0 then
  for _, k in ipairs({1, 2, 3, 4, 6}) do redis.call('PEXPIRE', KEYS[k], ARGV[4]) end
end
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1
"""

# ARGV: participant id, the event channel and message. The steps are dropped: a removal is no
# step, and every client gets full standings.
_REMOVE = """
redis.call('SADD', KEYS[6], ARGV[1])
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then
  redis.call('ZREM', KEYS[1], old)
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
end
redis.call('INCR', KEYS[4])
redis.call('DEL', KEYS[5])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
"""

# ARGV: as _PUT's first five, then the new name as JSON, the event channel and message. An entry
# held with as many answers or more keeps its data but the name: data is [name, ...], and the name
# (a JSON string, read up to its closing quote) is swapped.
_RENAME = """
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
if redis.call('SISMEMBER', KEYS[6], ARGV[1]) == 1 then return 0 end
local old = redis.call('HGET', KEYS[2], ARGV[1])
local data = old and redis.call('HGET', KEYS[3], ARGV[1])
if data and cjson.decode(data)[3] >= tonumber(ARGV[5]) then
  local i = 3
  while true do
    local c = string.sub(data, i, i)
    if c == '\\\\' then i = i + 2 elseif c == '"' then break else i = i + 1 end
  end
  redis.call('HSET', KEYS[3], ARGV[1], '[' .. ARGV[6] .. string.sub(data, i + 1))
else
  if old then redis.call('ZREM', KEYS[1], old) end
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
end
redis.call('INCR', KEYS[4])
redis.call('DEL', KEYS[5])
redis.call('PUBLISH', ARGV[7], ARGV[8])
return 1
"""

# ARGV: limit, since (-1: no steps), then participant ids. Returns version, count, how many top
# entries follow, how many of the participants asked for follow, how many steps follow (-1 when
# not all are kept), then the top (participant id, data) pairs, the participants' (participant
# id, rank, data) triples and the steps.
_BOARD = """
local v = redis.call('GET', KEYS[4])
if not v then return false end
local limit, since = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {v, redis.call('ZCARD', KEYS[1]), 0, 0, -1}
if limit > 0 then
  local members = redis.call('ZRANGE', KEYS[1], 0, limit - 1)
  out[3] = #members
  for _, m in ipairs(members) do
    local pid = string.sub(m, 35)
    table.insert(out, pid)
    table.insert(out, redis.call('HGET', KEYS[3], pid))
  end
end
for i = 3, #ARGV do
  local m = redis.call('HGET', KEYS[2], ARGV[i])
  if m then
    out[4] = out[4] + 1
    table.insert(out, ARGV[i])
    table.insert(out, redis.call('ZRANK', KEYS[1], m))
    table.insert(out, redis.call('HGET', KEYS[3], ARGV[i]))
  end
end
if since >= 0 then
  local wanted = tonumber(v) - since
  if wanted == 0 then
    out[5] = 0
  elseif wanted > 0 and wanted <= redis.call('LLEN', KEYS[5]) then
    local steps = redis.call('LRANGE', KEYS[5], -wanted, -1)
    out[5] = #steps
    for _, s in ipairs(steps) do table.insert(out, s) end
  end
end
return out
"""


class RedisLeaderboard:
    def __init__(self, redis: Redis, namespace: str, channel_of: Callable[[str], str]) -> None:
        self._redis = redis
        self._namespace = namespace
        self._channel_of = channel_of
        self._put = redis.register_script(_PUT)
        self._load = redis.register_script(_LOAD)
        self._board = redis.register_script(_BOARD)
        self._remove = redis.register_script(_REMOVE)
        self._rename = redis.register_script(_RENAME)

    def _keys(self, code: str) -> list[str]:
        base = f"{self._namespace}:lb:{{{code}}}"
        parts = ("order", "members", "data", "version", "steps", "removed")
        return [f"{base}:{part}" for part in parts]

    async def put(self, session_code: str, standing: Standing) -> int | None:
        result = await self._put(
            keys=self._keys(session_code),
            args=[
                standing.participant_id,
                -standing.score,
                standing.order_key,
                _data(standing),
                standing.answered_count,
                orjson.dumps(standing.participant_id),
                self._channel_of(session_code),
                encode(Event.now("leaderboard", session_code)),
            ],
        )
        if result is None:
            return None
        return int(result[0]) + 1

    async def load(
        self,
        session_code: str,
        standings: Sequence[Standing],
        version: int,
        expire_s: int | None = None,
    ) -> None:
        event = encode(Event.now("leaderboard", session_code))
        ttl_ms = 0 if expire_s is None else expire_s * 1000
        args: list[str | int | bytes] = [self._channel_of(session_code), event, version, ttl_ms]
        for s in standings:
            args += [s.participant_id, -s.score, s.order_key, _data(s), s.answered_count]
        await self._load(keys=self._keys(session_code), args=args)

    async def board(
        self,
        session_code: str,
        limit: int,
        participant_ids: Iterable[str] = (),
        since: int | None = None,
    ) -> Board | None:
        args: list[str | int] = [limit, -1 if since is None else since, *participant_ids]
        result = await self._board(keys=self._keys(session_code), args=args)
        if result is None:
            return None
        version, count, top, mine, steps = (int(x) for x in result[:5])
        end = 5 + 2 * top
        entries = [
            _entry(rank, result[i].decode(), result[i + 1])
            for rank, i in enumerate(range(5, end, 2), start=1)
        ]
        mine_end = end + 3 * mine
        kept = list(result[mine_end:]) if steps >= 0 else None
        return Board(version, count, entries, _mine(result[end:mine_end]), kept)

    async def version(self, session_code: str) -> int | None:
        held = await self._redis.get(self._keys(session_code)[3])
        return None if held is None else int(held)

    async def remove(self, session_code: str, participant_id: str) -> None:
        event = encode(Event.now("leaderboard", session_code))
        channel = self._channel_of(session_code)
        await self._remove(keys=self._keys(session_code), args=[participant_id, channel, event])

    async def rename(self, session_code: str, standing: Standing) -> None:
        await self._rename(
            keys=self._keys(session_code),
            args=[
                standing.participant_id,
                -standing.score,
                standing.order_key,
                _data(standing),
                standing.answered_count,
                orjson.dumps(standing.display_name),
                self._channel_of(session_code),
                encode(Event.now("leaderboard", session_code)),
            ],
        )

    async def forget(self, session_code: str) -> None:
        await self._redis.delete(*self._keys(session_code)[:5])

"""The Leaderboard port in Redis: scripts that change a session's standings and announce the
change in one step, shared by every instance."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import orjson

from vocabquiz.events import Event, encode
from vocabquiz.leaderboard.store import (
    STEPS_KEPT,
    Board,
    LeaderboardEntry,
    Standing,
    entry_data,
)
from vocabquiz.redis_client import RedisClient

# Redis layout per session, all keys sharing the hash tag {code} so Redis Cluster keeps them on one
# node: a sorted set (score = -points, member = order_key, so ZRANGE is leaderboard order), a hash
# participant id -> member, a hash participant id -> entry data, the version counter, the list of
# the latest steps, and the set of removed participants.
# ARGV: participant id, -score, member, data, answered_count, the JSON-quoted participant id,
# then the event channel and message.
PUT_SCRIPT = """
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
redis.call('SPUBLISH', ARGV[7], ARGV[8])
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
redis.call('SPUBLISH', ARGV[1], ARGV[2])
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
redis.call('SPUBLISH', ARGV[2], ARGV[3])
return 1
"""

# ARGV: as PUT_SCRIPT's first five, then the new name as JSON, the event channel and message.
# An entry held with as many answers or more keeps its data but the name: data is [name, ...],
# and the name (a JSON string, read up to its closing quote) is swapped.
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
redis.call('SPUBLISH', ARGV[7], ARGV[8])
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
    def __init__(
        self, redis: RedisClient, namespace: str, channel_of: Callable[[str], str]
    ) -> None:
        self._redis = redis
        self._namespace = namespace
        self._channel_of = channel_of
        self._put = redis.register_script(PUT_SCRIPT)
        self._load = redis.register_script(_LOAD)
        self._board = redis.register_script(_BOARD)
        self._remove = redis.register_script(_REMOVE)
        self._rename = redis.register_script(_RENAME)

    def _keys(self, code: str) -> list[str]:
        return keys_of(self._namespace, code)

    async def put(self, session_code: str, standing: Standing) -> int | None:
        result = await self._put(
            keys=self._keys(session_code),
            args=[
                standing.participant_id,
                -standing.score,
                standing.order_key,
                entry_data(standing),
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
            args += [s.participant_id, -s.score, s.order_key, entry_data(s), s.answered_count]
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
                entry_data(standing),
                standing.answered_count,
                orjson.dumps(standing.display_name),
                self._channel_of(session_code),
                encode(Event.now("leaderboard", session_code)),
            ],
        )

    async def forget(self, session_code: str) -> None:
        await self._redis.delete(*self._keys(session_code)[:5])


def _mine(flat: list[bytes]) -> dict[str, LeaderboardEntry]:
    """Entries from a script's flat (participant id, zero-based rank, data) triples."""
    found = {}
    for i in range(0, len(flat), 3):
        pid = flat[i].decode()
        found[pid] = _entry(int(flat[i + 1]) + 1, pid, flat[i + 2])
    return found


def _entry(rank: int, participant_id: str, data: bytes | str) -> LeaderboardEntry:
    # Entries written by an older release have no streak.
    name, score, answered, correct, *streak = orjson.loads(data)
    return LeaderboardEntry(
        rank, participant_id, name, score, answered, correct, streak[0] if streak else 0
    )


Announce = Callable[[Event], None]


def keys_of(namespace: str, code: str) -> list[str]:
    """A session's keys, in the order every script takes them (the layout above)."""
    parts = ("order", "members", "data", "version", "steps", "removed")
    return [f"{namespace}:lb:{{{code}}}:{part}" for part in parts]

"""The bytes of the event stream (docs/API.md, event stream): built once, shared by every client
that can take them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from vocabquiz.leaderboard.store import LeaderboardEntry

PING = b": ping\n\n"
RETRY = b"retry: 2000\n\n"


class Frame:
    """A frame's bytes, and the same as one HTTP/1.1 chunk (made once, for every socket)."""

    __slots__ = ("_chunk", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._chunk: bytes | None = None

    @property
    def chunk(self) -> bytes:
        if self._chunk is None:
            self._chunk = b"%x\r\n%s\r\n" % (len(self.data), self.data)
        return self._chunk


PING_FRAME = Frame(PING)


def standings_body(
    code: str,
    status: str,
    participant_count: int,
    version: int,
    entries: Sequence[LeaderboardEntry],
    me: LeaderboardEntry | None,
) -> dict[str, Any]:
    """The standings as they are, with the caller's own entry (the Leaderboard schema)."""
    return {
        "session_code": code,
        "status": status,
        "participant_count": participant_count,
        "version": version,
        "entries": entries,
        "me": me,
    }


def standings(body: dict[str, Any]) -> bytes:
    """A full frame: the standings as they are, with the client's own entry (`standings_body`)."""
    return b"event: leaderboard\nid: %d\ndata: %s\n\n" % (body["version"], orjson.dumps(body))


def changes(
    code: str,
    status: str,
    participant_count: int,
    version: int,
    since: int,
    top: bytes,
    steps: Sequence[bytes],
) -> bytes:
    """A shared frame: the top (`top`, the JSON of its entries) and every step from `since` to
    `version`, from which each client works out its own entry."""
    head = orjson.dumps(
        {
            "session_code": code,
            "status": status,
            "participant_count": participant_count,
            "version": version,
            "since": since,
        }
    )
    return b'event: leaderboard\nid: %d\ndata: %s,"entries":%s,"changes":[%s]}\n\n' % (
        version,
        head[:-1],
        top,
        b",".join(steps),
    )


def entries_json(entries: Sequence[LeaderboardEntry]) -> bytes:
    return orjson.dumps(entries)


def session(data: dict[str, object]) -> bytes:
    return b"event: session\ndata: " + orjson.dumps(data, option=orjson.OPT_UTC_Z) + b"\n\n"


def live(summary: dict[str, object]) -> bytes:
    """A live session's phase changed, or how many have answered: clients read their own view."""
    return b"event: live\ndata: %s\n\n" % orjson.dumps(summary)


REMOVED_MESSAGE = "The teacher removed you from this session"


def removed(code: str) -> bytes:
    """The last frame of a player the teacher removed."""
    body = orjson.dumps({"session_code": code, "message": REMOVED_MESSAGE})
    return b"event: removed\ndata: %s\n\n" % body

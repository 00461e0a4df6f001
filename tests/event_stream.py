"""A session's event stream read as a client reads it: the events in order, and the standings
the client shows after each leaderboard frame."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import orjson


def follow(shown: dict[str, Any] | None, frame: dict[str, Any]) -> dict[str, Any]:
    """The standings a client shows after a leaderboard frame, given what it showed before: a
    full frame as it is; a frame of changes applied to the client's own entry as docs/API.md
    says (steps at or before the version shown are skipped; each step takes its participant
    out of the ranking, then puts them back at their new rank)."""
    if "changes" not in frame:
        return frame
    assert shown is not None and frame["since"] <= shown["version"], (shown, frame)
    me = shown["me"]
    for version, participant_id, before, after, data in frame["changes"]:
        if version <= shown["version"] or me is None:
            continue
        if participant_id == me["participant_id"]:
            name, score, answered, correct, streak = data
            me = {
                **me,
                "rank": after,
                "display_name": name,
                "score": score,
                "answered_count": answered,
                "correct_count": correct,
                "streak": streak,
            }
            continue
        rank = me["rank"] - (1 if before is not None and before < me["rank"] else 0)
        me = {**me, "rank": rank + (1 if after <= rank else 0)}
    board = {k: v for k, v in frame.items() if k not in ("changes", "since")}
    return {**board, "me": me}


class EventReader:
    """Collects the events of one SSE stream in the background. Leaderboard events are kept as
    the standings the client shows after each one (full, with `me`: see `follow`); `frames`
    holds them as they came."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any], float]] = []
        self.frames: list[dict[str, Any]] = []
        self.comments = 0
        self.ended = False
        self.changed = asyncio.Event()
        self._shown: dict[str, Any] | None = None

    async def read(self, response: httpx.Response) -> None:
        name, data = "message", ""
        async for line in response.aiter_lines():
            if line.startswith(":"):
                self.comments += 1
            elif line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and data:
                payload = orjson.loads(data)
                if name == "leaderboard":
                    self.frames.append(payload)
                    payload = self._shown = follow(self._shown, payload)
                self.events.append((name, payload, time.monotonic()))
                self.changed.set()
                name, data = "message", ""
        self.ended = True
        self.changed.set()

    def leaderboards(self) -> list[dict[str, Any]]:
        return [d for n, d, _ in self.events if n == "leaderboard"]

    async def wait_for(self, check: Any, within: float = 5.0) -> tuple[str, dict[str, Any], float]:
        deadline = time.monotonic() + within
        while True:
            for event in self.events:
                if check(event[0], event[1]):
                    return event
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no matching event in {within}s; got {self.events[-3:]}")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)


@asynccontextmanager
async def stream(
    client: httpx.AsyncClient, url: str, headers: dict[str, str]
) -> AsyncIterator[EventReader]:
    reader = EventReader()
    # The reader is cancelled mid-body at the end; a connection closed with the stream cannot be
    # handed, half read, to the client's next request.
    headers = {**headers, "Connection": "close"}
    async with client.stream("GET", url, headers=headers, timeout=None) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        task = asyncio.create_task(reader.read(response))
        try:
            yield reader
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


def stream_request(path: str, headers: dict[str, str]) -> bytes:
    """The bytes of a request for an event stream, for clients on raw sockets."""
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Accept: text/event-stream"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class RawStream:
    """An event stream read from a raw socket: its frames exactly as the bytes came."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.frames: list[bytes] = []
        self._body = b""

    @classmethod
    async def connect(cls, port: int, path: str, headers: dict[str, str]) -> RawStream:
        """Asks for the stream and reads nothing yet."""
        raw = cls(*await asyncio.open_connection("127.0.0.1", port))
        raw.writer.write(stream_request(path, headers))
        await raw.writer.drain()
        return raw

    @classmethod
    async def open(cls, port: int, path: str, headers: dict[str, str]) -> RawStream:
        """Asks for the stream and reads the response head."""
        raw = await cls.connect(port, path, headers)
        await raw.read_head()
        return raw

    async def read_head(self) -> None:
        head = await self.reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head[:200]
        assert b"\r\ntransfer-encoding: chunked\r\n" in head.lower(), head

    async def frame(self, start: bytes, within: float = 5) -> bytes:
        """The first frame that starts with `start`, whatever else (pings, other events) comes
        before or after it in the same read."""
        async with asyncio.timeout(within):
            while True:
                found = next((f for f in self.frames if f.startswith(start)), None)
                if found is not None:
                    return found
                size = int((await self.reader.readuntil(b"\r\n"))[:-2], 16)
                assert size, f"stream ended early: {self._body[:200]!r}"
                self._body += (await self.reader.readexactly(size + 2))[:-2]
                *complete, self._body = self._body.split(b"\n\n")
                self.frames += [f + b"\n\n" for f in complete]

    def close(self) -> None:
        self.writer.close()

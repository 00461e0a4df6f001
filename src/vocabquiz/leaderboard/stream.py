"""One client's event stream: its response, and the writer the broadcaster hands frames to.

Under `vocabquiz serve` the HTTP server puts the connection's socket in the request's scope
(vocabquiz/server.py): frames are then written to it directly, from the broadcaster's loop,
with no task woken per frame. Under any other ASGI server the stream's own task sends them.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

from starlette.types import Receive, Scope, Send

from vocabquiz.errors import ErrorCode, TooManyRequests
from vocabquiz.leaderboard.broadcaster import Broadcaster
from vocabquiz.leaderboard.frames import RETRY, Frame
from vocabquiz.leaderboard.store import Board

SOCKET = "vocabquiz.socket"
RETRY_S = 5.0
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


class StreamSocket:
    """A connection's socket as the HTTP server lends it: frames go out as chunks of the
    response in progress. `paused` while the socket's buffer is full (the server's flow
    control), `lost` once the client has gone."""

    __slots__ = ("_ended", "lost", "on_writable", "paused", "transport")

    def __init__(self, transport: Any) -> None:
        self.transport = transport
        self.paused = False
        self.lost = False
        self.on_writable: Callable[[], None] | None = None
        self._ended: asyncio.Future[None] | None = None

    # The server's side.
    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False
        if self.on_writable is not None:
            self.on_writable()

    def connection_lost(self) -> None:
        self.lost = True
        self.close()

    # The stream's side.
    def begin(self) -> None:
        self._ended = asyncio.get_running_loop().create_future()
        if self.lost:
            self.close()

    async def until_ended(self) -> None:
        assert self._ended is not None
        await self._ended
        self.on_writable = None

    # The broadcaster's side (Writer).
    def write(self, frame: Frame) -> bool:
        if self.paused or self.lost:
            return False
        self.transport.write(frame.chunk)
        return True

    def close(self) -> None:
        if self._ended is not None and not self._ended.done():
            self._ended.set_result(None)


class AsgiWriter:
    """Frames through ASGI `send`, from the stream's task: for servers that lend no socket."""

    def __init__(self, send: Send, receive: Receive) -> None:
        self._send = send
        self._receive = receive
        self._pending: list[Frame] = []
        self._wake: asyncio.Future[None] | None = None
        self._ended = False
        self._refused = False
        self.on_writable: Callable[[], None] | None = None

    def write(self, frame: Frame) -> bool:
        if self._ended or len(self._pending) > 1:
            self._refused = True
            return False
        self._pending.append(frame)
        self._poke()
        return True

    def close(self) -> None:
        self._ended = True
        self._poke()

    def _poke(self) -> None:
        if self._wake is not None and not self._wake.done():
            self._wake.set_result(None)

    async def _until_gone(self) -> None:
        while (await self._receive())["type"] != "http.disconnect":
            pass
        self.close()

    async def until_ended(self) -> None:
        gone = asyncio.create_task(self._until_gone())
        try:
            while not self._ended:
                while self._pending and not self._ended:
                    body = self._pending.pop(0).data
                    await self._send(
                        {"type": "http.response.body", "body": body, "more_body": True}
                    )
                if self._refused and self.on_writable is not None:
                    self._refused = False
                    self.on_writable()
                    continue
                self._wake = asyncio.get_running_loop().create_future()
                await self._wake
        finally:
            gone.cancel()
            await asyncio.gather(gone, return_exceptions=True)


class StreamCaps:
    """Streams open at once in this process, per account and per client address: each costs a
    socket and memory, so one token or one address cannot open thousands."""

    def __init__(self, per_user: int, per_address: int) -> None:
        self._per_user, self._per_address = per_user, per_address
        self._users: Counter[str] = Counter()
        self._addresses: Counter[str] = Counter()

    def take(self, user_id: str, address: str | None) -> None:
        """Count one more stream, or refuse it with 429."""
        if self._users[user_id] >= self._per_user:
            raise TooManyRequests(
                "Too many live streams open for this account", ErrorCode.TOO_MANY_STREAMS, RETRY_S
            )
        if address is not None and self._addresses[address] >= self._per_address:
            raise TooManyRequests(
                "Too many live streams open from your network", ErrorCode.TOO_MANY_STREAMS, RETRY_S
            )
        self._users[user_id] += 1
        if address is not None:
            self._addresses[address] += 1

    def give_back(self, user_id: str, address: str | None) -> None:
        for counter, key in ((self._users, user_id), (self._addresses, address)):
            if key is not None:
                counter[key] -= 1
                if counter[key] <= 0:
                    del counter[key]


class EventStream:
    """The response of GET /api/sessions/{code}/events: headers, then the client's standings
    (read before the response starts, so that a backend away is a plain 503), then whatever
    the broadcaster writes, until the client leaves or the server stops."""

    def __init__(
        self,
        broadcaster: Broadcaster,
        session_code: str,
        status: str,
        participant_id: str | None,
        limit: int,
        first: Board,
        release: Callable[[], None],
    ) -> None:
        self._release = release
        self._broadcaster = broadcaster
        self._code = session_code
        self._status = status
        self._participant_id = participant_id
        self._limit = limit
        self._first: Board | None = first

    async def respond(
        self, scope: Scope, receive: Receive, send: Send, extra: list[tuple[bytes, bytes]]
    ) -> None:
        try:
            await self._respond(scope, receive, send, extra)
        finally:
            self._release()

    async def _respond(
        self, scope: Scope, receive: Receive, send: Send, extra: list[tuple[bytes, bytes]]
    ) -> None:
        try:
            await send(
                {"type": "http.response.start", "status": 200, "headers": [*HEADERS, *extra]}
            )
            await send({"type": "http.response.body", "body": RETRY, "more_body": True})
        except BaseException:
            self._broadcaster.release(self._code)
            raise
        socket = scope.get("extensions", {}).get(SOCKET)
        writer: StreamSocket | AsgiWriter
        if isinstance(socket, StreamSocket):
            writer = socket
            socket.begin()
        else:
            writer = AsgiWriter(send, receive)
        first, self._first = self._first, None  # not kept for the stream's lifetime
        assert first is not None
        client = self._broadcaster.attach(
            self._code, self._status, self._participant_id, self._limit, writer, first
        )
        del first
        try:
            writer.on_writable = lambda: self._broadcaster.caught_up(client)
            await writer.until_ended()
        finally:
            self._broadcaster.disconnect(client)
        await send({"type": "http.response.body", "body": b"", "more_body": False})

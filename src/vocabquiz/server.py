"""The HTTP server of `vocabquiz serve`: uvicorn with httptools, and a protocol that

- lends each connection's socket to the event stream (leaderboard/stream.py), so that the
  broadcaster writes frames straight to it: no task woken and no ASGI message per frame per client;
- gives a client a bounded time and size for each request's head (the request line and headers),
  from connecting or from the end of the previous response: a connection that dribbles its head,
  or sends none, is closed, and a head larger than the limit gets a 431. The time is uvicorn's
  `timeout_keep_alive`, the size its `h11_max_incomplete_event_size` (set from the settings by
  the CLI), so that the values reach every worker process."""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from vocabquiz.leaderboard.stream import SOCKET, StreamSocket

DEFAULT_HEAD = 32 * 1024
LINGER_S = 2.0
_TOO_LARGE = b"The request's headers are too large"
HEAD_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\n"
    b"content-length: " + str(len(_TOO_LARGE)).encode() + b"\r\n\r\n" + _TOO_LARGE
)


class StreamingHttpToolsProtocol(HttpToolsProtocol):
    stream_socket: StreamSocket
    _head_timer: asyncio.TimerHandle | None = None
    # Bytes received since the current request's head began, while it is incomplete.
    _head_bytes = 0
    _in_head = False
    _refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.stream_socket = StreamSocket(transport)
        self._await_head()

    def _await_head(self) -> None:
        self._in_head, self._head_bytes = True, 0
        if self._head_timer is not None:
            self._head_timer.cancel()
        self._head_timer = self.loop.call_later(self.timeout_keep_alive, self._head_too_slow)

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # the rest of a refused head, read and dropped until the connection closes
        super().data_received(data)
        if self._in_head and not self.transport.is_closing():
            # Whatever came while the head is still incomplete is head.
            self._head_bytes += len(data)
            if self._head_bytes > (self.config.h11_max_incomplete_event_size or DEFAULT_HEAD):
                self._refuse_head()

    def _refuse_head(self) -> None:
        """A 431, then a moment of reading what the client is still sending before closing:
        closing at once with its bytes unread would reset the connection, and the client could
        lose the answer."""
        self._in_head, self._refused = False, True
        self.transport.write(HEAD_TOO_LARGE)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_S, self.transport.close)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes = True, 0
        self.scope["extensions"] = {SOCKET: self.stream_socket}  # type: ignore[dict-item]

    def on_headers_complete(self) -> None:
        self._in_head = False
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        next_is_waiting = bool(self.pipeline)
        super().on_response_complete()
        if not next_is_waiting and not self.transport.is_closing():
            self._await_head()

    def pause_writing(self) -> None:
        super().pause_writing()
        self.stream_socket.pause()

    def resume_writing(self) -> None:
        super().resume_writing()
        self.stream_socket.resume()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        self.stream_socket.connection_lost()

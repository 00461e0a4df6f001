"""The HTTP server of `vocabquiz serve`: uvicorn with httptools, and a protocol that lends each
connection's socket to the event stream (leaderboard/stream.py), so that the broadcaster writes
frames straight to it: no task woken and no ASGI message per frame per client."""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from vocabquiz.leaderboard.stream import SOCKET, StreamSocket


class StreamingHttpToolsProtocol(HttpToolsProtocol):
    stream_socket: StreamSocket

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.stream_socket = StreamSocket(transport)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.scope["extensions"] = {SOCKET: self.stream_socket}  # type: ignore[dict-item]

    def pause_writing(self) -> None:
        super().pause_writing()
        self.stream_socket.pause()

    def resume_writing(self) -> None:
        super().resume_writing()
        self.stream_socket.resume()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        self.stream_socket.connection_lost()

"""Turns "session changed" events into event-stream frames for the clients of this process.

For each changed session, at most once per broadcast interval, one read of the standings (the
top and the steps since the session's last frame) makes one frame per distinct `limit`, and the
same bytes go to every client of the session from one loop, straight to their sockets. A client
that cannot follow those steps (it connected since, or its socket fell behind and missed frames)
gets full standings of its own instead, once its socket can take them: the newest standings
win, nothing queues.

Answers come first: the interval stretches so that writing frames takes at most a set share of
the process's time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any, Protocol

import structlog

from vocabquiz.events import Event, EventBus
from vocabquiz.leaderboard import frames
from vocabquiz.leaderboard.frames import PING_FRAME, Frame
from vocabquiz.leaderboard.store import Board
from vocabquiz.observability import metrics

log = structlog.get_logger(__name__)

MAX_LIMIT = 100
# Writes between two chances for other work (answers) to run.
WRITE_BATCH = 256
# At most this share of the process's time goes to writing frames; past it, frames coalesce.
FANOUT_SHARE = 0.5


class StandingsReader(Protocol):
    async def board(
        self,
        session_code: str,
        limit: int,
        participant_ids: Iterable[str] = (),
        since: int | None = None,
    ) -> Board: ...


SessionReader = Callable[[str], Awaitable[dict[str, object]]]


class Writer(Protocol):
    def write(self, frame: Frame) -> bool:
        """Hand the frame to the connection now; False when it cannot take it now (its socket
        is behind, or gone)."""

    def close(self) -> None:
        """End the stream."""


class Client:
    """One connected event stream."""

    __slots__ = ("behind", "limit", "participant_id", "session_code", "version", "writer")

    def __init__(
        self, session_code: str, participant_id: str | None, limit: int, writer: Writer
    ) -> None:
        self.session_code = session_code
        self.participant_id = participant_id
        self.limit = limit
        self.writer = writer
        # The version its last frame brought it to; `behind` when it missed a frame since.
        self.version = -1
        self.behind = False


class _Session:
    __slots__ = ("clients", "live_version", "published_at", "status", "version")

    def __init__(self, status: str, version: int) -> None:
        self.clients: set[Client] = set()
        # The phase version of the last live frame sent (live sessions).
        self.live_version = -1
        self.status = status
        # The version of the session's last frame to its clients.
        self.version = version
        # Publish time of the oldest change not yet sent, when one is waiting.
        self.published_at: float | None = None


class Broadcaster:
    def __init__(
        self,
        standings: StandingsReader,
        read_session: SessionReader,
        bus: EventBus,
        interval_s: float,
        ping_interval_s: float,
        read_live: SessionReader | None = None,
    ) -> None:
        self._standings = standings
        self._read_session = read_session
        self._read_live = read_live
        # Live sessions whose phase is being read for a frame, and those changed again since.
        self._live_reading: set[str] = set()
        self._live_again: set[str] = set()
        self._bus = bus
        self._interval = interval_s
        self._ping_interval = ping_interval_s
        self._sessions: dict[str, _Session] = {}
        self._pending = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._pinger: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self.stopping = False
        metrics.BROADCAST_INTERVAL.set(interval_s)

    @property
    def client_count(self) -> int:
        return sum(len(s.clients) for s in self._sessions.values())

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="broadcaster")
        self._pinger = asyncio.create_task(self._ping(), name="broadcaster-ping")

    async def close(self) -> None:
        self.end_streams()
        tasks = [t for t in [self._task, self._pinger, *self._background] if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def end_streams(self) -> None:
        """Server shutdown: every stream ends cleanly."""
        self.stopping = True
        for session in self._sessions.values():
            for client in list(session.clients):
                client.writer.close()

    # --- clients ---------------------------------------------------------------------------

    async def first_standings(
        self, session_code: str, participant_id: str | None, limit: int
    ) -> Board:
        """What a new client of the session is sent first. From now on the session's changes
        reach this process: `attach` the client, or `release` the session."""
        self._bus.watch(session_code)
        try:
            return await self._standings.board(
                session_code, limit, [participant_id] if participant_id else []
            )
        except BaseException:
            self.release(session_code)
            raise

    def attach(
        self,
        session_code: str,
        status: str,
        participant_id: str | None,
        limit: int,
        writer: Writer,
        board: Board,
    ) -> Client:
        """Send the client its first standings and stream changes to it from then on."""
        client = Client(session_code, participant_id, limit, writer)
        metrics.SSE_CONNECTIONS.inc()
        session = self._sessions.get(session_code)
        if session is None:
            session = self._sessions[session_code] = _Session(status, board.version)
        session.clients.add(client)
        self._send_full(client, session, board)
        if self.stopping:
            writer.close()
        return client

    def release(self, session_code: str) -> None:
        """A `first_standings` that did not lead to a client."""
        if session_code not in self._sessions:
            self._bus.unwatch(session_code)

    def disconnect(self, client: Client) -> None:
        session = self._sessions.get(client.session_code)
        if session is None or client not in session.clients:
            return
        session.clients.discard(client)
        metrics.SSE_CONNECTIONS.dec()
        if not session.clients:
            del self._sessions[client.session_code]
            self._bus.unwatch(client.session_code)

    def caught_up(self, client: Client) -> None:
        """The client's socket can take frames again: it gets full standings next tick."""
        session = self._sessions.get(client.session_code)
        if session is not None and client in session.clients:
            client.behind = True
            self._dirty(session, time.time())

    # --- events ----------------------------------------------------------------------------

    def _dirty(self, session: _Session, published_at: float) -> None:
        if session.published_at is None:
            session.published_at = published_at
        self._pending.set()

    def on_event(self, event: Event) -> None:
        if event.kind == "resync":
            # The bus missed events: every session gets full standings.
            for session in self._sessions.values():
                for client in session.clients:
                    client.behind = True
                self._dirty(session, time.time())
            return
        found = self._sessions.get(event.session_code)
        if found is None:
            return
        if event.kind == "leaderboard":
            self._dirty(found, event.published_at)
        elif event.kind == "session":
            self._spawn(self._send_session(event.session_code))
        elif event.kind == "removed" and event.data is not None:
            self._end_removed(found, event.session_code, event.data.get("participant_id"))
        elif event.kind == "live" and event.data is not None:
            # A new phase: every client hears each one, in order, as it was.
            self._write_live(found, event.data)
        elif event.kind == "live" and self._read_live is not None:
            # Answers come by the hundred: one read at a time per session, and one more after
            # it when something changed meanwhile.
            if event.session_code in self._live_reading:
                self._live_again.add(event.session_code)
            else:
                self._live_reading.add(event.session_code)
                self._spawn(self._send_live(event.session_code))

    def _end_removed(self, session: _Session, code: str, participant_id: object) -> None:
        """A removed player's streams: told why, then ended."""
        frame = Frame(frames.removed(code))
        for client in list(session.clients):
            if client.participant_id is not None and client.participant_id == participant_id:
                client.writer.write(frame)
                client.writer.close()

    def _write_live(self, session: _Session, data: dict[str, object]) -> None:
        """A live frame, unless the clients have heard a later phase already (a read that
        started before a change of phase ends after its frame)."""
        version = data.get("phase_version")
        if isinstance(version, int):
            if version < session.live_version:
                return
            session.live_version = version
        self._write_all(session, Frame(frames.live(data)))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _send_live(self, code: str) -> None:
        assert self._read_live is not None
        try:
            while True:
                self._live_again.discard(code)
                try:
                    data = await self._read_live(code)
                except Exception:
                    log.exception("live_event_read_failed", session_code=code)
                    return
                session = self._sessions.get(code)
                if session is not None:
                    self._write_live(session, data)
                if code not in self._live_again:
                    return
        finally:
            self._live_reading.discard(code)

    async def _send_session(self, code: str) -> None:
        try:
            data = await self._read_session(code)
        except Exception:
            log.exception("session_event_read_failed", session_code=code)
            return
        session = self._sessions.get(code)
        if session is None:
            return
        session.status = str(data["status"])
        frame = Frame(frames.session(data))
        self._write_all(session, frame)
        # The standings carry the status too.
        self._dirty(session, time.time())

    async def _ping(self) -> None:
        """Every stream hears something at least once per ping interval: one timer for all."""
        while True:
            await asyncio.sleep(self._ping_interval)
            for session in list(self._sessions.values()):
                self._write_all(session, PING_FRAME, count=False)

    # --- ticks -----------------------------------------------------------------------------

    async def _run(self) -> None:
        last, interval = 0.0, self._interval
        while True:
            await self._pending.wait()
            wait = last + interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._pending.clear()
            last = time.monotonic()
            busy = 0.0
            for code, session in list(self._sessions.items()):
                published_at = session.published_at
                if published_at is None or not session.clients:
                    continue
                session.published_at = None
                try:
                    busy += await self._tick(code, session, published_at)
                except Exception as exc:
                    # Redis or the database is away: try again on the next tick.
                    log.warning("broadcast_failed", session_code=code, error=str(exc))
                    self._dirty(session, published_at)
            interval = max(self._interval, busy / FANOUT_SHARE)
            metrics.BROADCAST_INTERVAL.set(interval)

    async def _tick(self, code: str, session: _Session, published_at: float) -> float:
        """One frame of the session to each of its clients; the seconds spent writing."""
        since = session.version
        clients = list(session.clients)
        limit = max(c.limit for c in clients)
        lost = [c for c in clients if c.behind or c.version < since]
        board = await self._standings.board(
            code, limit, [c.participant_id for c in lost if c.participant_id], since
        )
        if board.steps is None and len(lost) < len(clients):
            # The steps are gone (a rebuild, or too far behind): everyone needs full standings.
            lost = clients
            ids = [c.participant_id for c in clients if c.participant_id]
            board = await self._standings.board(code, limit, ids)
        started = time.perf_counter()
        shared: dict[int, Frame] = {}
        written = 0
        for i, client in enumerate(clients):
            if i and not i % WRITE_BATCH:
                # Let answers (and the sockets just written) run in between.
                busy = time.perf_counter() - started
                await asyncio.sleep(0)
                started = time.perf_counter() - busy
            if client.behind or client.version < since or board.steps is None:
                written += self._send_full(client, session, board)
                continue
            frame = shared.get(client.limit)
            if frame is None:
                frame = shared[client.limit] = Frame(
                    frames.changes(
                        code,
                        session.status,
                        board.participant_count,
                        board.version,
                        since,
                        frames.entries_json(board.entries[: client.limit]),
                        board.steps,
                    )
                )
            if client.writer.write(frame):
                client.version = board.version
                written += 1
            else:
                client.behind = True
        session.version = board.version
        metrics.SSE_FRAMES_SENT.inc(written)
        metrics.LEADERBOARD_BROADCASTS.inc()
        metrics.EVENT_LATENCY.observe(max(0.0, time.time() - published_at))
        return time.perf_counter() - started

    def _send_full(self, client: Client, session: _Session, board: Board) -> int:
        """Full standings of the client's own; 1 when written, 0 when its socket is behind."""
        me = board.mine.get(client.participant_id) if client.participant_id else None
        frame = Frame(
            frames.standings(
                frames.standings_body(
                    client.session_code,
                    session.status,
                    board.participant_count,
                    board.version,
                    board.entries[: client.limit],
                    me,
                )
            )
        )
        if client.writer.write(frame):
            client.version, client.behind = board.version, False
            return 1
        client.behind = True
        return 0

    def _write_all(self, session: _Session, frame: Frame, count: bool = True) -> None:
        written = sum(1 for client in list(session.clients) if client.writer.write(frame))
        if count:
            metrics.SSE_FRAMES_SENT.inc(written)

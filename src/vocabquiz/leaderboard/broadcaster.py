"""Turns "session changed" events into SSE frames for the clients connected to this process.

Changes are coalesced: a ticker reads each changed session's standings once, serializes the shared
part once, and gives every client that shared part plus its own `me`. A client's outbox holds only
the newest frame, so a slow reader skips stale standings instead of growing a queue.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol

import orjson
import structlog

from vocabquiz.events import Event
from vocabquiz.leaderboard.store import Board, Entry
from vocabquiz.observability import metrics

log = structlog.get_logger(__name__)

MAX_LIMIT = 100
# Streams woken at a time by a broadcast, before other work gets a turn.
OFFER_BATCH = 1024


class StandingsReader(Protocol):
    async def board(
        self, session_code: str, limit: int, participant_ids: Iterable[str] = ()
    ) -> Board: ...


SessionReader = Callable[[str], Awaitable[dict[str, object]]]


PING = b": ping\n\n"


class Client:
    """One connected event stream: an outbox of the newest frames and the stream's wake-up."""

    __slots__ = (
        "_leaderboard",
        "_ping",
        "_session",
        "_waiter",
        "closed",
        "limit",
        "participant_id",
        "session_code",
    )

    def __init__(self, session_code: str, participant_id: str | None, limit: int) -> None:
        self.session_code = session_code
        self.participant_id = participant_id
        self.limit = limit
        self.closed = False
        self._leaderboard: bytes | None = None
        self._session: bytes | None = None
        self._ping = False
        # A bare future, not an asyncio.Event under a timeout: this wake-up happens once per
        # frame per client, and costs a sixth as much this way.
        self._waiter: asyncio.Future[None] | None = None

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def offer_leaderboard(self, frame: bytes) -> None:
        self._leaderboard = frame  # replaces an unsent older frame
        self._wake()

    def offer_session(self, frame: bytes) -> None:
        self._session = frame
        self._wake()

    def offer_ping(self) -> None:
        self._ping = True
        self._wake()

    def close(self) -> None:
        self.closed = True
        self._wake()

    async def next_frames(self) -> list[bytes]:
        """What to send next, waiting until there is something; empty once closed and sent."""
        while True:
            frames = [f for f in (self._leaderboard, self._session) if f is not None]
            if not frames and self._ping:
                frames = [PING]  # only an idle stream needs it
            self._leaderboard = self._session = None
            self._ping = False
            if frames or self.closed:
                return frames
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None


def leaderboard_parts(code: str, status: str, board: Board, limit: int) -> tuple[bytes, bytes]:
    """The bytes of a leaderboard frame before and after the client's own `me`."""
    body = orjson.dumps(
        {
            "session_code": code,
            "status": status,
            "participant_count": board.participant_count,
            "version": board.version,
            "entries": [e.as_dict() for e in board.entries[:limit]],
        }
    )
    head = b"event: leaderboard\nid: %d\ndata: " % board.version + body[:-1] + b',"me":'
    return head, b"}\n\n"


def me_bytes(entry: Entry | None) -> bytes:
    return orjson.dumps(entry.as_dict() if entry else None)


def session_frame(session: dict[str, object]) -> bytes:
    return b"event: session\ndata: " + orjson.dumps(session) + b"\n\n"


class Broadcaster:
    def __init__(
        self,
        standings: StandingsReader,
        read_session: SessionReader,
        interval_s: float,
        ping_interval_s: float,
    ) -> None:
        self._standings = standings
        self._read_session = read_session
        self._interval = interval_s
        self._ping_interval = ping_interval_s
        self._clients: dict[str, set[Client]] = {}
        self._status: dict[str, str] = {}
        # Session code -> publish time of the oldest change not yet sent.
        self._dirty: dict[str, float] = {}
        self._pending = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._pinger: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self.stopping = False

    @property
    def client_count(self) -> int:
        return sum(len(c) for c in self._clients.values())

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
        for clients in self._clients.values():
            for client in clients:
                client.close()

    async def connect(
        self, session_code: str, status: str, participant_id: str | None, limit: int
    ) -> Client:
        client = Client(session_code, participant_id, limit)
        self._clients.setdefault(session_code, set()).add(client)
        self._status[session_code] = status
        metrics.SSE_CONNECTIONS.inc()
        try:
            mine = [participant_id] if participant_id is not None else []
            board = await self._standings.board(session_code, limit, mine)
            me = board.mine.get(mine[0]) if mine else None
        except BaseException:
            self.disconnect(client)
            raise
        head, tail = leaderboard_parts(session_code, status, board, limit)
        client.offer_leaderboard(head + me_bytes(me) + tail)
        return client

    def disconnect(self, client: Client) -> None:
        clients = self._clients.get(client.session_code)
        if clients is None or client not in clients:
            return
        clients.discard(client)
        metrics.SSE_CONNECTIONS.dec()
        if not clients:
            del self._clients[client.session_code]
            self._status.pop(client.session_code, None)
            self._dirty.pop(client.session_code, None)

    def on_event(self, event: Event) -> None:
        if event.kind == "resync":
            now = time.time()
            for code in self._clients:
                self._dirty.setdefault(code, now)
            self._pending.set()
        elif event.session_code not in self._clients:
            return
        elif event.kind == "leaderboard":
            self._dirty.setdefault(event.session_code, event.published_at)
            self._pending.set()
        elif event.kind == "session":
            task = asyncio.create_task(self._send_session(event.session_code))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _send_session(self, code: str) -> None:
        try:
            session = await self._read_session(code)
        except Exception:
            log.exception("session_event_read_failed", session_code=code)
            return
        self._status[code] = str(session["status"])
        frame = session_frame(session)
        for client in self._clients.get(code, ()):
            client.offer_session(frame)
        # The standings carry the status too.
        self._dirty.setdefault(code, time.time())
        self._pending.set()

    async def _ping(self) -> None:
        """Every stream hears something at least once per ping interval: one timer for all of
        them rather than one per stream."""
        while True:
            await asyncio.sleep(self._ping_interval)
            for clients in list(self._clients.values()):
                for client in clients:
                    client.offer_ping()

    async def _run(self) -> None:
        last = 0.0
        while True:
            await self._pending.wait()
            wait = last + self._interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._pending.clear()
            last = time.monotonic()
            dirty, self._dirty = self._dirty, {}
            for code, published_at in dirty.items():
                try:
                    await self._send_leaderboard(code, published_at)
                except Exception as exc:
                    # Redis or the database is away: try again on the next tick.
                    log.warning("broadcast_failed", session_code=code, error=str(exc))
                    self._dirty.setdefault(code, published_at)
                    self._pending.set()

    async def _send_leaderboard(self, code: str, published_at: float) -> None:
        clients = list(self._clients.get(code, ()))
        if not clients:
            return
        limit = max(c.limit for c in clients)
        ids = {c.participant_id for c in clients if c.participant_id is not None}
        board = await self._standings.board(code, limit, ids)
        mine = board.mine
        status = self._status.get(code, "open")
        parts: dict[int, tuple[bytes, bytes]] = {}
        me_cache: dict[str | None, bytes] = {None: b"null"}
        for i, client in enumerate(clients):
            if i and not i % OFFER_BATCH:
                # Let the streams just woken write, and requests (answers) in between.
                await asyncio.sleep(0)
            if client.limit not in parts:
                parts[client.limit] = leaderboard_parts(code, status, board, client.limit)
            head, tail = parts[client.limit]
            me = me_cache.get(client.participant_id)
            if me is None:
                me = me_cache[client.participant_id] = me_bytes(
                    mine.get(client.participant_id or "")
                )
            client.offer_leaderboard(head + me + tail)
        metrics.LEADERBOARD_BROADCASTS.inc()
        metrics.EVENT_LATENCY.observe(max(0.0, time.time() - published_at))

"""The broadcaster's own rules, on the in-process store with writers that record what they are
handed: one read and one frame per tick for every client of a session, changes coalesced, full
standings only for a client that cannot follow, and nothing queued for a slow one."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta

import orjson
import pytest
from pydantic import TypeAdapter

from tests.event_stream import follow
from vocabquiz.events import Event, MemoryEventBus
from vocabquiz.leaderboard.broadcaster import Broadcaster, Client
from vocabquiz.leaderboard.frames import Frame
from vocabquiz.leaderboard.memory_store import MemoryLeaderboard
from vocabquiz.leaderboard.store import Board, Standing
from vocabquiz.sessions.schemas import LeaderboardChanges, LeaderboardFrame, LeaderboardOut

T0 = datetime(2026, 1, 1, tzinfo=UTC)
CODE = "BRDCST"
INTERVAL = 0.02
FRAME: TypeAdapter[LeaderboardFrame] = TypeAdapter(LeaderboardFrame)


class Sink:
    """A writer that keeps what it is handed; `refusing` plays a socket whose buffer is full."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.refusing = False
        self.closed = False

    def write(self, frame: Frame) -> bool:
        if self.refusing:
            return False
        self.frames.append(frame.data)
        return True

    def close(self) -> None:
        self.closed = True

    def boards(self) -> list[dict[str, object]]:
        return [orjson.loads(f.split(b"data: ", 1)[1]) for f in self.frames if b"data: " in f]


class Reader:
    def __init__(self, store: MemoryLeaderboard) -> None:
        self.store = store
        self.reads = 0

    async def board(
        self,
        session_code: str,
        limit: int,
        participant_ids: Iterable[str] = (),
        since: int | None = None,
    ) -> Board:
        self.reads += 1
        board = await self.store.board(session_code, limit, participant_ids, since)
        assert board is not None
        return board


class Game:
    def __init__(self, store: MemoryLeaderboard, broadcaster: Broadcaster, reader: Reader):
        self.store, self.broadcaster, self.reader = store, broadcaster, reader
        self.held: dict[str, Standing] = {}
        self.clock = 0

    async def put(self, pid: str, points: int = 0) -> None:
        old = self.held.get(pid)
        at = T0 + timedelta(
            seconds=len(self.held) + sum(s.answered_count for s in self.held.values())
        )
        if old is None:
            self.held[pid] = Standing(pid, pid[:4], 0, 0, 0, at, at)
        else:
            self.held[pid] = Standing(
                pid,
                old.display_name,
                old.score + points,
                old.answered_count + 1,
                0,
                at,
                old.joined_at,
            )
        await self.store.put(CODE, self.held[pid])

    async def connect(self, pid: str | None, limit: int = 10) -> tuple[Client, Sink]:
        sink = Sink()
        board = await self.broadcaster.first_standings(CODE, pid, limit)
        return self.broadcaster.attach(CODE, "open", pid, limit, sink, board), sink


def pid(n: int) -> str:
    return f"player-{n:029d}"


@pytest.fixture
async def game() -> AsyncIterator[Game]:
    bus = MemoryEventBus()
    store = MemoryLeaderboard(bus.deliver)
    reader = Reader(store)

    async def read_session(code: str) -> dict[str, object]:
        return {"code": code, "status": "closed"}

    broadcaster = Broadcaster(reader, read_session, bus, INTERVAL, 60)
    bus.subscribe(broadcaster.on_event)
    broadcaster.start()
    await store.load(CODE, [], 0)
    try:
        yield Game(store, broadcaster, reader)
    finally:
        await broadcaster.close()


async def settle() -> None:
    await asyncio.sleep(INTERVAL * 4)


async def test_every_client_of_a_session_gets_the_same_bytes_from_one_read(game: Game) -> None:
    for n in range(3):
        await game.put(pid(n))
    clients = [await game.connect(pid(n)) for n in range(3)]
    admin = await game.connect(None)
    narrow = await game.connect(None, limit=2)
    await settle()
    reads = game.reader.reads
    await game.put(pid(1), 900)
    await settle()
    assert game.reader.reads == reads + 1
    last = {sink.frames[-1] for _, sink in [*clients, admin]}
    assert len(last) == 1, last  # same limit, same bytes
    shared = orjson.loads(last.pop().split(b"data: ", 1)[1])
    assert "me" not in shared and [s[1] for s in shared["changes"]] == [pid(1)]
    # Another limit: its own top, the same steps.
    top2 = narrow[1].boards()[-1]
    assert len(top2["entries"]) == 2 and top2["changes"] == shared["changes"]  # type: ignore[arg-type]


async def test_changes_between_ticks_coalesce_into_one_frame_of_all_their_steps(
    game: Game,
) -> None:
    await game.put(pid(0))
    _, sink = await game.connect(pid(0))
    await settle()
    before = len(sink.frames)
    for points in (100, 200, 300, 400):
        await game.put(pid(0), points)
    await settle()
    frames = sink.boards()[before:]
    assert len(frames) == 1
    assert [step[4][1] for step in frames[0]["changes"]] == [100, 300, 600, 1000]  # type: ignore[index]


async def test_following_the_frames_shows_each_player_their_exact_entry(game: Game) -> None:
    for n in range(5):
        await game.put(pid(n))
    clients = [await game.connect(pid(n)) for n in range(5)]
    for round_ in range(6):
        for n in range(5):
            await game.put(pid(n), (n * 7 + round_ * 3) % 5 * 100)
        await asyncio.sleep(INTERVAL * (round_ % 3))
    await settle()
    held = await game.store.board(CODE, 0, [pid(n) for n in range(5)])
    assert held is not None
    for n, (_, sink) in enumerate(clients):
        shown = None
        for board in sink.boards():
            shown = follow(shown, board)
        assert shown is not None and shown["me"] == dataclasses.asdict(held.mine[pid(n)])


async def test_a_slow_client_queues_nothing_and_gets_full_standings_once_caught_up(
    game: Game,
) -> None:
    await game.put(pid(0))
    await game.put(pid(1))
    client, slow = await game.connect(pid(0))
    _, fast = await game.connect(pid(1))
    await settle()
    slow.refusing = True
    for points in (100, 200, 300):
        await game.put(pid(1), points)
        await settle()
    assert client.behind
    missed = len(slow.frames)
    slow.refusing = False
    game.broadcaster.caught_up(client)
    await settle()
    caught = slow.boards()[missed:]
    assert len(caught) == 1 and "changes" not in caught[0]  # full standings, once
    assert caught[0]["me"]["rank"] == 2 and caught[0]["version"] == fast.boards()[-1]["version"]  # type: ignore[index]
    # From then on it follows the shared frames again.
    await game.put(pid(0), 5000)
    await settle()
    assert "changes" in slow.boards()[-1] and slow.frames[-1] == fast.frames[-1]


async def test_shutdown_ends_every_stream(game: Game) -> None:
    sinks = [(await game.connect(None))[1] for _ in range(3)]
    game.broadcaster.end_streams()
    assert all(s.closed for s in sinks)


async def test_live_frames_tell_every_phase_in_order_and_never_go_back() -> None:
    bus = MemoryEventBus()
    store = MemoryLeaderboard(bus.deliver)
    current = {"phase_version": 1, "phase": "question", "answered_count": 0}
    reads = 0
    gate = asyncio.Event()

    async def read_live(code: str) -> dict[str, object]:
        nonlocal reads
        reads += 1
        seen = dict(current)  # what the database says when the read starts...
        await gate.wait()  # ...and answers only later
        return seen

    async def read_session(code: str) -> dict[str, object]:
        return {"code": code, "status": "open"}

    broadcaster = Broadcaster(Reader(store), read_session, bus, INTERVAL, 60, read_live=read_live)
    bus.subscribe(broadcaster.on_event)
    broadcaster.start()
    await store.load(CODE, [], 0)
    try:
        sink = Sink()
        board = await broadcaster.first_standings(CODE, None, 10)
        broadcaster.attach(CODE, "open", None, 10, sink, board)
        sink.frames.clear()
        # Answers: one read at a time, however many there are.
        for _ in range(5):
            await bus.publish(Event.now("live", CODE))
        await asyncio.sleep(0)
        assert reads == 1
        # Two changes of phase while that read is out: each is heard at once, as it was.
        for version, phase in ((2, "reveal"), (3, "question")):
            current.update(phase_version=version, phase=phase)
            await bus.publish(Event.now("live", CODE, dict(current)))
        gate.set()
        await settle()
        live = [orjson.loads(f.split(b"data: ", 1)[1]) for f in sink.frames if b"event: live" in f]
        # The read that started at version 1 came back after version 3 was sent: dropped. The one
        # read after it (answers came in meanwhile) says version 3 again.
        assert [(d["phase_version"], d["phase"]) for d in live][:2] == [
            (2, "reveal"),
            (3, "question"),
        ]
        assert all(d["phase_version"] >= 3 for d in live[2:]) and reads <= 2
    finally:
        await broadcaster.close()


async def test_every_leaderboard_frame_matches_the_documented_schema(game: Game) -> None:
    """The API document's event-stream schema (LeaderboardFrame: full standings or changes,
    no field more or less) holds for the frames the broadcaster writes."""
    for n in range(3):
        await game.put(pid(n))
    _, sink = await game.connect(pid(0))
    await settle()
    await game.put(pid(1), 900)
    await game.put(pid(2), 100)
    await settle()
    data = [f.split(b"data: ", 1)[1] for f in sink.frames if f.startswith(b"event: leaderboard")]
    shapes = [type(FRAME.validate_json(d, strict=True)) for d in data]
    assert shapes[0] is LeaderboardOut and shapes[1:] == [LeaderboardChanges], shapes

"""What the benchmarks share: the server under test, a quiz session with players, paced answers,
the CPU and memory of a process tree, and SSE watchers on raw sockets in several processes.

Times are `time.monotonic()` everywhere: CLOCK_MONOTONIC is one clock for every process on the
machine, so an answer's 200 in this process and a frame in a watcher process compare directly.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import resource
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast

import asyncpg
import httpx
import orjson
import uvloop
from tests.servers import Server, server_process

from vocabquiz.auth.tokens import TokenUser, issue_token

ADMIN = ("benchadmin", "bench-password")
SECRET_KEY = "bench-secret-key-bench-secret-key-0123456789"
DATABASE = "vocabquiz_bench"
# Watchers bind to these source addresses in turn: each address has its own ~28k ephemeral ports.
SOURCES = [f"127.0.0.{i}" for i in range(2, 18)]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The histogram bucket of answers a watcher had not seen by the end: slower than any seen.
NEVER_MS = 10**7
PAGE = os.sysconf("SC_PAGE_SIZE")


def pct(values: list[float], q: float) -> float:
    """The q-quantile of seconds, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def hist_pct(hist: Counter[int], q: float) -> float:
    """The q-quantile of a histogram of whole milliseconds."""
    total = sum(hist.values())
    if not total:
        return float("nan")
    rank, seen = q * total, 0
    for ms in sorted(hist):
        seen += hist[ms]
        if seen > rank:
            return float(ms)
    return float(max(hist))


def raise_nofile(wanted: int = 1_000_000) -> int:
    """Raise this process's open-file limit; processes started afterwards inherit it."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, max(hard, wanted)))
    except (ValueError, OSError):
        # Without privileges only the hard limit is reachable.
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


async def ensure_database(name: str) -> str:
    conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
        await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


@contextmanager
def vocabquiz_server(workers: int, extra: dict[str, str] | None = None) -> Iterator[Server]:
    """`vocabquiz serve` on PostgreSQL (database vocabquiz_bench) and Redis, rate limits off,
    with this process's raised open-file limit (and the `extra` settings)."""
    raise_nofile()
    env = {
        "VOCABQUIZ_DATABASE_URL": asyncio.run(ensure_database(DATABASE)),
        "VOCABQUIZ_REDIS_URL": "redis://127.0.0.1:6379/0",
        "VOCABQUIZ_REDIS_NAMESPACE": f"bench{uuid.uuid4().hex[:8]}",
        "VOCABQUIZ_SECRET_KEY": SECRET_KEY,
        "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
        "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        "VOCABQUIZ_LOG_LEVEL": "WARNING",
        "VOCABQUIZ_RATE_LIMITS": "off",
        # Thousands of watchers share a few players' tokens, all from this machine.
        "VOCABQUIZ_STREAMS_PER_USER": "100000",
        "VOCABQUIZ_STREAMS_PER_ADDRESS": "100000",
        **(extra or {}),
    }
    with server_process(env, Path("var/bench-server.log"), workers) as server:
        yield server


class ProcessTree:
    """CPU time and resident memory of a process and all its descendants, from /proc (the CPU
    of descendants that have exited included)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def pids(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(f"/proc/{entry.name}/stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # utime, stime, and those of its children that have exited (cutime, cstime)
            total += sum(int(f) for f in fields[11:15])
        return total / CLOCK_TICKS

    def rss_bytes(self) -> int:
        total = 0
        for pid in self.pids():
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            except OSError:
                continue
        return total


def backend_trees() -> dict[str, ProcessTree]:
    """The PostgreSQL and Redis servers on this machine (the oldest process of each name), to
    tell how the CPU divides between the service and its backends."""
    trees = {}
    for name in ("postgres", "redis-server"):
        found = subprocess.run(["pgrep", "-o", "-x", name], capture_output=True, text=True)
        if found.stdout.strip():
            trees[name] = ProcessTree(int(found.stdout.split()[0]))
    return trees


# The quiz and its players.


@dataclass
class BenchSession:
    code: str
    tokens: list[str]
    participants: list[str]
    right: dict[str, str]
    quiz_id: str
    admin: dict[str, str]
    answered: list[int] = field(default_factory=list)

    def headers(self, player: int) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[player]}"}

    async def more_sessions(self, client: httpx.AsyncClient, count: int) -> list[str]:
        """The codes of `count` more sessions of the same quiz, no one joined."""
        codes = []
        for _ in range(count):
            r = await client.post(f"/api/quizzes/{self.quiz_id}/sessions", headers=self.admin)
            r.raise_for_status()
            codes.append(r.json()["code"])
        return codes


async def open_session(client: httpx.AsyncClient, players: int) -> BenchSession:
    """A quiz of 1000 untimed questions, a session of it, and `players` guests who joined it."""
    r = await client.post("/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]})
    admin = {"Authorization": f"Bearer {r.json()['access_token']}"}
    questions = [
        {
            "prompt": f"Word {i}?",
            "choices": [{"text": "right", "correct": True}, {"text": "wrong", "correct": False}],
            "time_limit_s": None,
        }
        for i in range(1000)
    ]
    r = await client.post(
        "/api/quizzes", json={"title": "Bench", "questions": questions}, headers=admin
    )
    quiz = r.json()
    right = {q["id"]: q["choices"][0]["id"] for q in quiz["questions"]}
    r = await client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)
    session = BenchSession(r.json()["code"], [], [], right, quiz["id"], admin)
    for i in range(players):
        r = await client.post("/api/auth/guest", json={"display_name": f"P{i}"})
        session.tokens.append(r.json()["access_token"])
        r = await client.post(f"/api/sessions/{session.code}/join", headers=session.headers(i))
        r.raise_for_status()
        session.participants.append(r.json()["id"])
        session.answered.append(0)
    return session


async def bulk_guests(count: int, session_codes: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """`count` guests written straight into the bench database, each joined to every session
    given, with tokens signed by the server's key: thousands of players in a second, where the
    API would take minutes. Returns their tokens."""
    now = datetime.now(UTC)
    ids = [str(uuid.uuid4()) for _ in range(count)]
    conn = await asyncpg.connect(await ensure_database(DATABASE))
    try:
        await conn.copy_records_to_table(
            "users",
            columns=["id", "display_name", "role", "is_guest", "created_at"],
            records=[(i, f"B{n}", "player", True, now) for n, i in enumerate(ids)],
        )
        find = "SELECT id FROM sessions WHERE code = any($1::text[])"
        sessions = [r[0] for r in await conn.fetch(find, list(session_codes))]
        await conn.copy_records_to_table(
            "participants",
            columns=[
                *("id", "session_id", "user_id", "display_name", "score", "answered_count"),
                *("correct_count", "streak", "joined_at", "reached_at"),
            ],
            records=[
                (str(uuid.uuid4()), session_id, i, f"B{n}", 0, 0, 0, 0, now, now)
                for session_id in sessions
                for n, i in enumerate(ids)
            ],
        )
    finally:
        await conn.close()
    ttl = timedelta(hours=2)
    return [issue_token(TokenUser(i, "player", True), SECRET_KEY, ttl) for i in ids]


@dataclass
class Played:
    """What the players did: submit latencies, and (player, answered_count, time of the 200)."""

    submits: list[float] = field(default_factory=list)
    done: list[tuple[int, int, float]] = field(default_factory=list)
    errors: int = 0


class PlayerConnection:
    """One keep-alive HTTP/1.1 connection of a player: a request at a time, each response read
    by its Content-Length. Far cheaper per request than an HTTP client library, so that the
    load generator does not compete with the server for the two cores."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, url: str) -> PlayerConnection:
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        return cls(*await asyncio.open_connection(host, int(port)))

    async def request(
        self, method: str, path: str, token: str, body: bytes | None = None
    ) -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        response = await self.reader.readuntil(b"\r\n\r\n")
        status = int(response[9:12])
        lower = response.lower()
        at = lower.index(b"content-length:") + 15
        length = int(lower[at : lower.index(b"\r\n", at)])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def play(url: str, session: BenchSession, rate: float | None, seconds: float) -> Played:
    """Every player fetches its question and answers it, `rate` answers/s in all (spread evenly
    over the players), or as fast as each can when `rate` is None. A player that falls behind
    does not make up for it in a burst: the offered rate never exceeds `rate`."""
    played = Played()
    start = time.monotonic()
    stop = start + seconds
    count = len(session.tokens)
    period = count / rate if rate else 0.0
    question = f"/api/sessions/{session.code}/question"
    answers = f"/api/sessions/{session.code}/answers"

    async def player(i: int) -> None:
        token = session.tokens[i]
        next_at = start + period * i / count
        connection: PlayerConnection | None = None
        try:
            while True:
                if period:
                    await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                    next_at = max(next_at + period, time.monotonic())
                if time.monotonic() >= stop:
                    return
                try:
                    connection = connection or await PlayerConnection.open(url)
                    status, body = await connection.request("GET", question, token)
                    if status != 200:
                        played.errors += 1
                        continue
                    turn = orjson.loads(body)
                    if turn["finished"]:
                        return
                    qid = turn["question"]["id"]
                    choice = session.right[qid]
                    sent = time.monotonic()
                    status, _ = await connection.request(
                        "POST",
                        answers,
                        token,
                        b'{"question_id":"%s","choice_id":"%s"}' % (qid.encode(), choice.encode()),
                    )
                except (OSError, asyncio.IncompleteReadError):
                    # An overloaded server may drop a connection: count it and go on.
                    played.errors += 1
                    if connection is not None:
                        connection.close()
                    connection = None
                    continue
                end = time.monotonic()
                if status != 200:
                    played.errors += 1
                    continue
                session.answered[i] += 1
                played.submits.append(end - sent)
                played.done.append((i, session.answered[i], end))
        finally:
            if connection is not None:
                connection.close()

    await asyncio.gather(*(player(i) for i in range(count)))
    return played


def http_client(url: str, connections: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(base_url=url, limits=limits, timeout=60)


# SSE watchers: each process runs one uvloop with many raw connections.


@dataclass(frozen=True)
class Stream:
    """What a watcher asks for: the server's port, the raw HTTP request, and whose answers its
    frames show in `me` (the player index that `done` entries name)."""

    port: int
    request: bytes
    player: int


def sse_request(port: int, path: str, token: str | None = None) -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n{auth}\r\n"
    ).encode()


@dataclass
class WatchStats:
    connected: int = 0
    failed: int = 0
    dropped: int = 0
    # Watchers that received at least one frame since the mark.
    updated: int = 0
    frames: int = 0
    frame_bytes: int = 0
    cpu_seconds: float = 0.0
    unseen: int = 0
    visible_ms: Counter[int] = field(default_factory=Counter)

    def add(self, other: WatchStats) -> None:
        for name in (
            "connected",
            "failed",
            "dropped",
            "updated",
            "frames",
            "frame_bytes",
            "unseen",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.cpu_seconds += other.cpu_seconds
        self.visible_ms.update(other.visible_ms)


class Watcher(asyncio.Protocol):
    """One SSE stream. Splits the bytes at blank lines and looks only at frames with a `data:`
    line: counts them, and follows the `answered_count` of the player it is signed in as: from
    `me` in full frames, from that player's steps in frames of changes (docs/API.md). Chunked-
    encoding size lines end up glued to a frame's start, which is harmless."""

    def __init__(self, stats: WatchStats, player: int) -> None:
        self.stats = stats
        self.player = player
        self.buffer = bytearray()
        self.ready: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None
        self.last = -1
        self.seen: dict[int, float] = {}
        self.frames = 0
        self.participant: bytes | None = None  # b'"<participant id>",'

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but have its methods.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.ready.done():
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self.ready.set_result(self.buffer.startswith(b"HTTP/1.1 200"))
            del self.buffer[: end + 4]
        now = time.monotonic()
        while (end := self.buffer.find(b"\n\n")) >= 0:
            frame = bytes(self.buffer[:end])
            del self.buffer[: end + 2]
            if b"data:" not in frame:
                continue
            self.frames += 1
            self.stats.frames += 1
            self.stats.frame_bytes += len(frame)
            count = self._answered(frame)
            if count is not None:
                # Every answer up to `count` is visible from now on.
                for n in range(self.last + 1, count + 1):
                    self.seen[n] = now
                self.last = max(self.last, count)

    def _answered(self, frame: bytes) -> int | None:
        """The player's answered_count as this frame shows it, or None if it shows nothing."""
        if b'"changes":' not in frame:
            at = frame.find(b'"me":{')
            if at < 0:
                return None
            me = orjson.loads(frame[at + 5 : frame.rindex(b"}")])
            if "participant_id" in me:  # (the nchan baseline's messages carry only the count)
                self.participant = b'"%s",' % me["participant_id"].encode()
            return int(me["answered_count"])
        if self.participant is None:
            return None
        count, at = None, frame.index(b'"changes":')
        while (at := frame.find(self.participant, at + 1)) >= 0:
            step = orjson.loads(frame[frame.rfind(b"[", 0, at) : frame.find(b"]]", at) + 2])
            count = int(step[4][2])
        return count

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ready.done():
            self.ready.set_result(False)
        elif self.transport is not None:
            self.stats.dropped += 1
        self.transport = None


class _WatcherProcess:
    """The command loop of one watcher process: connect, mark, report, drop, quit."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.watchers: list[Watcher] = []
        self.stats = WatchStats()
        self.cpu_mark = time.process_time()
        self.opened = 0

    async def connect_one(self, stream: Stream, gate: asyncio.Semaphore) -> None:
        loop = asyncio.get_running_loop()
        source = SOURCES[self.opened % len(SOURCES)]
        self.opened += 1
        async with gate:
            watcher = Watcher(self.stats, stream.player)
            try:
                await loop.create_connection(
                    lambda: watcher, "127.0.0.1", stream.port, local_addr=(source, 0)
                )
                assert watcher.transport is not None
                watcher.transport.write(stream.request)
                ok = await asyncio.wait_for(watcher.ready, 60)
            except (OSError, TimeoutError):
                ok = False
        if ok:
            self.stats.connected += 1
            self.watchers.append(watcher)
        else:
            self.stats.failed += 1
            if watcher.transport is not None:
                watcher.transport.abort()

    async def handle(self, command: str, argument: Any) -> Any:
        if command == "connect":
            # Few connections in flight: the server's accept backlog is finite.
            gate = asyncio.Semaphore(32)
            await asyncio.gather(*(self.connect_one(s, gate) for s in argument))
            return (self.stats.connected, self.stats.failed)
        if command == "mark":
            self.stats.frames = self.stats.frame_bytes = self.stats.dropped = 0
            self.cpu_mark = time.process_time()
            for watcher in self.watchers:
                watcher.seen.clear()
                watcher.frames = 0
            return None
        if command == "report":
            return self.report(argument)
        if command == "drop":
            for watcher in self.watchers:
                if watcher.transport is not None:
                    watcher.transport.abort()
                    watcher.transport = None
            self.watchers = []
            self.stats = WatchStats()
            return None
        raise ValueError(command)

    def report(self, done: list[tuple[int, int, float]]) -> WatchStats:
        """Submit-to-visible of every (watcher, answer of the player it shows) pair."""
        by_player: dict[int, list[tuple[int, float]]] = {}
        for player, count, at in done:
            by_player.setdefault(player, []).append((count, at))
        out = WatchStats(
            connected=self.stats.connected,
            failed=self.stats.failed,
            dropped=self.stats.dropped,
            updated=sum(1 for w in self.watchers if w.frames),
            frames=self.stats.frames,
            frame_bytes=self.stats.frame_bytes,
            cpu_seconds=time.process_time() - self.cpu_mark,
        )
        for watcher in self.watchers:
            for count, at in by_player.get(watcher.player, ()):
                shown = watcher.seen.get(count)
                if shown is None:
                    out.unseen += 1
                    out.visible_ms[NEVER_MS] += 1
                else:
                    out.visible_ms[max(0, int((shown - at) * 1000))] += 1
        return out

    async def run(self) -> None:
        while True:
            # In a thread: a large message arrives in pieces, which a blocking read waits out.
            command, argument = await asyncio.to_thread(self.conn.recv)
            if command == "quit":
                return
            self.conn.send(await self.handle(command, argument))


def _watcher_main(conn: Connection) -> None:
    uvloop.run(_WatcherProcess(conn).run())


class WatcherPool:
    """Watcher processes. Use between phases, not while answers run: each call waits for every
    process's reply. Start it before any event loop runs in this process (it forks)."""

    def __init__(self, processes: int) -> None:
        context = multiprocessing.get_context("fork")
        self.conns: list[Connection] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []
        for _ in range(processes):
            ours, theirs = context.Pipe()
            process = context.Process(target=_watcher_main, args=(theirs,), daemon=True)
            process.start()
            self.conns.append(ours)
            self.processes.append(process)
        self.total = 0

    def _all(self, command: str, arguments: list[Any]) -> list[Any]:
        for conn, argument in zip(self.conns, arguments, strict=True):
            conn.send((command, argument))
        return [conn.recv() for conn in self.conns]

    def connect(self, streams: list[Stream]) -> tuple[int, int]:
        """Open these streams, spread over the processes; (connected, failed) so far."""
        shares: list[list[Stream]] = [[] for _ in self.conns]
        for i, stream in enumerate(streams):
            shares[(self.total + i) % len(shares)].append(stream)
        self.total += len(streams)
        replies = self._all("connect", shares)
        return sum(r[0] for r in replies), sum(r[1] for r in replies)

    def mark(self) -> None:
        """Start counting frames and CPU afresh."""
        self._all("mark", [None] * len(self.conns))

    def report(self, done: list[tuple[int, int, float]]) -> WatchStats:
        total = WatchStats()
        for stats in self._all("report", [done] * len(self.conns)):
            total.add(stats)
        return total

    def drop(self) -> None:
        """Close every stream."""
        self._all("drop", [None] * len(self.conns))
        self.total = 0

    def close(self) -> None:
        for conn in self.conns:
            conn.send(("quit", None))
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()


@contextmanager
def watcher_pool(processes: int) -> Iterator[WatcherPool]:
    pool = WatcherPool(processes)
    try:
        yield pool
    finally:
        pool.close()


# One measured phase: open watchers, let them idle, then run a load and count what they saw.


@dataclass
class Phase:
    watchers: int
    failed: int
    dropped: int
    updated: int
    rss_per_idle_watcher_kb: float
    seconds: float
    answers: int
    answers_per_s: float
    errors: int
    submit_p50_ms: float
    submit_p99_ms: float
    visible_p50_ms: float
    visible_p99_ms: float
    unseen: int
    frames_per_s: float
    frame_bytes: float
    server_cpu_share: float
    frames_per_server_cpu_s: float
    loadgen_cpu_share: float
    loadgen_main_cpu_share: float
    backends_cpu_share: dict[str, float] = field(default_factory=dict)

    def print(self, name: str) -> None:
        print(f"{name}:")
        print(
            f"  watchers={self.watchers} failed={self.failed} dropped={self.dropped}"
            f" updated={self.updated}"
            f" rss_per_idle_watcher_kb={self.rss_per_idle_watcher_kb:.1f}"
        )
        print(
            f"  seconds={self.seconds:.1f} sent={self.answers} per_s={self.answers_per_s:.1f}"
            f" errors={self.errors} submit_ms p50={self.submit_p50_ms:.1f}"
            f" p99={self.submit_p99_ms:.1f}"
        )
        print(
            f"  visible_ms p50={self.visible_p50_ms:.0f} p99={self.visible_p99_ms:.0f}"
            f" unseen={self.unseen}"
        )
        print(
            f"  frames_per_s={self.frames_per_s:.0f} frame_bytes={self.frame_bytes:.0f}"
            f" server_cpu_share={self.server_cpu_share:.2f}"
            f" frames_per_server_cpu_s={self.frames_per_server_cpu_s:.0f}"
        )
        print(
            f"  loadgen_cpu_share={self.loadgen_cpu_share:.2f}"
            f" (of which the answering process {self.loadgen_main_cpu_share:.2f}; 1.0 = one core)"
        )
        print("  " + " ".join(f"{k}_cpu_share={v:.2f}" for k, v in self.backends_cpu_share.items()))


async def measure(
    pool: WatcherPool,
    server: ProcessTree,
    new_streams: list[Stream],
    load: Callable[[], Awaitable[Played]],
    idle_s: float = 3.0,
) -> Phase:
    """Open `new_streams`, measure the server's memory once they idle, then run `load` and
    report what every watcher saw of it."""
    rss = server.rss_bytes()
    connected, failed = await asyncio.to_thread(pool.connect, new_streams)
    await asyncio.sleep(idle_s)
    grown = (server.rss_bytes() - rss) / max(1, len(new_streams) - failed)
    await asyncio.to_thread(pool.mark)
    backends = backend_trees()
    backend_cpu = {name: tree.cpu_seconds() for name, tree in backends.items()}
    cpu, own, began = server.cpu_seconds(), time.process_time(), time.monotonic()
    played = await load()
    # Frames of the last answers are still on their way.
    await asyncio.sleep(1)
    elapsed = time.monotonic() - began
    cpu, own = server.cpu_seconds() - cpu, time.process_time() - own
    backend_share = {
        name: (tree.cpu_seconds() - backend_cpu[name]) / elapsed for name, tree in backends.items()
    }
    seen = await asyncio.to_thread(pool.report, played.done)
    return Phase(
        watchers=connected,
        failed=failed,
        dropped=seen.dropped,
        updated=seen.updated,
        rss_per_idle_watcher_kb=grown / 1024,
        seconds=elapsed,
        answers=len(played.submits),
        answers_per_s=len(played.submits) / (elapsed - 1),
        errors=played.errors,
        submit_p50_ms=pct(played.submits, 0.5),
        submit_p99_ms=pct(played.submits, 0.99),
        visible_p50_ms=hist_pct(seen.visible_ms, 0.5),
        visible_p99_ms=hist_pct(seen.visible_ms, 0.99),
        unseen=seen.unseen,
        frames_per_s=seen.frames / elapsed,
        frame_bytes=seen.frame_bytes / max(1, seen.frames),
        server_cpu_share=cpu / elapsed,
        frames_per_server_cpu_s=seen.frames / cpu if cpu else float("nan"),
        loadgen_cpu_share=(own + seen.cpu_seconds) / elapsed,
        loadgen_main_cpu_share=own / elapsed,
        backends_cpu_share=backend_share,
    )


def vocabquiz_streams(
    port: int, session: BenchSession, first: int, end: int, limit: int
) -> list[Stream]:
    """Event streams `first` to `end` of the session, each signed in as one of its players in
    turn: the frames' `me` shows that player's answers."""
    path = f"/api/sessions/{session.code}/events?limit={limit}"
    players = len(session.tokens)
    return [
        Stream(port, sse_request(port, path, session.tokens[i % players]), i % players)
        for i in range(first, end)
    ]

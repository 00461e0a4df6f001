"""Event-stream clients that vanish: thousands of streams opened and dropped, read or not, closed
or reset. Afterwards the server counts no stream, holds no more memory or sockets than before,
and still serves and broadcasts at once."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import time
from pathlib import Path

import pytest

from tests.conftest import Api
from tests.event_stream import RawStream, stream
from tests.faults.load import Player, join_players
from tests.monitoring.exposition import Sample, scrape, total
from tests.servers import instance
from tests.sessions.game import answer, open_session

pytestmark = pytest.mark.server

CYCLES = 5_000
WARM_UP = 200
CONCURRENCY = 50
# RSS may grow a little (allocator pools, caches) but not with the number of streams.
MAX_RSS_GROWTH = 16 * 2**20


async def _vanish(port: int, path: str, headers: dict[str, str], cycle: int) -> None:
    """One client: asks for the stream, then (by `cycle`) reads the first leaderboard frame or
    not, and leaves with a close (FIN) or a reset (RST)."""
    raw = await RawStream.connect(port, path, headers)
    try:
        mode = cycle % 4
        if mode < 2:
            async with asyncio.timeout(10):
                await raw.read_head()
                await raw.frame(b"event: leaderboard\n", within=10)
        if mode % 2:
            sock = raw.writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        raw.close()
        with contextlib.suppress(ConnectionError):
            await raw.writer.wait_closed()


async def _cycles(port: int, path: str, clients: list[dict[str, str]], count: int) -> None:
    queue = iter(range(count))

    async def worker() -> None:
        for cycle in queue:
            await _vanish(port, path, clients[cycle % len(clients)], cycle)

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


async def test_vanishing_stream_clients_leave_nothing_behind(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    # No log line per request: thousands of them would only slow the server down here. Pings
    # often enough that many clients get one in the same read as their first frame.
    env = {
        **production_env,
        "VOCABQUIZ_LOG_LEVEL": "WARNING",
        "VOCABQUIZ_PING_INTERVAL_S": "0.05",
        # 50 clients at once over 11 accounts.
        "VOCABQUIZ_STREAMS_PER_USER": "50",
    }
    async with instance(env, tmp_path / "server.log") as server:
        client, port = server.client, server.port
        api = Api(client)

        admin, code, quiz = await open_session(api, questions=5, time_limit_s=None)
        players: list[Player] = await join_players(api, code, 10)
        path = f"/api/sessions/{code}/events?limit=100"
        clients = [p.headers for p in players] + [admin]

        async def settled(what: str, before: list[Sample] | None = None) -> list[Sample]:
            """/metrics once no stream is counted any more and, when given what was there
            `before`, no more tasks and sockets than then (bounded: connections that are
            closing take a moment to finish, one left behind never does)."""
            deadline = time.monotonic() + 10
            while True:
                now = await scrape(client)
                left = {"streams": total(now, "vocabquiz_sse_connections")}
                if before is not None:
                    for name, slack in (
                        ("vocabquiz_asyncio_tasks", 0),
                        ("process_open_fds", 3),
                    ):
                        left[name] = max(0, total(now, name) - total(before, name) - slack)
                if not any(left.values()):
                    return now
                assert time.monotonic() < deadline, f"still there {what}: {left}"
                await asyncio.sleep(0.05)

        await _cycles(port, path, clients, WARM_UP)
        before = await settled("after the warm-up")
        started = time.monotonic()
        await _cycles(port, path, clients, CYCLES)
        took = time.monotonic() - started
        after = await settled(f"after {CYCLES} vanished clients", before)

        rss = [total(t, "process_resident_memory_bytes") for t in (before, after)]
        fds = [total(t, "process_open_fds") for t in (before, after)]
        tasks = [total(t, "vocabquiz_asyncio_tasks") for t in (before, after)]
        cpu = total(after, "process_cpu_seconds_total") - total(before, "process_cpu_seconds_total")
        print(
            f"\n{CYCLES} streams in {took:.1f}s (server CPU {cpu:.1f}s); RSS "
            f"{rss[0] / 2**20:.1f} -> {rss[1] / 2**20:.1f} MiB; open fds {fds[0]:.0f} -> "
            f"{fds[1]:.0f}; tasks {tasks[0]:.0f} -> {tasks[1]:.0f}"
        )
        assert rss[1] - rss[0] < MAX_RSS_GROWTH, rss
        # No socket (a little slack for pooled connections) nor task of a vanished client
        # is left behind: settled() waited for both to come back down.
        assert fds[1] <= fds[0] + 3 and tasks[1] <= tasks[0], (fds, tasks)

        # Streams coming and going never cost the event bus its connection (a session's last
        # stream leaving and the next arriving at once is not a channel taken away).
        assert "event_bus_disconnected" not in (tmp_path / "server.log").read_text()

        # Still quick, and a new stream still gets its frames at once.
        t = time.monotonic()
        r = await client.get("/healthz")
        assert r.status_code == 200 and time.monotonic() - t < 0.5
        async with stream(client, path, players[0].headers) as reader:
            await reader.wait_for(lambda n, d: n == "leaderboard", within=2)
            result = await answer(api, code, players[1].headers, quiz)
            await reader.wait_for(
                lambda n, d: n == "leaderboard" and d["entries"][0]["score"] == result["score"],
                within=2,
            )

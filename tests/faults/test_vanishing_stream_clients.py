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

import httpx
import pytest

from tests.conftest import Api
from tests.faults.load import Player, join_players
from tests.live import serve, stream
from tests.sessions.game import answer, open_session

pytestmark = pytest.mark.server

CYCLES = 5_000
WARM_UP = 200
CONCURRENCY = 50
# RSS may grow a little (allocator pools, caches) but not with the number of streams.
MAX_RSS_GROWTH = 16 * 2**20


def _metric(text: str, name: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith(name + " ") or line.startswith(name + "{")
    )


def _request(path: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Accept: text/event-stream"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _first_event(reader: asyncio.StreamReader, name: bytes) -> None:
    """Reads the response head, then the chunked body until a whole `name` event is in it,
    whatever else (pings, other events) comes before or after it in the same read."""
    head = await reader.readuntil(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    assert b"\r\ntransfer-encoding: chunked\r\n" in head.lower(), head
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n"))[:-2], 16)
        assert size, f"stream ended early: {body[:200]!r}"
        body += (await reader.readexactly(size + 2))[:-2]
        *events, _ = body.split(b"\n\n")
        if any(e.startswith(b"event: " + name + b"\n") for e in events):
            return


async def _vanish(port: int, request: bytes, cycle: int) -> None:
    """One client: connects, asks for the stream, then (by `cycle`) reads the first leaderboard
    frame or not, and leaves with a close (FIN) or a reset (RST)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        mode = cycle % 4
        if mode < 2:
            async with asyncio.timeout(10):
                await _first_event(reader, b"leaderboard")
        if mode % 2:
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def _cycles(port: int, requests: list[bytes], count: int) -> None:
    queue = iter(range(count))

    async def worker() -> None:
        for cycle in queue:
            await _vanish(port, requests[cycle % len(requests)], cycle)

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
    with serve(env, tmp_path / "server.log") as url:
        port = int(url.rsplit(":", 1)[1])
        async with httpx.AsyncClient(base_url=url, timeout=15) as client:
            api = Api(client)

            async def metrics() -> str:
                return (await client.get("/metrics")).text

            admin, code, quiz = await open_session(api, questions=5, time_limit_s=None)
            players: list[Player] = await join_players(api, code, 10)
            path = f"/api/sessions/{code}/events?limit=100"
            requests = [_request(path, p.headers) for p in players] + [_request(path, admin)]

            async def settled(what: str, before: str | None = None) -> str:
                """/metrics once no stream is counted any more and, when given what was there
                `before`, no more tasks and sockets than then (bounded: connections that are
                closing take a moment to finish, one left behind never does)."""
                deadline = time.monotonic() + 10
                while True:
                    text = await metrics()
                    left = {"streams": _metric(text, "vocabquiz_sse_connections")}
                    if before is not None:
                        for name, slack in (
                            ("vocabquiz_asyncio_tasks", 0),
                            ("process_open_fds", 3),
                        ):
                            left[name] = max(0, _metric(text, name) - _metric(before, name) - slack)
                    if not any(left.values()):
                        return text
                    assert time.monotonic() < deadline, f"still there {what}: {left}"
                    await asyncio.sleep(0.05)

            await _cycles(port, requests, WARM_UP)
            before = await settled("after the warm-up")
            started = time.monotonic()
            await _cycles(port, requests, CYCLES)
            took = time.monotonic() - started
            after = await settled(f"after {CYCLES} vanished clients", before)

            rss = [_metric(t, "process_resident_memory_bytes") for t in (before, after)]
            fds = [_metric(t, "process_open_fds") for t in (before, after)]
            tasks = [_metric(t, "vocabquiz_asyncio_tasks") for t in (before, after)]
            cpu = _metric(after, "process_cpu_seconds_total") - _metric(
                before, "process_cpu_seconds_total"
            )
            print(
                f"\n{CYCLES} streams in {took:.1f}s (server CPU {cpu:.1f}s); RSS "
                f"{rss[0] / 2**20:.1f} -> {rss[1] / 2**20:.1f} MiB; open fds {fds[0]:.0f} -> "
                f"{fds[1]:.0f}; tasks {tasks[0]:.0f} -> {tasks[1]:.0f}"
            )
            assert rss[1] - rss[0] < MAX_RSS_GROWTH, rss
            # No socket (a little slack for pooled connections) nor task of a vanished client
            # is left behind: settled() waited for both to come back down.
            assert fds[1] <= fds[0] + 3 and tasks[1] <= tasks[0], (fds, tasks)

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

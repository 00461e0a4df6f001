"""`vocabquiz serve` bounds each request's head: a client that sends it slowly (or sends nothing)
is disconnected after VOCABQUIZ_REQUEST_HEAD_TIMEOUT_S, and a head over
VOCABQUIZ_MAX_REQUEST_HEAD_KIB gets a 431; requests with large bodies and long-lived streams are
not affected."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

import pytest

from tests.conftest import Api
from tests.event_stream import stream
from tests.servers import instance
from tests.sessions.game import joined, open_session

pytestmark = pytest.mark.server


async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1024), within) == b""
    except (TimeoutError, ConnectionResetError):
        return False


async def test_slow_and_oversized_heads_are_cut_off(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    env = {
        **production_env,
        "VOCABQUIZ_REQUEST_HEAD_TIMEOUT_S": "1",
        "VOCABQUIZ_MAX_REQUEST_HEAD_KIB": "32",
    }
    async with instance(env, tmp_path / "server.log") as server:
        port = server.port
        connections = [await asyncio.open_connection("127.0.0.1", port) for _ in range(300)]
        try:
            for i, (_, writer) in enumerate(connections):
                if i % 3:  # the others send nothing at all
                    writer.write(b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ")
            start = time.monotonic()
            closed = await asyncio.gather(*(_closed_by_server(r, 5) for r, _ in connections))
            assert all(closed), f"{closed.count(False)} of {len(closed)} still open"
            assert time.monotonic() - start < 4
        finally:
            for _, writer in connections:
                writer.close()

        # A huge header line: refused once it passes the limit, long before it ends.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Big: ")
        sent = 0

        async def send_64_mib() -> None:
            nonlocal sent
            with contextlib.suppress(ConnectionError):
                while sent < 64 * 1024 * 1024:
                    writer.write(b"a" * 65536)
                    await writer.drain()
                    sent += 65536

        sending = asyncio.create_task(send_64_mib())
        try:
            reply = await asyncio.wait_for(reader.read(), 10)
        finally:
            sending.cancel()
            await asyncio.gather(sending, return_exceptions=True)
            writer.close()
        assert reply.startswith(b"HTTP/1.1 431 "), reply[:100]
        assert sent < 64 * 1024 * 1024

        client = server.client
        api = Api(client)
        # Heads under the limit and large bodies pass; keep-alive requests go on working.
        r = await client.get("/healthz", headers={"X-Padding": "p" * 20_000})
        assert r.status_code == 200
        admin, code, _ = await open_session(api)
        big = {"title": "Long", "description": "d" * 2000, "questions": []}
        r = await client.post("/api/quizzes", json=big, headers={**admin, "X-Pad": "p" * 8000})
        assert r.status_code == 201, r.text
        # A stream lives on past the head timeout: the timer stops when the head is in.
        ann = await joined(api, code, "Ann")
        async with stream(client, f"/api/sessions/{code}/events", ann) as events:
            await asyncio.sleep(2.5)
            assert events.comments >= 1 and not events.ended
        await asyncio.sleep(0.5)
        assert (await client.get("/healthz")).status_code == 200

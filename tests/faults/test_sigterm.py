"""SIGTERM with answers in flight and event streams open: the answers finish with their normal
status, the streams end cleanly, and the process exits within 10 s."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import Api
from tests.event_stream import stream
from tests.faults.load import join_players, stored_answers
from tests.servers import server_process
from tests.sessions.game import correct_choice, open_session

pytestmark = pytest.mark.server

ANSWERS_IN_FLIGHT = 12
STREAMS = 5


async def _waiting_on_locks(database_url: str, count: int, within: float) -> None:
    """Until `count` backends of this database wait for a lock (bounded). A connection of its
    own: inside a transaction, pg_stat_activity would not change."""
    conn = await asyncpg.connect(database_url, timeout=10)
    try:
        deadline = time.monotonic() + within
        while True:
            waiting = await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if waiting >= count:
                return
            assert time.monotonic() < deadline, f"{waiting} of {count} answers are waiting"
            await asyncio.sleep(0.05)
    finally:
        await conn.close()


async def _refused(port: int, within: float) -> None:
    """Until the server no longer takes connections (bounded)."""
    deadline = time.monotonic() + within
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except (ConnectionRefusedError, ConnectionResetError):
            # Refused, or reset: a connection that reached the closing listener's backlog.
            return
        writer.close()
        await writer.wait_closed()
        assert time.monotonic() < deadline, "the server still takes connections"
        await asyncio.sleep(0.02)


def _exit_code(process: subprocess.Popen[bytes], within: float) -> int | None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        return process.wait(within)
    return None


async def test_sigterm_finishes_answers_in_flight_ends_streams_and_exits(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    database_url = production_env["VOCABQUIZ_DATABASE_URL"]
    with server_process(production_env, tmp_path / "server.log") as server:
        async with (
            httpx.AsyncClient(base_url=server.url, timeout=30) as client,
            httpx.AsyncClient(base_url=server.url) as stream_client,
        ):
            api = Api(client)
            _, code, quiz = await open_session(api, questions=3, time_limit_s=None)
            players = await join_players(api, code, ANSWERS_IN_FLIGHT)
            bodies = []
            for p in players:
                r = await client.get(f"/api/sessions/{code}/question", headers=p.headers)
                qid = r.json()["question"]["id"]
                bodies.append({"question_id": qid, "choice_id": correct_choice(quiz, qid)})

            # A real slow request: the players' rows are locked by another transaction, so every
            # answer waits inside the server, in the database, until the lock goes.
            locker = await asyncpg.connect(database_url, timeout=10)
            try:
                lock = locker.transaction()
                await lock.start()
                await locker.execute(
                    "SELECT p.id FROM participants p JOIN sessions s ON s.id = p.session_id"
                    " WHERE s.code = $1 FOR UPDATE OF p",
                    code,
                )
                events = f"/api/sessions/{code}/events"
                async with contextlib.AsyncExitStack() as streams:
                    readers = [
                        await streams.enter_async_context(stream(stream_client, events, p.headers))
                        for p in players[:STREAMS]
                    ]
                    for reader in readers:
                        await reader.wait_for(lambda n, d: n == "leaderboard")

                    async def send(i: int) -> httpx.Response:
                        return await client.post(
                            f"/api/sessions/{code}/answers",
                            json=bodies[i],
                            headers=players[i].headers,
                        )

                    in_flight = [asyncio.create_task(send(i)) for i in range(len(players))]
                    streams.callback(lambda: [t.cancel() for t in in_flight])  # on a failure
                    await _waiting_on_locks(database_url, len(players), within=15)

                    server.process.send_signal(signal.SIGTERM)
                    signalled_at = time.monotonic()
                    # The streams end cleanly (not a reset) while the answers are still running.
                    deadline = time.monotonic() + 5
                    while not all(r.ended for r in readers):
                        assert time.monotonic() < deadline, [r.ended for r in readers]
                        await asyncio.sleep(0.02)
                    # Shutting down (no new connections), and still waiting for the answers.
                    await _refused(server.port, within=5)
                    assert not any(t.done() for t in in_flight)
                    assert server.process.poll() is None
                    await lock.rollback()
                    responses = await asyncio.gather(*in_flight)
            finally:
                await locker.close()

            exit_code = await asyncio.to_thread(_exit_code, server.process, 15)
            exited_after = time.monotonic() - signalled_at

    results: list[dict[str, Any]] = [r.json() for r in responses]
    assert [r.status_code for r in responses] == [200] * len(players), results
    assert all(r["correct"] and r["points_awarded"] > 0 for r in results), results
    stored = await stored_answers(database_url, code)
    sent = zip(players, bodies, strict=True)
    assert stored == {(p.participant_id, b["question_id"]) for p, b in sent}
    print(f"\nexited {exited_after:.2f}s after SIGTERM with {exit_code}")
    # uvicorn re-raises the signal once it has shut down gracefully.
    assert exit_code in (0, -signal.SIGTERM), exit_code
    assert exited_after < 10

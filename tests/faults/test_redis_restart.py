"""Redis restarts empty in the middle of a session while players answer: the database is the
truth, so the standings come back exactly, and the streams open before the restart go on."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.event_stream import EventReader, stream
from tests.faults.load import Load, Probe, board_entries, expected_entries, served_session
from tests.servers import PrivateRedis, server_env
from tests.sessions.game import answer

pytestmark = pytest.mark.server


async def test_redis_restarted_empty_mid_session_loses_no_standings(
    shared_database: str, private_redis: PrivateRedis, tmp_path: Path
) -> None:
    env = server_env(shared_database, private_redis.url)
    async with served_session(env, tmp_path / "server.log") as served:
        client, admin, code, players = served.client, served.admin, served.code, served.players
        first, watcher = players[0], players[1]
        events = served.events
        async with (
            stream(served.stream_client, events, first.headers) as first_stream,
            stream(served.stream_client, events, watcher.headers) as watcher_stream,
            stream(served.stream_client, events, admin) as admin_stream,
        ):
            readers: list[EventReader] = [first_stream, watcher_stream, admin_stream]
            for reader in readers:
                await reader.wait_for(lambda n, d: n == "leaderboard")
            # `first` answers only after the restart; the others play through it.
            load = Load(code, served.quiz)
            tasks = [asyncio.create_task(load.play([client], p)) for p in players[1:]]
            # New streams keep being opened all along, during the outage too.
            connects = Probe(events, watcher.headers, is_stream=True, every=0.1)
            tasks.append(asyncio.create_task(connects.run(client, load.stop)))
            try:
                await load.wait_for_answers(25, within=20)
                version_before = max(d["version"] for r in readers for d in r.leaderboards())
                await asyncio.to_thread(private_redis.stop)
                down_at = time.monotonic()
                # Gone for a moment while the players keep answering, then back empty.
                await asyncio.sleep(1.0)
                await asyncio.to_thread(private_redis.start)
                up_at = time.monotonic()
                await load.wait_for_answers(25, within=30, since=up_at)
            finally:
                load.stop.set()
                await asyncio.gather(*tasks)

            failed = load.failed()
            kinds = Counter(f"{c.kind} {c.status} {c.body}" for c in failed)
            print(
                f"\nredis down {up_at - down_at:.2f}s; {len(load.calls)} requests, "
                f"{len(load.answered())} answers; failed: {dict(kinds)}"
            )
            # Only a clear 503 for the moment Redis is away: never a 500, a hang or a reset,
            # and nothing fails once it is back (no connection to the old Redis is reused).
            assert all(c.is_clear_503 for c in failed), [str(c) for c in failed]
            assert not [str(c) for c in failed if c.started >= up_at]
            assert all(c.seconds < 10 for c in load.calls)
            refused = [(s, b) for _, s, b in connects.seen if s != 200]
            print(f"{len(connects.seen)} streams opened, {len(refused)} refused")
            assert all(s == 503 and isinstance(b, dict) and b.get("detail") for s, b in refused), (
                refused
            )

            # An answer made after the restart reaches every stream opened before it.
            mine = await answer(served.api, code, first.headers, served.quiz)
            for reader in readers:
                await reader.wait_for(
                    lambda n, d: (
                        n == "leaderboard"
                        and any(
                            e["participant_id"] == first.participant_id
                            and e["answered_count"] == 1
                            and e["score"] == mine["score"]
                            for e in d["entries"]
                        )
                    ),
                    within=10,
                )

            r = await client.get(f"/api/sessions/{code}/results", headers=admin)
            assert r.status_code == 200, r.text
            expected = expected_entries(r.json())
            assert len(expected) == len(players)
            r = await client.get(
                f"/api/sessions/{code}/leaderboard?limit=100", headers=first.headers
            )
            assert r.status_code == 200, r.text
            board = r.json()
            assert board_entries(board) == expected
            assert board["participant_count"] == len(players)
            assert board["version"] >= version_before
            me = board["me"]
            assert me is not None and me["participant_id"] == first.participant_id
            for reader in readers:
                _, last, _ = await reader.wait_for(
                    lambda n, d: n == "leaderboard" and board_entries(d) == expected
                )
                assert last["version"] >= version_before
                # Never ended: the client did not have to reconnect.
                assert not reader.ended

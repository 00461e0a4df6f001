"""PostgreSQL stops for a few seconds under load: clear 503s in the meantime, never a hang or a
500; not ready while it is away; back to normal by itself; no answer that got a 200 is lost."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.event_stream import stream
from tests.faults.load import (
    Load,
    Probe,
    board_entries,
    expected_entries,
    inconsistent_totals,
    served_session,
    stored_answers,
)
from tests.servers import PrivatePostgres, PrivateRedis, server_env

pytestmark = pytest.mark.server

OUTAGE_S = 3.0
# "Not a hang": every request answers within this, the database away or not.
MAX_REQUEST_S = 5.0


async def test_postgres_outage_gives_clear_503s_and_recovers_by_itself(
    private_postgres: PrivatePostgres, private_redis: PrivateRedis, tmp_path: Path
) -> None:
    env = server_env(private_postgres.url, private_redis.url)
    async with served_session(env, tmp_path / "server.log") as served:
        client, code, events, players = served.client, served.code, served.events, served.players
        async with stream(served.stream_client, events, players[0].headers) as watcher:
            await watcher.wait_for(lambda n, d: n == "leaderboard")
            load = Load(code, served.quiz)
            readiness = Probe("/readyz")
            # New streams keep being opened all along, during the outage too.
            connects = Probe(events, players[1].headers, is_stream=True)
            tasks = [asyncio.create_task(load.play([client], p)) for p in players]
            tasks += [asyncio.create_task(p.run(client, load.stop)) for p in (readiness, connects)]
            try:
                await load.wait_for_answers(25, within=20)
                await asyncio.to_thread(private_postgres.stop, "fast")
                down_at = time.monotonic()
                await asyncio.sleep(OUTAGE_S)  # the outage itself, with the load going on
                await asyncio.to_thread(private_postgres.start)
                up_at = time.monotonic()
                # Back by itself: answers succeed again without restarting vocabquiz.
                await load.wait_for_answers(1, within=15, since=up_at)
                back_at = min(c.started + c.seconds for c in load.answered(since=up_at))
                await load.wait_for_answers(25, within=30, since=up_at)
                # Streams open again too (the first try may meet a connection the outage
                # broke: a clear 503, and the next one opens).
                deadline = time.monotonic() + 10
                while not any(s == 200 for t, s, _ in connects.seen if t >= up_at):
                    assert time.monotonic() < deadline, connects.seen[-5:]
                    await asyncio.sleep(0.1)
            finally:
                load.stop.set()
                await asyncio.gather(*tasks)

            failed = load.failed()
            during = [c for c in load.calls if down_at <= c.started < up_at - 0.5]
            print(
                f"\npostgres down {up_at - down_at:.2f}s, answers again {back_at - up_at:.2f}s "
                f"after it was back; {len(load.calls)} requests, {len(load.answered())} "
                f"answers, {len(failed)} failed ({len(during)} requests while down); slowest "
                f"{max(c.seconds for c in load.calls):.2f}s"
            )
            assert all(c.is_clear_503 for c in failed), [
                str(c) for c in failed if not c.is_clear_503
            ]
            assert during and all(c.status == 503 for c in during), [str(c) for c in during]
            slow = [str(c) for c in load.calls if c.seconds > MAX_REQUEST_S]
            assert not slow, slow
            assert back_at - up_at < 10

            down = readiness.between(down_at, up_at - 0.5)
            assert down and all(s == 503 for s, _ in down), down
            assert all(b == {"status": "unavailable", "down": ["database"]} for _, b in down)
            r = await client.get("/readyz")
            assert r.status_code == 200, r.text
            # Streams cannot open while the database is away (a clear 503), and can after.
            refused = connects.between(down_at, up_at - 0.5)
            assert refused and all(
                s == 503 and isinstance(b, dict) and b.get("detail") for s, b in refused
            ), refused
            assert all(s in (200, 503) for _, s, _ in connects.seen), connects.seen
            assert connects.seen[-1][1] == 200, connects.seen[-5:]

            # The stream opened before the outage goes on and shows the database's standings.
            r = await client.get(f"/api/sessions/{code}/results", headers=served.admin)
            expected = expected_entries(r.json())
            await watcher.wait_for(lambda n, d: n == "leaderboard" and board_entries(d) == expected)
            assert not watcher.ended

    # Checked in the database itself: every answer that got a 200 is there, totals agree.
    stored = await stored_answers(private_postgres.url, code)
    missing = load.stored_keys() - stored
    assert not missing, missing
    assert await inconsistent_totals(private_postgres.url, code) == []

"""A single instance killed (SIGKILL) under load, on PostgreSQL + Redis: answers it committed but
whose standings update never ran must not leave the leaderboard wrong. After the restart, the
leaderboard of every session equals its results, and again after the sessions are closed.

The kill hits that window only some of the time, so a second session is put in exactly that state
every run: one answer is committed and its update is undone in Redis (the keys restored to what
they held before it), as if the process had died between the two."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest
from redis.asyncio import Redis

from tests.conftest import Api
from tests.faults.load import Load, board_is_results, join_players
from tests.servers import REDIS_URL, instance
from tests.sessions.game import answer, joined, open_session

pytestmark = pytest.mark.server
PARTS = ("order", "members", "data", "version", "steps")


async def test_the_leaderboard_equals_the_results_after_a_kill(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    keys = [f"{production_env['VOCABQUIZ_REDIS_NAMESPACE']}:lb:{{{{{{code}}}}}}:{p}" for p in PARTS]
    redis = Redis.from_url(REDIS_URL)
    try:
        async with instance(production_env, tmp_path / "killed.log") as victim:
            client = victim.client
            api = Api(client)
            admin, busy, quiz = await open_session(api, questions=100, time_limit_s=None)
            _, quiet, quiet_quiz = await open_session(api, questions=3, time_limit_s=None)
            ann, bob = [await joined(api, quiet, n) for n in ("Ann", "Bob")]
            await answer(api, quiet, ann, quiet_quiz)
            await answer(api, quiet, bob, quiet_quiz)
            quiet_keys = [k.format(code=quiet) for k in keys]
            before = [await redis.dump(k) for k in quiet_keys]
            await answer(api, quiet, ann, quiet_quiz)  # committed; its update undone below

            players = await join_players(api, busy, 20)
            load = Load(busy, quiz)
            tasks = [asyncio.create_task(load.play([client], p)) for p in players]
            try:
                await load.wait_for_answers(100, within=30)
                victim.process.send_signal(signal.SIGKILL)
                assert await asyncio.to_thread(victim.process.wait, 10) == -signal.SIGKILL
            finally:
                load.stop.set()
                await asyncio.gather(*tasks)
        for key, dumped in zip(quiet_keys, before, strict=True):
            await redis.delete(key)
            if dumped is not None:
                await redis.restore(key, 0, dumped)

        async with instance(production_env, tmp_path / "restarted.log") as restarted:
            client = restarted.client
            for code in (busy, quiet):
                await board_is_results(client, code, admin)
            for code in (busy, quiet):
                r = await client.post(f"/api/sessions/{code}/close", headers=admin)
                assert r.status_code == 200, r.text
                await board_is_results(client, code, admin)
            # Closed sessions' standings are kept for a while, not for good.
            for key in (k.format(code=busy) for k in keys[:4]):
                assert 0 < await redis.ttl(key) <= 86_400, key
    finally:
        await redis.aclose()

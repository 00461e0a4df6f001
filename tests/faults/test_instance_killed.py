"""One of two instances sharing PostgreSQL and Redis is killed (SIGKILL) under load: no answer
that got a 200 from either is lost, and the other instance keeps serving."""

from __future__ import annotations

import asyncio
import signal
import time

import pytest

from tests.conftest import Api
from tests.faults.load import Load, inconsistent_totals, join_players, stored_answers
from tests.servers import Instance
from tests.sessions.game import open_session

pytestmark = pytest.mark.server


async def test_killed_instance_loses_no_answer_and_the_other_keeps_serving(
    two_instances: tuple[Instance, Instance], production_env: dict[str, str]
) -> None:
    victim, survivor = two_instances
    to_victim, to_survivor = victim.client, survivor.client
    _, code, quiz = await open_session(Api(to_survivor), questions=100, time_limit_s=None)
    players = await join_players(Api(to_victim), code, 10)
    load = Load(code, quiz)
    # Half the players play through each instance; a request that gets no answer at all
    # makes its player go on through the other one, as behind a load balancer.
    tasks = [
        asyncio.create_task(
            load.play([to_victim, to_survivor] if i % 2 else [to_survivor, to_victim], p)
        )
        for i, p in enumerate(players)
    ]
    try:
        await load.wait_for_answers(20, within=20, via=victim.url)
        await load.wait_for_answers(20, within=20, via=survivor.url)
        victim.process.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        assert await asyncio.to_thread(victim.process.wait, 10) == -signal.SIGKILL
        await load.wait_for_answers(40, within=30, since=killed_at, via=survivor.url)
    finally:
        load.stop.set()
        await asyncio.gather(*tasks)

    lost_with_victim = [c for c in load.calls if c.via == victim.url and c.status is None]
    after_kill = [c for c in load.calls if c.via == survivor.url and c.started >= killed_at]
    print(
        f"\n{len(load.calls)} requests, {len(load.answered())} answers "
        f"({len(load.answered(via=victim.url))} through the killed instance); "
        f"{len(lost_with_victim)} got no answer from the killed instance; "
        f"{len(after_kill)} through the other after the kill"
    )
    # Nothing failed but what went to the killed instance, and only by getting no answer.
    assert all(c.status == 200 for c in load.calls if c.via == survivor.url), [
        str(c) for c in load.calls if c.via == survivor.url and c.status != 200
    ]
    assert all(c.status in (200, None) for c in load.calls), [str(c) for c in load.failed()]
    assert lost_with_victim, "the kill hit no request: it was not under load"
    # Every answer that got a 200, from either instance, is in the database; totals agree.
    database_url = production_env["VOCABQUIZ_DATABASE_URL"]
    missing = load.stored_keys() - await stored_answers(database_url, code)
    assert not missing, missing
    assert await inconsistent_totals(database_url, code) == []

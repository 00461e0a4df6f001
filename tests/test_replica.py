"""A real streaming replica: a primary and a standby of the test's own (initdb with wal_level =
replica, pg_basebackup -R), the service on both. Reads meant for the replica (a player's history,
results, analytics) go there once it has caught up, so a player always sees the answer they just
gave; with the replica stopped they go to the primary and /readyz says so; its lag is a metric."""

from __future__ import annotations

import asyncio
import glob
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.conftest import Api
from tests.monitoring.exposition import parse, total
from tests.servers import IN_CI, PG_BIN_GLOB, PrivatePostgres, instance, server_env
from tests.sessions.game import answer, joined, open_session

pytestmark = pytest.mark.server

PRIMARY_SETTINGS = "wal_level = replica\nmax_wal_senders = 4\n"
PRIMARY_SETTINGS += "shared_preload_libraries = 'pg_stat_statements'\n"
# The standby applies each commit 300 ms late, as a busy or distant replica would: a read sent
# there at once, without waiting for the answer's commit, would miss it.
STANDBY_SETTINGS = "recovery_min_apply_delay = '300ms'\n"
# Statements of the reads meant for the replica: they all read participants.
REPLICA_READS = """
SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
WHERE d.datname = 'vocabquiz' AND s.query ILIKE '%participants%'
"""


@pytest.fixture
def clusters() -> Iterator[tuple[PrivatePostgres, PrivatePostgres]]:
    if not glob.glob(PG_BIN_GLOB):
        message = f"PostgreSQL ({PG_BIN_GLOB}) is not installed"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    primary, standby = PrivatePostgres(), PrivatePostgres()
    try:
        primary.init(PRIMARY_SETTINGS)
        primary.start()
        asyncio.run(_database(primary.url))
        standby.init_standby(primary, STANDBY_SETTINGS)
        standby.start()
        yield primary, standby
    finally:
        standby.close()
        primary.close()


async def _database(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("CREATE DATABASE vocabquiz")
    finally:
        await connection.close()
    connection = await asyncpg.connect(_vocabquiz(url))
    try:
        await connection.execute("CREATE EXTENSION pg_stat_statements")
    finally:
        await connection.close()


def _vocabquiz(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/vocabquiz"


async def _replica_reads(standby: PrivatePostgres) -> int:
    connection = await asyncpg.connect(_vocabquiz(standby.url))
    try:
        return int(await connection.fetchval(REPLICA_READS))
    finally:
        await connection.close()


async def _metric(client: httpx.AsyncClient, name: str) -> float:
    return total(parse((await client.get("/metrics")).text), name)


async def _my_answers(api: Api, player: dict[str, str], code: str) -> int:
    r = await api.client.get("/api/me/sessions", headers=player)
    assert r.status_code == 200, r.text
    (entry,) = [e for e in r.json() if e["session_code"] == code]
    return int(entry["answered_count"])


async def _eventually(check: object, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not await check():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.2)


@pytest.fixture
async def served(
    clusters: tuple[PrivatePostgres, PrivatePostgres], tmp_path: Path
) -> AsyncIterator[tuple[Api, PrivatePostgres]]:
    primary, standby = clusters
    env = server_env(_vocabquiz(primary.url))
    env["VOCABQUIZ_DATABASE_READ_URL"] = _vocabquiz(standby.url)
    async with instance(env, tmp_path / "server.log") as one:
        yield Api(one.client), standby


async def test_reads_go_to_the_replica_and_a_player_sees_their_own_answers(
    served: tuple[Api, PrivatePostgres],
) -> None:
    api, standby = served
    _, code, quiz = await open_session(api, questions=10)
    player = await joined(api, code, "Ann")
    before = await _replica_reads(standby)
    for n in range(1, 11):
        await answer(api, code, player, quiz)
        # At once, with no pause: the read waited for the replica to replay the answer.
        assert await _my_answers(api, player, code) == n
    assert await _replica_reads(standby) - before >= 10
    assert await _metric(api.client, "vocabquiz_db_replica_up") == 1
    assert 0 <= await _metric(api.client, "vocabquiz_db_replica_lag_bytes") < 16 * 2**20
    r = await api.client.get("/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


async def test_with_the_replica_stopped_reads_go_to_the_primary_and_readyz_says_so(
    served: tuple[Api, PrivatePostgres],
) -> None:
    api, standby = served
    _, code, quiz = await open_session(api, questions=4)
    player = await joined(api, code, "Bob")
    await answer(api, code, player, quiz)
    await asyncio.to_thread(standby.stop, "fast")
    for n in (2, 3):
        await answer(api, code, player, quiz)
        assert await _my_answers(api, player, code) == n
    r = await api.client.get("/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ok", "degraded": ["replica"]}

    async def reported_down() -> bool:
        return await _metric(api.client, "vocabquiz_db_replica_up") == 0

    await _eventually(reported_down, 10, "the replica's gauge did not go to 0")
    # Back: reads return to it once it answers again.
    await asyncio.to_thread(standby.start)
    before = await _replica_reads(standby)
    await answer(api, code, player, quiz)

    async def read_there() -> bool:
        assert await _my_answers(api, player, code) == 4
        return await _replica_reads(standby) > before

    await _eventually(read_there, 20, "reads did not return to the replica")
    r = await api.client.get("/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}

"""The service on a real Redis Cluster: three primaries with a replica each, of the test's own.
Sessions whose codes land on different primaries are played on two instances, and each
leaderboard equals the database; a watcher on one instance hears answers taken by the other
(sharded pub/sub on the session's primary). Then the primary holding a session is killed: play
goes on with 503s at most while its replica takes over, and nothing that got a 200 is lost."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Api
from tests.event_stream import stream
from tests.servers import IN_CI, Instance, PrivateRedisCluster, instances, server_env
from tests.sessions.game import correct_choice, joined, open_session

pytestmark = pytest.mark.server

PLAYERS = 3  # per session
SESSIONS = 6
ROUNDS = 15  # answers per player across the failover


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[PrivateRedisCluster]:
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        message = "redis-server and redis-cli are not installed"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    servers = PrivateRedisCluster(tmp_path / "cluster")
    (tmp_path / "cluster").mkdir()
    try:
        servers.start()
        yield servers
    finally:
        servers.close()


def _key(code: str) -> str:
    return f"{{{code}}}"


async def _answer(
    api: Api, code: str, player: dict[str, str], quiz: dict[str, Any], statuses: list[int]
) -> None:
    """One answer (right), sent again after a 503 as the app does until it gets a 200 (the
    first result, if the answer was stored before the failure); every status is noted."""
    while True:
        r = await api.client.get(f"/api/sessions/{code}/question", headers=player)
        statuses.append(r.status_code)
        if r.status_code == 200:
            break
        await asyncio.sleep(0.1)
    qid = r.json()["question"]["id"]
    while True:
        r = await api.client.post(
            f"/api/sessions/{code}/answers",
            json={"question_id": qid, "choice_id": correct_choice(quiz, qid)},
            headers=player,
        )
        statuses.append(r.status_code)
        if r.status_code == 200:
            return
        await asyncio.sleep(0.1)


async def _board_equals_database(api: Api, admin: dict[str, str], code: str) -> dict[str, int]:
    results = await api.client.get(f"/api/sessions/{code}/results", headers=admin)
    assert results.status_code == 200, results.text
    board = await api.client.get(f"/api/sessions/{code}/leaderboard?limit=100", headers=admin)
    assert board.status_code == 200, board.text
    stored = {r["display_name"]: (r["score"], r["answered_count"]) for r in results.json()}
    shown = {e["display_name"]: (e["score"], e["answered_count"]) for e in board.json()["entries"]}
    assert shown == stored, (code, shown, stored)
    return {name: answered for name, (_, answered) in stored.items()}


async def test_sessions_on_every_primary_play_on_two_instances_and_survive_a_failover(
    cluster: PrivateRedisCluster, shared_database: str, tmp_path: Path
) -> None:
    env = server_env(shared_database, cluster.url, "vqcluster")
    env["VOCABQUIZ_REDIS_CLUSTER"] = "true"
    env["VOCABQUIZ_HOUSEKEEPING_INTERVAL_S"] = "1"
    logs = [tmp_path / "one.log", tmp_path / "two.log"]
    async with instances(env, logs) as (one, two):
        a, b = Api(one.client), Api(two.client)
        admin: dict[str, str] = {}
        games: list[tuple[str, dict[str, Any], list[dict[str, str]]]] = []
        statuses: list[int] = []
        for _ in range(SESSIONS):
            admin, code, quiz = await open_session(a, questions=60)
            players = [await joined(b if i % 2 else a, code, f"P{i}") for i in range(PLAYERS)]
            games.append((code, quiz, players))
        primaries = {cluster.primary_of(_key(code)) for code, _, _ in games}
        assert len(primaries) >= 2, primaries  # the codes spread over the cluster

        # A watcher on B hears an answer taken by A, in every session.
        for code, quiz, players in games:
            async with stream(two.client, f"/api/sessions/{code}/events", admin) as events:
                await events.wait_for(lambda n, d: n == "leaderboard")
                await _answer(a, code, players[0], quiz, statuses)
                await events.wait_for(
                    lambda n, d: (
                        n == "leaderboard" and any(e["answered_count"] == 1 for e in d["entries"])
                    )
                )
            for player in players[1:]:
                await _answer(b, code, player, quiz, statuses)
            assert set(statuses) == {200}, statuses
            await _board_equals_database(a, admin, code)
            await _board_equals_database(b, admin, code)

        await _failover(cluster, one, two, admin, games)


async def _failover(
    cluster: PrivateRedisCluster,
    one: Instance,
    two: Instance,
    admin: dict[str, str],
    games: list[tuple[str, dict[str, Any], list[dict[str, str]]]],
) -> None:
    """Kill the primary of the first session while its players keep answering on both
    instances: until a replica takes over, requests may be refused with 503 (never another
    error) and are sent again; in the end every answer is on the board and in the database,
    and a watcher on the other instance has seen them all."""
    a, b = Api(one.client), Api(two.client)
    code, quiz, players = games[0]
    victim = cluster.primary_of(_key(code))
    before = await _board_equals_database(a, admin, code)
    statuses: list[int] = []

    async def play(i: int, player: dict[str, str]) -> None:
        for _ in range(ROUNDS):
            await _answer(b if i % 2 else a, code, player, quiz, statuses)
            await asyncio.sleep(0.2)

    async with stream(two.client, f"/api/sessions/{code}/events", admin) as events:
        await events.wait_for(lambda n, d: n == "leaderboard")
        async with asyncio.timeout(60):
            playing = asyncio.gather(*(play(i, p) for i, p in enumerate(players)))
            await asyncio.sleep(0.5)
            cluster.kill(victim)
            await playing
        assert set(statuses) <= {200, 503}, statuses
        assert 503 in statuses  # the kill was felt: the test saw a failover
        survivors = [port for port in cluster.ports if port != victim]
        assert cluster.healthy(survivors)
        total = sum(before.values()) + ROUNDS * PLAYERS
        await events.wait_for(
            lambda n, d: (
                n == "leaderboard" and sum(e["answered_count"] for e in d["entries"]) == total
            ),
            within=15,
        )
    answered = await _board_equals_database(a, admin, code)
    assert answered == {name: n + ROUNDS for name, n in before.items()}
    for other_code, _, _ in games[1:]:
        await _board_equals_database(b, admin, other_code)

"""The event stream through real `vocabquiz serve` processes: one instance, then two sharing
PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN, REDIS_URL, SECRET, Api
from tests.live import serve, stream
from tests.sessions.game import answer, joined, open_session

pytestmark = pytest.mark.server


@pytest.fixture
def production_env(pg_database: str | None) -> Iterator[dict[str, str]]:
    if pg_database is None:
        pytest.skip("PostgreSQL or Redis is not reachable (set CI=true to fail instead)")
    import asyncio as _asyncio

    from tests.conftest import _drop_namespace, _empty_pg

    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    _asyncio.run(_empty_pg(pg_database))
    yield {
        "VOCABQUIZ_DATABASE_URL": pg_database,
        "VOCABQUIZ_REDIS_URL": REDIS_URL,
        "VOCABQUIZ_REDIS_NAMESPACE": namespace,
        "VOCABQUIZ_SECRET_KEY": SECRET,
        "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
        "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        "VOCABQUIZ_BROADCAST_INTERVAL_MS": "100",
        "VOCABQUIZ_PING_INTERVAL_S": "1",
    }
    _asyncio.run(_drop_namespace(namespace))
    _asyncio.run(_empty_pg(pg_database))


@pytest.fixture
def embedded_env(tmp_path: Path) -> dict[str, str]:
    return {
        "VOCABQUIZ_DATABASE_URL": f"sqlite:///{tmp_path}/live.db",
        "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
        "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        "VOCABQUIZ_PING_INTERVAL_S": "1",
    }


def _me(data: dict[str, Any]) -> dict[str, Any]:
    me: dict[str, Any] = data["me"]
    return me


async def _play_and_watch(url: str, answer_url: str | None = None) -> None:
    """Two players watch their streams; each sees the other's answer within a second."""
    async with (
        httpx.AsyncClient(base_url=url) as watch_client,
        httpx.AsyncClient(base_url=answer_url or url) as play_client,
    ):
        api, player_api = Api(watch_client), Api(play_client)
        admin, code, quiz = await open_session(api, questions=2)
        ann = await joined(api, code, "Ann")
        bob = await joined(api, code, "Bob")
        events = f"/api/sessions/{code}/events?limit=5"
        async with (
            stream(watch_client, events, ann) as ann_stream,
            stream(watch_client, events, bob) as bob_stream,
        ):
            first = await ann_stream.wait_for(lambda n, d: n == "leaderboard")
            assert first[1]["participant_count"] == 2 and _me(first[1])["display_name"] == "Ann"
            sent = time.monotonic()
            result = await answer(player_api, code, bob, quiz)
            _, seen, at = await ann_stream.wait_for(
                lambda n, d: n == "leaderboard" and d["entries"][0]["score"] == result["score"]
            )
            assert at - sent < 1.0
            assert seen["entries"][0]["display_name"] == "Bob"
            assert _me(seen)["display_name"] == "Ann" and _me(seen)["rank"] == 2
            _, bob_view, _ = await bob_stream.wait_for(
                lambda n, d: n == "leaderboard" and _me(d)["score"] == result["score"]
            )
            assert _me(bob_view)["rank"] == 1 and _me(bob_view)["display_name"] == "Bob"
            r = await play_client.post(f"/api/sessions/{code}/close", headers=admin)
            assert r.status_code == 200
            _, closed, _ = await ann_stream.wait_for(lambda n, d: n == "session")
            assert closed["status"] == "closed" and closed["code"] == code
            # Idle streams get a ping comment (1 s in these tests).
            await asyncio.sleep(1.3)
            assert ann_stream.comments >= 1


async def test_stream_shows_answers_me_and_close_embedded(
    embedded_env: dict[str, str], tmp_path: Path
) -> None:
    with serve(embedded_env, tmp_path / "server.log") as url:
        await _play_and_watch(url)


async def test_stream_shows_answers_me_and_close_production(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    with serve(production_env, tmp_path / "server.log") as url:
        await _play_and_watch(url)


async def test_answers_through_one_instance_reach_streams_on_another(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    with (
        serve(production_env, tmp_path / "one.log") as one,
        serve(production_env, tmp_path / "two.log") as two,
    ):
        await _play_and_watch(one, answer_url=two)


async def test_slow_reader_does_not_hold_up_others(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    with serve(production_env, tmp_path / "server.log") as url:
        async with httpx.AsyncClient(base_url=url) as client:
            api = Api(client)
            _, code, quiz = await open_session(api, questions=30, time_limit_s=None)
            players = [await joined(api, code, f"P{i}") for i in range(3)]
            events = f"/api/sessions/{code}/events?limit=100"
            # A client that connects and never reads.
            async with client.stream("GET", events, headers=players[0]) as stalled:
                assert stalled.status_code == 200
                async with stream(client, events, players[1]) as reader:
                    for _ in range(30):
                        last = await answer(api, code, players[2], quiz)
                    await reader.wait_for(
                        lambda n, d: (
                            n == "leaderboard"
                            and any(
                                e["score"] == last["score"] and e["answered_count"] == 30
                                for e in d["entries"]
                            )
                        )
                    )
                    # Coalesced: far fewer frames than changes.
                    assert len(reader.leaderboards()) < 30

"""The Leaderboard port: order, exact scores and rebuilds, on both stores."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from redis.asyncio import Redis

from tests.conftest import Api, Backend
from tests.servers import REDIS_URL
from tests.sessions.game import answer, joined, open_session
from vocabquiz.events import Event, channel_of, decode
from vocabquiz.leaderboard.memory_store import MemoryLeaderboard
from vocabquiz.leaderboard.redis_store import RedisLeaderboard
from vocabquiz.leaderboard.store import Leaderboard, Standing
from vocabquiz.state import AppState

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def standing(
    pid: str, score: int, reached_s: float, joined_s: float, answered: int = 1
) -> Standing:
    return Standing(
        participant_id=pid,
        display_name=pid.upper(),
        score=score,
        answered_count=answered,
        correct_count=answered,
        reached_at=T0 + timedelta(seconds=reached_s),
        joined_at=T0 + timedelta(seconds=joined_s),
    )


async def _store_of(app: FastAPI):  # type: ignore[no-untyped-def]
    state: AppState = app.state.vocabquiz
    return state.sessions.play.standings.store


async def test_order_is_score_then_reached_then_joined(app: FastAPI) -> None:
    store = await _store_of(app)
    await store.load("ORDER1", [], 0)
    await store.put("ORDER1", standing("a-" + "0" * 34, 500, reached_s=5, joined_s=1))
    await store.put("ORDER1", standing("b-" + "0" * 34, 500, reached_s=3, joined_s=2))
    await store.put("ORDER1", standing("c-" + "0" * 34, 900, reached_s=9, joined_s=3))
    await store.put("ORDER1", standing("d-" + "0" * 34, 0, reached_s=0.5, joined_s=0.5, answered=0))
    await store.put(
        "ORDER1", standing("e-" + "0" * 34, 0, reached_s=0.25, joined_s=0.25, answered=0)
    )
    board = await store.board("ORDER1", 10)
    assert [e.participant_id[0] for e in board.entries] == ["c", "b", "a", "e", "d"]
    assert [e.rank for e in board.entries] == [1, 2, 3, 4, 5]
    assert board.version == 5 and board.participant_count == 5


async def test_large_scores_keep_exact_order_without_float_rounding(app: FastAPI) -> None:
    store = await _store_of(app)
    await store.load("BIG001", [], 0)
    big = 10_000 * 100_000  # far more than any quiz gives
    await store.put("BIG001", standing("x" * 36, big, reached_s=1, joined_s=0))
    await store.put("BIG001", standing("y" * 36, big + 1, reached_s=2, joined_s=0))
    board = await store.board("BIG001", 10)
    assert [(e.participant_id[0], e.score) for e in board.entries] == [("y", big + 1), ("x", big)]


async def test_older_totals_never_replace_newer_ones(app: FastAPI) -> None:
    store = await _store_of(app)
    await store.load("STALE1", [], 0)
    await store.put("STALE1", standing("p" * 36, 300, reached_s=2, joined_s=0, answered=3))
    await store.put("STALE1", standing("p" * 36, 100, reached_s=1, joined_s=0, answered=1))
    entries = (await store.board("STALE1", 0, ["p" * 36, "unknown"])).mine
    assert list(entries) == ["p" * 36]
    assert (entries["p" * 36].score, entries["p" * 36].rank) == (300, 1)


async def test_unknown_session_reads_as_missing(app: FastAPI) -> None:
    store = await _store_of(app)
    assert await store.board("NOPE22", 10) is None
    assert await store.put("NOPE22", standing("z" * 36, 1, 1, 1)) is None
    assert await store.board("NOPE22", 0, ["z" * 36]) is None


async def test_standings_lost_from_the_store_are_rebuilt_identical(
    api: Api, app: FastAPI, backend: Backend
) -> None:
    _, code, quiz = await open_session(api, questions=3, time_limit_s=None, points=100)
    players = [await joined(api, code, f"P{i}") for i in range(5)]
    for i, p in enumerate(players):
        for k in range(i % 3 + 1):
            await answer(api, code, p, quiz, right=(i + k) % 2 == 0)
    url = f"/api/sessions/{code}/leaderboard?limit=100"
    before = (await api.client.get(url, headers=players[2])).json()
    state: AppState = app.state.vocabquiz
    if backend.is_production:
        assert state.redis is not None
        await state.redis.flushdb()  # the test's keys live in their own namespace of this db
    else:
        await state.sessions.play.standings.store.forget(code)
    after = (await api.client.get(url, headers=players[2])).json()
    assert after == before
    # Answers keep counting after the rebuild.
    result = await answer(api, code, players[0], quiz)
    again = (await api.client.get(url, headers=players[0])).json()
    assert again["me"]["score"] == result["score"]
    assert again["version"] == before["version"] + 1


async def test_memory_store_forget_drops_the_session() -> None:
    store = MemoryLeaderboard()
    await store.load("GONE22", [standing("q" * 36, 5, 1, 1)], 1)
    await store.forget("GONE22")
    assert await store.board("GONE22", 5) is None


async def test_every_change_is_announced_and_nothing_else(backend: Backend) -> None:
    """A put that changes the standings publishes one "leaderboard" event in the same step, a
    put of older totals none, and a rebuild one."""
    heard: list[Event] = []
    if backend.is_production:
        namespace = backend.settings.redis_namespace
        redis = Redis.from_url(REDIS_URL)
        pubsub = redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.ssubscribe(channel_of(namespace, "HEARD1"))
        store: Leaderboard = RedisLeaderboard(redis, namespace, lambda c: channel_of(namespace, c))
    else:
        store = MemoryLeaderboard(heard.append)
    try:
        await store.load("HEARD1", [], 0)
        assert await store.put("HEARD1", standing("h" * 36, 300, 2, 0, answered=2)) == 1
        assert await store.put("HEARD1", standing("h" * 36, 100, 1, 0, answered=1)) == 1
        assert await store.put("HEARD1", standing("i" * 36, 500, 3, 1, answered=2)) == 1
        if backend.is_production:
            async with asyncio.timeout(5):
                while len(heard) < 3:
                    message = await pubsub.get_message(timeout=1)
                    if message is not None:
                        heard.append(decode(message["data"]))
            assert await pubsub.get_message(timeout=0.3) is None
    finally:
        if backend.is_production:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            await redis.delete(*[k async for k in redis.scan_iter(f"{namespace}:*")])
            await redis.aclose()
    assert [(e.kind, e.session_code) for e in heard] == [("leaderboard", "HEARD1")] * 3


async def test_a_closed_sessions_standings_expire_and_then_count_as_not_held(app: FastAPI) -> None:
    store = await _store_of(app)
    await store.load("KEPT01", [standing("k" * 36, 100, reached_s=1, joined_s=0)], 2, expire_s=1)
    assert (await store.board("KEPT01", 10)).participant_count == 1
    assert await store.version("KEPT01") == 2
    await asyncio.sleep(1.1)
    assert await store.board("KEPT01", 10) is None
    assert await store.version("KEPT01") is None
    assert (
        await store.put("KEPT01", standing("k" * 36, 200, reached_s=2, joined_s=0, answered=2))
        is None
    )


async def test_who_has_not_answered_comes_after_everyone_who_has(app: FastAPI) -> None:
    store = await _store_of(app)
    await store.load("NOTYET", [], 0)
    # Early joined and never answered; later joined and answered wrong (0 points as well).
    await store.put("NOTYET", standing("n" * 36, 0, reached_s=0, joined_s=0, answered=0))
    await store.put("NOTYET", standing("w" * 36, 0, reached_s=9, joined_s=5, answered=1))
    await store.put("NOTYET", standing("r" * 36, 10, reached_s=9, joined_s=6, answered=1))
    board = await store.board("NOTYET", 10)
    assert [e.participant_id[0] for e in board.entries] == ["r", "w", "n"]


async def test_a_removed_participant_stays_out_of_late_puts_and_loads(app: FastAPI) -> None:
    store = await _store_of(app)
    gone, kept = "g" * 36, "k" * 36
    await store.load("GONE01", [standing(gone, 900, 1, 0), standing(kept, 100, 2, 0)], 2)
    await store.board("GONE01", 10, since=2)
    await store.remove("GONE01", gone)
    board = await store.board("GONE01", 10, [gone, kept], since=2)
    assert [e.participant_id for e in board.entries] == [kept]
    assert board.version == 3 and board.participant_count == 1
    assert board.steps is None  # no step says who left: clients need full standings
    assert list(board.mine) == [kept] and board.mine[kept].rank == 1
    # An answer of theirs, or a rebuild read before they were removed, does not bring them back.
    assert await store.put("GONE01", standing(gone, 1900, 3, 0, answered=2)) == 0
    await store.load("GONE01", [standing(gone, 900, 1, 0), standing(kept, 100, 2, 0)], 2)
    await store.forget("GONE01")
    await store.load("GONE01", [standing(gone, 900, 1, 0), standing(kept, 100, 2, 0)], 3)
    board = await store.board("GONE01", 10)
    assert [e.participant_id for e in board.entries] == [kept] and board.version == 3
    # Removing from a session the store does not hold only marks them.
    await store.remove("NOTHELD", gone)
    assert await store.board("NOTHELD", 10) is None


async def test_a_rename_takes_and_a_late_update_from_before_it_cannot_undo_it(
    app: FastAPI,
) -> None:
    store = await _store_of(app)
    pid = "r" * 36
    await store.load("RENAME", [standing(pid, 100, 1, 0, answered=1)], 2)
    # The database already holds a second answer whose update has not reached the store.
    renamed = replace(standing(pid, 300, 2, 0, answered=2), display_name='Zo"e \\ 🦄')
    await store.rename("RENAME", renamed)
    board = await store.board("RENAME", 10, since=2)
    assert board.version == 3 and board.steps is None
    entry = board.entries[0]
    assert (entry.display_name, entry.score, entry.answered_count) == ('Zo"e \\ 🦄', 300, 2)
    # That update, with the old name, comes now: it holds no more answers, and is ignored.
    await store.put("RENAME", standing(pid, 300, 2, 0, answered=2))
    assert (await store.board("RENAME", 10)).entries[0].display_name == 'Zo"e \\ 🦄'
    # Held with more answers than the rename read: the totals stay, the name changes.
    await store.put("RENAME", replace(renamed, score=900, answered_count=3))
    await store.rename("RENAME", replace(renamed, display_name="Zoe"))
    entry = (await store.board("RENAME", 10)).entries[0]
    assert (entry.display_name, entry.score, entry.answered_count) == ("Zoe", 900, 3)
    # A removed participant is not brought back by a rename.
    await store.remove("RENAME", pid)
    await store.rename("RENAME", replace(renamed, display_name="Back"))
    assert (await store.board("RENAME", 10)).entries == []

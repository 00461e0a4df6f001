"""The Leaderboard port: order, exact scores and rebuilds, on both stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from tests.conftest import Api, Backend
from tests.sessions.game import answer, joined, open_session
from vocabquiz.leaderboard.store import MemoryLeaderboard, Standing
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
    return state.play.standings.store


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
    entries = await store.entries_of("STALE1", ["p" * 36, "unknown"])
    assert list(entries) == ["p" * 36]
    assert (entries["p" * 36].score, entries["p" * 36].rank) == (300, 1)


async def test_unknown_session_reads_as_missing(app: FastAPI) -> None:
    store = await _store_of(app)
    assert await store.board("NOPE22", 10) is None
    assert await store.put("NOPE22", standing("z" * 36, 1, 1, 1)) is None
    assert await store.entries_of("NOPE22", ["z" * 36]) is None


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
        await state.play.standings.store.forget(code)
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

"""The steps a store keeps are enough for every client to follow its own entry exactly: after any
sequence of changes, following full standings and then frames of steps (as docs/API.md tells a
client to) gives each participant the entry the store holds. On both stores."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.event_stream import follow
from vocabquiz.leaderboard.store import STEPS_KEPT, Standing
from vocabquiz.state import AppState

T0 = datetime(2026, 1, 1, tzinfo=UTC)
PLAYERS = [f"p{i:02d}" + "-" * 33 for i in range(8)]


def _full(board: Any, pid: str) -> dict[str, Any]:
    return {
        "version": board.version,
        "entries": [],
        "me": dataclasses.asdict(board.mine[pid]) if pid in board.mine else None,
    }


# Each change: (player, points won by this answer, or None for a join).
changes = st.lists(
    st.tuples(st.sampled_from(PLAYERS), st.one_of(st.none(), st.sampled_from([0, 500, 1000]))),
    max_size=40,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=changes, tick=st.integers(min_value=1, max_value=6))
async def test_following_the_steps_gives_each_player_their_entry(
    app: FastAPI, changes: list[tuple[str, int | None]], tick: int
) -> None:
    state: AppState = app.state.vocabquiz
    store = state.sessions.play.standings.store
    code = "S" + orjson.dumps(len(changes) * 10 + tick).decode().rjust(5, "0")
    await store.forget(code)
    await store.load(code, [], 0)
    held: dict[str, Standing] = {}
    shown: dict[str, dict[str, Any]] = {}

    async def frame() -> None:
        """What a tick sends: full standings to the players who have none yet, then steps."""
        for pid in held:
            if pid not in shown:
                board = await store.board(code, 0, [pid])
                assert board is not None
                shown[pid] = _full(board, pid)
        versions = [s["version"] for s in shown.values()]
        if not versions:
            return
        since = min(versions)
        board = await store.board(code, 0, list(held), since)
        assert board is not None and board.steps is not None
        sent = {"version": board.version, "entries": [], "since": since}
        sent["changes"] = [orjson.loads(s) for s in board.steps]
        for pid in list(shown):
            shown[pid] = follow(shown[pid], sent)
            assert shown[pid]["me"] == dataclasses.asdict(board.mine[pid]), (pid, sent)

    for n, (pid, points) in enumerate(changes):
        clock = n + 1
        old = held.get(pid)
        if old is None or points is None:
            if old is None:
                at = T0 + timedelta(seconds=clock)
                held[pid] = Standing(pid, pid[:3], 0, 0, 0, at, at)
        else:
            reached = T0 + timedelta(seconds=clock) if points else old.reached_at
            held[pid] = Standing(
                pid,
                pid[:3],
                old.score + points,
                old.answered_count + 1,
                old.correct_count + bool(points),
                reached,
                old.joined_at,
            )
        await store.put(code, held[pid])
        if n % tick == 0:
            await frame()
    await frame()
    await store.forget(code)


async def test_a_reader_too_far_behind_gets_no_steps(app: FastAPI) -> None:
    state: AppState = app.state.vocabquiz
    store = state.sessions.play.standings.store
    await store.load("FAR001", [], 0)
    for i in range(STEPS_KEPT + 5):
        at = T0 + timedelta(seconds=i)
        await store.put("FAR001", Standing(f"{i:036d}", "x", i, 1, 1, at, at))
    assert (await store.board("FAR001", 0, [], 0)).steps is None  # type: ignore[union-attr]
    kept = (await store.board("FAR001", 0, [], 5)).steps  # type: ignore[union-attr]
    assert kept is not None and len(kept) == STEPS_KEPT
    assert (await store.board("FAR001", 0, [], STEPS_KEPT + 5)).steps == []  # type: ignore[union-attr]
    # A rebuild loses the steps: everyone needs full standings.
    await store.load("FAR001", [], STEPS_KEPT + 5)
    assert (await store.board("FAR001", 0, [], STEPS_KEPT + 4)).steps is None  # type: ignore[union-attr]

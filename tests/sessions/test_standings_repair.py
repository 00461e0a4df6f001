"""A change the leaderboard store missed (it failed after the answer was committed) is repaired
from the database the next time the session is used."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from redis.exceptions import ConnectionError as RedisConnectionError

from tests.conftest import Api
from tests.sessions.game import answer, joined, open_session
from vocabquiz.leaderboard.store import Leaderboard, Standing


class FailingOnce:
    """The real store, except that the next `put` fails as a lost Redis connection would."""

    def __init__(self, store: Leaderboard) -> None:
        self._store = store
        self.armed = False

    async def put(self, session_code: str, standing: Standing) -> int | None:
        if self.armed:
            self.armed = False
            raise RedisConnectionError("connection lost")
        return await self._store.put(session_code, standing)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


async def test_a_missed_update_is_repaired_from_the_database(api: Api, app: FastAPI) -> None:
    admin, code, quiz = await open_session(api, questions=3, time_limit_s=None)
    ann = await joined(api, code, "Ann")
    bob = await joined(api, code, "Bob")
    await answer(api, code, bob, quiz)
    standings = app.state.vocabquiz.sessions.play.standings
    failing = FailingOnce(standings.store)
    standings.store = failing
    failing.armed = True
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=ann)).json()
    qid = turn["question"]["id"]
    choice = next(
        c["id"] for q in quiz["questions"] if q["id"] == qid for c in q["choices"] if c["correct"]
    )
    r = await api.client.post(
        f"/api/sessions/{code}/answers", json={"question_id": qid, "choice_id": choice}, headers=ann
    )
    assert r.status_code == 503  # the answer is stored; the store missed it
    results = (await api.client.get(f"/api/sessions/{code}/results", headers=admin)).json()
    board = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=admin)).json()
    assert [p["score"] for p in results] == [1000, 1000]
    assert [(e["display_name"], e["score"]) for e in board["entries"]] == [
        (p["display_name"], p["score"]) for p in results
    ]

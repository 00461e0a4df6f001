"""Answers are exact under concurrency: one stored answer, the right score, on both backends."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from sqlalchemy import func, select

from tests.conftest import Api
from tests.sessions.game import joined, open_session
from vocabquiz.sessions.models import Answer, Participant
from vocabquiz.state import AppState


async def _stored(app: FastAPI, participant_id: str) -> tuple[int, int]:
    state: AppState = app.state.vocabquiz
    async with state.database.sessions() as db:
        answers = await db.scalar(
            select(func.count(Answer.id)).where(Answer.participant_id == participant_id)
        )
        score = await db.scalar(select(Participant.score).where(Participant.id == participant_id))
    return answers or 0, score or 0


async def test_fifty_identical_concurrent_answers_store_one(api: Api, app: FastAPI) -> None:
    _, code, quiz = await open_session(api, questions=1)
    p = await joined(api, code, "Racer")
    pid = (await api.client.post(f"/api/sessions/{code}/join", headers=p)).json()["id"]
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    qid = turn["question"]["id"]
    right = next(c["id"] for c in quiz["questions"][0]["choices"] if c["correct"])
    body = {"question_id": qid, "choice_id": right}
    replies = await asyncio.gather(
        *(api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p) for _ in range(50))
    )
    assert {r.status_code for r in replies} == {200}
    results = [r.json() for r in replies]
    assert all(r == results[0] for r in results)
    answers, score = await _stored(app, pid)
    assert (answers, score) == (1, results[0]["points_awarded"])
    board = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=p)).json()
    assert board["me"]["score"] == score and board["me"]["answered_count"] == 1


async def test_fifty_conflicting_concurrent_answers_store_one(api: Api, app: FastAPI) -> None:
    _, code, quiz = await open_session(api, questions=1)
    p = await joined(api, code, "Racer")
    pid = (await api.client.post(f"/api/sessions/{code}/join", headers=p)).json()["id"]
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    qid = turn["question"]["id"]
    choices = [c["id"] for c in quiz["questions"][0]["choices"]]
    replies = await asyncio.gather(
        *(
            api.client.post(
                f"/api/sessions/{code}/answers",
                json={"question_id": qid, "choice_id": choices[i % len(choices)]},
                headers=p,
            )
            for i in range(50)
        )
    )
    assert {r.status_code for r in replies} <= {200, 409}
    accepted = [r.json() for r in replies if r.status_code == 200]
    assert accepted and len({a["choice_id"] for a in accepted}) == 1
    answers, score = await _stored(app, pid)
    assert (answers, score) == (1, accepted[0]["score"])
    assert sum(r.status_code == 409 for r in replies) == 50 - len(accepted)


async def test_concurrent_joins_of_one_user_make_one_participant(api: Api) -> None:
    _, code, _ = await open_session(api)
    p = await api.guest("Twin")
    replies = await asyncio.gather(
        *(api.client.post(f"/api/sessions/{code}/join", headers=p) for _ in range(20))
    )
    assert {r.status_code for r in replies} == {200}
    assert len({r.json()["id"] for r in replies}) == 1
    s = (await api.client.get(f"/api/sessions/{code}", headers=p)).json()
    assert s["participant_count"] == 1


async def test_concurrent_serves_start_one_clock(api: Api) -> None:
    _, code, _ = await open_session(api)
    p = await joined(api, code, "Clock")
    replies = await asyncio.gather(
        *(api.client.get(f"/api/sessions/{code}/question", headers=p) for _ in range(20))
    )
    assert {r.status_code for r in replies} == {200}
    assert len({r.json()["served_at"] for r in replies}) == 1

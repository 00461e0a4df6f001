"""An instance remembers the question it served to each participant, so that the answer that
follows needs no read. What it remembers may be out of date when another instance took the
answer or closed the session: the guarded write must then refuse, and the answer be read afresh."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from tests.conftest import Api, Backend
from tests.sessions.game import correct_choice, joined, open_session, wrong_choice
from vocabquiz.app import create_app

pytestmark = pytest.mark.parametrize("backend", ["production"], indirect=True)


@pytest.fixture
async def other(backend: Backend) -> AsyncIterator[Api]:
    """A second instance on the same PostgreSQL and Redis."""
    app = create_app(backend.settings)
    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://other") as client:
            yield Api(client)


async def _answers(api: Api, admin: dict[str, str], code: str) -> list[dict[str, object]]:
    results = (await api.client.get(f"/api/sessions/{code}/results", headers=admin)).json()
    return [a for row in results for a in row["answers"]]


async def test_an_answer_taken_by_another_instance_is_not_scored_again(
    api: Api, other: Api
) -> None:
    admin, code, quiz = await open_session(api, questions=3, time_limit_s=None)
    player = await joined(api, code, "Ada")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=player)).json()
    qid = turn["question"]["id"]
    body = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
    first = await other.client.post(f"/api/sessions/{code}/answers", json=body, headers=player)
    assert first.status_code == 200, first.text

    # This instance still remembers serving the question: the same answer is the stored one.
    again = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=player)
    assert again.status_code == 200 and again.json() == first.json()
    assert len(await _answers(api, admin, code)) == 1

    # Served here, answered there, then a different choice here: a conflict, nothing stored.
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=player)).json()
    qid = turn["question"]["id"]
    right = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
    wrong = {"question_id": qid, "choice_id": wrong_choice(quiz, qid)}
    r = await other.client.post(f"/api/sessions/{code}/answers", json=right, headers=player)
    assert r.status_code == 200, r.text
    r = await api.client.post(f"/api/sessions/{code}/answers", json=wrong, headers=player)
    assert r.status_code == 409, r.text
    stored = await _answers(api, admin, code)
    assert len(stored) == 2 and all(a["correct"] for a in stored)
    me = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=player)).json()["me"]
    assert me["answered_count"] == 2 and me["score"] == 2000


async def test_a_session_closed_by_another_instance_takes_no_more_answers(
    api: Api, other: Api
) -> None:
    admin, code, quiz = await open_session(api, questions=2, time_limit_s=None)
    player = await joined(api, code, "Ben")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=player)).json()
    qid = turn["question"]["id"]
    closed = await other.client.post(f"/api/sessions/{code}/close", headers=admin)
    assert closed.status_code == 200
    body = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=player)
    assert r.status_code == 409 and r.json()["detail"] == "This session is closed"
    assert await _answers(api, admin, code) == []

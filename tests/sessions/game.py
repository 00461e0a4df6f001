"""Setting up a quiz session and playing it through the API."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api, question


async def open_session(
    api: Api,
    questions: int = 3,
    scoring: dict[str, Any] | None = None,
    mode: str | None = None,
    by: dict[str, str] | None = None,
    **question_fields: Any,
) -> tuple[dict[str, str], str, dict[str, Any]]:
    """The headers of whoever opened it (an admin unless `by` says who), the code of an open
    session (self-paced unless `mode` says "live") and its quiz (with `scoring` options)."""
    admin = by if by is not None else await api.admin()
    body = {
        "title": "Words",
        "questions": [question(f"Question {i + 1}?", **question_fields) for i in range(questions)],
        **(scoring or {}),
    }
    r = await api.client.post("/api/quizzes", json=body, headers=admin)
    assert r.status_code == 201, r.text
    quiz = r.json()
    session = {"mode": mode} if mode is not None else None
    r = await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", json=session, headers=admin)
    assert r.status_code == 201, r.text
    assert mode is None or r.json()["mode"] == mode, r.text
    return admin, r.json()["code"], quiz


def correct_choice(quiz: dict[str, Any], question_id: str) -> str:
    q = next(q for q in quiz["questions"] if q["id"] == question_id)
    return str(next(c["id"] for c in q["choices"] if c["correct"]))


def wrong_choice(quiz: dict[str, Any], question_id: str) -> str:
    q = next(q for q in quiz["questions"] if q["id"] == question_id)
    return str(next(c["id"] for c in q["choices"] if not c["correct"]))


async def joined(api: Api, code: str, name: str) -> dict[str, str]:
    headers = await api.guest(name)
    r = await api.client.post(f"/api/sessions/{code}/join", headers=headers)
    assert r.status_code == 200, r.text
    return headers


async def answer(
    api: Api, code: str, headers: dict[str, str], quiz: dict[str, Any], right: bool = True
) -> dict[str, Any]:
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=headers)).json()
    qid = turn["question"]["id"]
    choice = correct_choice(quiz, qid) if right else wrong_choice(quiz, qid)
    r = await api.client.post(
        f"/api/sessions/{code}/answers",
        json={"question_id": qid, "choice_id": choice},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result

"""Question analytics (per session and per quiz) equal what the answers table holds; practice
runs go over exactly the missed questions."""

from __future__ import annotations

import statistics
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from tests.conftest import Api
from tests.sessions.game import answer, correct_choice, joined, open_session
from vocabquiz.sessions.models import Answer, Participant, QuizSession

CHOICES = [
    {"text": "bright", "correct": True},
    {"text": "dull", "correct": False},
    {"text": "quiet", "correct": False},
]


async def pick(api: Api, code: str, headers: dict[str, str], text: str) -> dict[str, Any]:
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=headers)).json()
    choice = next(c["id"] for c in turn["question"]["choices"] if c["text"] == text)
    r = await api.client.post(
        f"/api/sessions/{code}/answers",
        json={"question_id": turn["question"]["id"], "choice_id": choice},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def stored_answers(app: FastAPI, quiz_id: str, code: str | None) -> list[Answer]:
    async with app.state.vocabquiz.database.sessions() as db:
        query = (
            select(Answer)
            .join(Participant, Participant.id == Answer.participant_id)
            .join(QuizSession, QuizSession.id == Participant.session_id)
            .where(QuizSession.quiz_id == quiz_id)
        )
        if code is not None:
            query = query.where(QuizSession.code == code)
        return list((await db.scalars(query)).all())


def expected(answers: list[Answer], question: dict[str, Any]) -> dict[str, Any]:
    mine = [a for a in answers if a.question_id == question["id"]]
    return {
        "answer_count": len(mine),
        "correct_count": sum(a.correct for a in mine),
        "late_count": sum(a.late for a in mine),
        "correct_share": sum(a.correct for a in mine) / len(mine) if mine else None,
        "median_elapsed_ms": statistics.median_low([a.elapsed_ms for a in mine]) if mine else None,
        "choices": {
            c["id"]: sum(a.choice_id == c["id"] for a in mine) for c in question["choices"]
        },
    }


def observed(stats: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: stats[k] for k in ("answer_count", "correct_count", "late_count")},
        "correct_share": stats["correct_share"],
        "median_elapsed_ms": stats["median_elapsed_ms"],
        "choices": {c["choice_id"]: c["picked"] for c in stats["choices"]},
    }


async def test_analytics_equal_the_stored_answers_and_the_most_missed_come_first(
    api: Api, app: FastAPI
) -> None:
    admin, code, quiz = await open_session(api, questions=3, choices=CHOICES)
    # Question 1: everyone right; question 2: mostly "dull"; question 3: half right.
    picks = {"A": ["bright", "dull", "bright"], "B": ["bright", "dull", "quiet"]}
    picks |= {"C": ["bright", "bright", "bright"], "D": ["bright", "dull", "quiet"]}
    for name, texts in picks.items():
        player = await joined(api, code, name)
        for text in texts:
            await pick(api, code, player, text)
    r = await api.client.get(f"/api/sessions/{code}/analytics", headers=admin)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["session_code"], report["session_count"]) == (code, 1)
    assert (report["participant_count"], report["answer_count"]) == (4, 12)
    order = [q["position"] for q in report["questions"]]
    assert order == [1, 2, 0]
    assert [q["correct_share"] for q in report["questions"]] == [0.25, 0.5, 1.0]
    dull = next(c for c in report["questions"][0]["choices"] if c["text"] == "dull")
    assert dull["picked"] == 3 and dull["correct"] is False
    answers = await stored_answers(app, quiz["id"], code)
    by_id = {q["id"]: q for q in quiz["questions"]}
    for stats in report["questions"]:
        assert observed(stats) == expected(answers, by_id[stats["question_id"]])


async def test_quiz_analytics_add_up_every_session(api: Api, app: FastAPI) -> None:
    admin, first, quiz = await open_session(api, questions=2, choices=CHOICES)
    second = (await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).json()
    for code, texts in ((first, ["bright", "dull"]), (second["code"], ["quiet", "dull"])):
        player = await joined(api, code, "Mia")
        for text in texts:
            await pick(api, code, player, text)
    # A third session nobody joined counts as a session with no answers.
    await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)
    report = (await api.client.get(f"/api/quizzes/{quiz['id']}/analytics", headers=admin)).json()
    assert (report["session_code"], report["session_count"]) == (None, 3)
    assert (report["participant_count"], report["answer_count"]) == (2, 4)
    answers = await stored_answers(app, quiz["id"], None)
    by_id = {q["id"]: q for q in quiz["questions"]}
    for stats in report["questions"]:
        assert observed(stats) == expected(answers, by_id[stats["question_id"]])


async def test_questions_nobody_answered_come_last_without_figures(api: Api) -> None:
    admin, code, quiz = await open_session(api, questions=2)
    mia = await joined(api, code, "Mia")
    await answer(api, code, mia, quiz, right=True)
    report = (await api.client.get(f"/api/sessions/{code}/analytics", headers=admin)).json()
    last = report["questions"][-1]
    assert (last["position"], last["answer_count"], last["correct_share"]) == (1, 0, None)
    assert last["median_elapsed_ms"] is None


async def test_analytics_are_for_admins_and_known_ids(api: Api) -> None:
    admin, code, quiz = await open_session(api)
    player = await joined(api, code, "Mia")
    for url in (f"/api/sessions/{code}/analytics", f"/api/quizzes/{quiz['id']}/analytics"):
        assert (await api.client.get(url, headers=player)).status_code == 403
    assert (
        await api.client.get("/api/sessions/AAAAAA/analytics", headers=admin)
    ).status_code == 404
    assert (await api.client.get("/api/quizzes/nope/analytics", headers=admin)).status_code == 404


async def test_practice_goes_over_the_missed_questions_with_their_answers(api: Api) -> None:
    admin, code, quiz = await open_session(api, questions=4, choices=CHOICES)
    mia = await joined(api, code, "Mia")
    for text in ["bright", "dull", "bright", "quiet"]:
        await pick(api, code, mia, text)
    history = (await api.client.get("/api/me/sessions", headers=mia)).json()
    assert history[0]["missed_count"] == 2
    r = await api.client.get(f"/api/me/sessions/{code}/practice", headers=mia)
    assert r.status_code == 200, r.text
    practice = r.json()
    missed = [quiz["questions"][1]["id"], quiz["questions"][3]["id"]]
    assert [q["id"] for q in practice["questions"]] == missed
    for q in practice["questions"]:
        right = [c["id"] for c in q["choices"] if c["correct"]]
        assert right == [correct_choice(quiz, q["id"])]
    # Practice stores nothing: the session's standings do not move.
    board = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=mia)).json()
    assert board["me"]["answered_count"] == 4
    # Someone who did not take part has nothing to practise there.
    leo = await api.guest("Leo")
    r = await api.client.get(f"/api/me/sessions/{code}/practice", headers=leo)
    assert r.status_code == 403
    assert (
        await api.client.get("/api/me/sessions/AAAAAA/practice", headers=mia)
    ).status_code == 404
    assert admin


async def test_practice_shows_the_choices_in_the_players_own_order(api: Api) -> None:
    _, code, _ = await open_session(api, questions=1, choices=CHOICES)
    mia = await joined(api, code, "Mia")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=mia)).json()
    await pick(api, code, mia, "quiet")
    practice = (await api.client.get(f"/api/me/sessions/{code}/practice", headers=mia)).json()
    assert [c["id"] for c in practice["questions"][0]["choices"]] == [
        c["id"] for c in turn["question"]["choices"]
    ]

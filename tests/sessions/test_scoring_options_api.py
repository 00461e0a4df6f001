"""Scoring options of a quiz as players meet them: accuracy, the streak bonus, and a session
keeping the rule it opened with."""

from __future__ import annotations

from tests.conftest import Api
from tests.sessions.game import answer, joined, open_session


async def test_new_quiz_scores_by_speed_without_streak_bonus(api: Api) -> None:
    admin, code, quiz = await open_session(api)
    assert (quiz["scoring"], quiz["streak_bonus"]) == ("speed", False)
    s = (await api.client.get(f"/api/sessions/{code}", headers=admin)).json()
    assert (s["scoring"], s["streak_bonus"]) == ("speed", False)


async def test_accuracy_gives_every_right_answer_its_full_points(api: Api) -> None:
    _, code, quiz = await open_session(
        api, questions=2, scoring={"scoring": "accuracy"}, points=700
    )
    mia = await joined(api, code, "Mia")
    first = await answer(api, code, mia, quiz)
    second = await answer(api, code, mia, quiz)
    assert (first["points_awarded"], second["points_awarded"], second["score"]) == (700, 700, 1400)


async def test_streak_bonus_adds_100_per_right_answer_in_a_row_and_resets_on_a_miss(
    api: Api,
) -> None:
    _, code, quiz = await open_session(
        api,
        questions=9,
        scoring={"scoring": "accuracy", "streak_bonus": True},
        points=1000,
    )
    mia = await joined(api, code, "Mia")
    pattern = [True, True, True, False, True, True, True, True, True]
    results = [await answer(api, code, mia, quiz, right) for right in pattern]
    assert [r["streak"] for r in results] == [1, 2, 3, 0, 1, 2, 3, 4, 5]
    assert [r["streak_bonus"] for r in results] == [0, 100, 200, 0, 0, 100, 200, 300, 400]
    assert [r["points_awarded"] for r in results] == [
        1000,
        1100,
        1200,
        0,
        1000,
        1100,
        1200,
        1300,
        1400,
    ]
    assert results[-1]["score"] == sum(r["points_awarded"] for r in results)
    board = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=mia)).json()
    assert (board["me"]["score"], board["me"]["streak"]) == (results[-1]["score"], 5)


async def test_results_explain_each_answers_points(api: Api) -> None:
    admin, code, quiz = await open_session(
        api, questions=3, scoring={"streak_bonus": True}, time_limit_s=None, points=500
    )
    mia = await joined(api, code, "Mia")
    for _ in range(3):
        await answer(api, code, mia, quiz)
    [row] = (await api.client.get(f"/api/sessions/{code}/results", headers=admin)).json()
    assert [(a["points_awarded"], a["streak_bonus"], a["streak"]) for a in row["answers"]] == [
        (500, 0, 1),
        (600, 100, 2),
        (700, 200, 3),
    ]
    assert (row["score"], row["streak"]) == (1800, 3)


async def test_a_session_keeps_the_scoring_it_opened_with(api: Api) -> None:
    admin, code, quiz = await open_session(api, questions=2, time_limit_s=None, points=100)
    r = await api.client.patch(
        f"/api/quizzes/{quiz['id']}",
        json={"scoring": "accuracy", "streak_bonus": True},
        headers=admin,
    )
    assert r.status_code == 200
    assert (r.json()["scoring"], r.json()["streak_bonus"]) == ("accuracy", True)
    mia = await joined(api, code, "Mia")
    await answer(api, code, mia, quiz)
    second = await answer(api, code, mia, quiz)
    # The open session still scores by speed without the bonus.
    assert (second["points_awarded"], second["streak_bonus"]) == (100, 0)
    newer = (await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).json()
    assert (newer["scoring"], newer["streak_bonus"]) == ("accuracy", True)


async def test_scoring_options_are_checked(api: Api) -> None:
    admin = await api.admin()
    for body in (
        {"title": "T", "scoring": "fastest"},
        {"title": "T", "streak_bonus": "yes"},
        {"title": "T", "streak_bonus": 1},
    ):
        r = await api.client.post("/api/quizzes", json=body, headers=admin)
        assert r.status_code == 422, body
    quiz = (await api.client.post("/api/quizzes", json={"title": "T"}, headers=admin)).json()
    for patch in ({"scoring": None}, {"streak_bonus": None}, {"scoring": "SPEED"}):
        r = await api.client.patch(f"/api/quizzes/{quiz['id']}", json=patch, headers=admin)
        assert r.status_code == 422, patch

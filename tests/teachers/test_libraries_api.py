"""Each teacher's own library, the school's shared one, duplicating and handing over; sessions
belong to whoever opened them."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api, question
from tests.sessions.game import answer, joined, open_session


async def _quiz(api: Api, by: dict[str, str], title: str, shared: bool = False) -> dict[str, Any]:
    body = {
        "title": title,
        "scoring": "accuracy",
        "streak_bonus": True,
        "questions": [question("First?"), question("Second?", time_limit_s=None, points=10)],
    }
    r = await api.client.post("/api/quizzes", json=body, headers=by)
    assert r.status_code == 201, r.text
    if shared:
        r = await api.client.patch(
            f"/api/quizzes/{r.json()['id']}", json={"shared": True}, headers=by
        )
        assert r.status_code == 200, r.text
    quiz: dict[str, Any] = r.json()
    return quiz


async def _titles(api: Api, headers: dict[str, str], query: str = "") -> list[str]:
    r = await api.client.get(f"/api/quizzes{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [q["title"] for q in r.json()]


async def test_teachers_see_their_own_quizzes_and_the_schools_never_anothers_private_ones(
    api: Api,
) -> None:
    admin = await api.admin()
    lan, diego = await api.teacher("lan"), await api.teacher("diego")
    private = await _quiz(api, lan, "Lan's private words")
    await _quiz(api, lan, "Lan's shared words", shared=True)
    await _quiz(api, diego, "Diego's words")
    assert await _titles(api, lan, "?scope=mine") == ["Lan's shared words", "Lan's private words"]
    assert await _titles(api, diego, "?scope=mine") == ["Diego's words"]
    assert await _titles(api, diego, "?scope=school") == ["Lan's shared words"]
    assert await _titles(api, diego) == ["Diego's words", "Lan's shared words"]
    assert await _titles(api, admin) == [
        "Diego's words",
        "Lan's shared words",
        "Lan's private words",
    ]
    assert await _titles(api, admin, "?scope=mine") == []
    summary = (await api.client.get("/api/quizzes?scope=school", headers=diego)).json()[0]
    assert (summary["owner_name"], summary["shared"], summary["question_count"]) == ("lan", True, 2)
    # Another teacher's private quiz is not there at all.
    for method, path in [
        ("GET", f"/api/quizzes/{private['id']}"),
        ("PATCH", f"/api/quizzes/{private['id']}"),
        ("POST", f"/api/quizzes/{private['id']}/duplicate"),
        ("DELETE", f"/api/quizzes/{private['id']}"),
        ("GET", f"/api/quizzes/{private['id']}/analytics"),
    ]:
        r = await api.client.request(method, path, json={"title": "Mine now"}, headers=diego)
        assert r.status_code == 404 and r.json()["detail"] == "Quiz not found", (method, path)
    assert (await api.client.get(f"/api/quizzes/{private['id']}", headers=lan)).json()["title"] == (
        "Lan's private words"
    )


async def test_pages_of_a_library_come_newest_first(api: Api) -> None:
    lan = await api.teacher("lan")
    for i in range(5):
        await _quiz(api, lan, f"Quiz {i}")
    assert await _titles(api, lan, "?scope=mine&limit=2") == ["Quiz 4", "Quiz 3"]
    assert await _titles(api, lan, "?scope=mine&limit=2&offset=2") == ["Quiz 2", "Quiz 1"]
    assert await _titles(api, lan, "?scope=mine&limit=2&offset=4") == ["Quiz 0"]
    for bad in ("?limit=0", "?limit=1001", "?offset=-1", "?scope=everyone"):
        assert (await api.client.get(f"/api/quizzes{bad}", headers=lan)).status_code == 422, bad


async def test_a_shared_quiz_is_read_and_duplicated_by_others_and_changed_by_its_owner_only(
    api: Api,
) -> None:
    lan, diego = await api.teacher("lan"), await api.teacher("diego")
    shared = await _quiz(api, lan, "Lan's shared words", shared=True)
    read = await api.client.get(f"/api/quizzes/{shared['id']}", headers=diego)
    assert read.status_code == 200 and read.json()["questions"] == shared["questions"]
    for method, path, body in [
        ("PATCH", f"/api/quizzes/{shared['id']}", {"title": "Mine"}),
        ("POST", f"/api/quizzes/{shared['id']}/questions", question()),
        ("POST", f"/api/quizzes/{shared['id']}/sessions", None),
        ("DELETE", f"/api/quizzes/{shared['id']}", None),
    ]:
        r = await api.client.request(method, path, json=body, headers=diego)
        assert r.status_code == 403 and "duplicate" in r.json()["detail"], (method, path, r.text)
    r = await api.client.post(f"/api/quizzes/{shared['id']}/duplicate", headers=diego)
    assert r.status_code == 201, r.text
    copy = r.json()
    assert copy["title"] == "Lan's shared words (copy)"
    assert (copy["owner_name"], copy["shared"], copy["scoring"], copy["streak_bonus"]) == (
        "diego",
        False,
        "accuracy",
        True,
    )

    def content(quiz: dict[str, Any]) -> list[Any]:
        return [
            (
                q["prompt"],
                q["time_limit_s"],
                q["points"],
                [(c["text"], c["correct"]) for c in q["choices"]],
            )
            for q in quiz["questions"]
        ]

    assert content(copy) == content(shared)
    assert {q["id"] for q in copy["questions"]}.isdisjoint(q["id"] for q in shared["questions"])
    # The copy is Diego's to change and run; the original is unchanged.
    r = await api.client.patch(
        f"/api/quizzes/{copy['id']}", json={"title": "Diego's"}, headers=diego
    )
    assert r.status_code == 200
    opened = await api.client.post(f"/api/quizzes/{copy['id']}/sessions", headers=diego)
    assert opened.status_code == 201, opened.text
    assert (await api.client.get(f"/api/quizzes/{shared['id']}", headers=lan)).json() == shared
    # Unshared, it is gone from Diego's view.
    r = await api.client.patch(f"/api/quizzes/{shared['id']}", json={"shared": False}, headers=lan)
    assert r.status_code == 200 and r.json()["shared"] is False
    assert (await api.client.get(f"/api/quizzes/{shared['id']}", headers=diego)).status_code == 404
    assert await _titles(api, diego, "?scope=school") == []
    nulled = await api.client.patch(
        f"/api/quizzes/{shared['id']}", json={"shared": None}, headers=lan
    )
    assert nulled.status_code == 422


async def test_an_admin_hands_a_quiz_over_and_its_sessions_stay_whose_they_were(api: Api) -> None:
    admin = await api.admin()
    lan, diego = await api.teacher("lan"), await api.teacher("diego")
    diego_id = (await api.client.get("/api/auth/me", headers=diego)).json()["id"]
    _, code, quiz = await open_session(api, by=lan)
    learner = await joined(api, code, "Learner")
    await answer(api, code, learner, quiz)
    refused = await api.client.post(
        f"/api/quizzes/{quiz['id']}/owner", json={"user_id": diego_id}, headers=lan
    )
    assert refused.status_code == 403  # only admins hand over
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/owner", json={"user_id": diego_id}, headers=admin
    )
    assert r.status_code == 200 and r.json()["owner_id"] == diego_id, r.text
    assert (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=lan)).status_code == 404
    assert (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=diego)).status_code == 200
    # Lan still runs the session she opened; Diego does not.
    assert (await api.client.get(f"/api/sessions/{code}/results", headers=lan)).status_code == 200
    assert (await api.client.get(f"/api/sessions/{code}/results", headers=diego)).status_code == 404
    mine = await api.client.get(f"/api/quizzes/{quiz['id']}/sessions", headers=diego)
    assert mine.json() == []
    # Its analytics cover every session of the quiz, for its owner now.
    stats = await api.client.get(f"/api/quizzes/{quiz['id']}/analytics", headers=diego)
    assert stats.status_code == 200 and stats.json()["answer_count"] == 1
    player_id = (await api.client.get("/api/auth/me", headers=learner)).json()["id"]
    for user_id in (player_id, "0" * 36, "not-an-id"):
        r = await api.client.post(
            f"/api/quizzes/{quiz['id']}/owner", json={"user_id": user_id}, headers=admin
        )
        assert r.status_code == 422, (user_id, r.text)
    await api.client.patch(f"/api/teachers/{diego_id}", json={"disabled": True}, headers=admin)
    lan_id = (await api.client.get("/api/auth/me", headers=lan)).json()["id"]
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/owner", json={"user_id": diego_id}, headers=admin
    )
    assert r.status_code == 422
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/owner", json={"user_id": lan_id}, headers=admin
    )
    assert r.status_code == 200 and r.json()["owner_name"] == "lan"


async def test_each_teacher_lists_the_sessions_they_opened(api: Api) -> None:
    admin = await api.admin()
    lan, diego = await api.teacher("lan"), await api.teacher("diego")
    _, first, _ = await open_session(api, by=lan)
    _, second, _ = await open_session(api, by=lan)
    _, theirs, _ = await open_session(api, by=diego)

    async def codes(headers: dict[str, str], query: str = "") -> list[str]:
        r = await api.client.get(f"/api/sessions{query}", headers=headers)
        assert r.status_code == 200, r.text
        return [s["code"] for s in r.json()]

    assert await codes(lan) == [second, first]
    assert await codes(lan, "?limit=1&offset=1") == [first]
    assert await codes(diego) == [theirs]
    assert await codes(admin) == [theirs, second, first]
    # Another teacher's session can be joined like any, never run.
    assert (await api.client.post(f"/api/sessions/{first}/join", headers=diego)).status_code == 200
    assert (await api.client.post(f"/api/sessions/{first}/close", headers=diego)).status_code == 404
    assert (await api.client.post(f"/api/sessions/{first}/close", headers=lan)).status_code == 200

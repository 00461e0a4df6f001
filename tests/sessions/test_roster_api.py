"""The teacher renames and removes players, on both backends: the leaderboard follows the database
exactly, a removed player's answers go with them and they cannot join again until let back."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI

from tests.conftest import Api
from tests.faults.load import board_is_results
from tests.sessions.game import answer, joined, open_session
from tests.sessions.test_live_api import open_live, send, state, step


async def _join(api: Api, code: str, name: str) -> tuple[dict[str, str], str]:
    headers = await joined(api, code, name)
    r = await api.client.post(f"/api/sessions/{code}/join", headers=headers)
    return headers, str(r.json()["id"])


async def _board(api: Api, code: str, headers: dict[str, str]) -> dict[str, Any]:
    r = await api.client.get(f"/api/sessions/{code}/leaderboard?limit=100", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _reconciled(app: FastAPI) -> list[str]:
    """The sessions a start-up would find behind: none, when the version counts every change."""
    codes: list[str] = await app.state.vocabquiz.sessions.play.standings.reconcile()
    return codes


async def test_the_teacher_renames_a_player(api: Api, app: FastAPI) -> None:
    admin, code, quiz = await open_session(api, questions=3, time_limit_s=None)
    zoe, zoe_id = await _join(api, code, "Rude name")
    await _join(api, code, "Ann")
    await answer(api, code, zoe, quiz)
    before = (await _board(api, code, admin))["version"]
    path = f"/api/sessions/{code}/participants/{zoe_id}"
    r = await api.client.patch(path, json={"display_name": "  Zoe  "}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["display_name"] == "Zoe" and r.json()["score"] == 1000
    board = await _board(api, code, zoe)
    assert board["version"] == before + 1
    assert board["me"]["display_name"] == "Zoe" and board["entries"][0]["display_name"] == "Zoe"
    results = await board_is_results(api.client, code, admin)
    assert [p["display_name"] for p in results] == ["Zoe", "Ann"]
    # The same name again changes nothing; another player's name (any case or spacing) is taken.
    r = await api.client.patch(path, json={"display_name": "Zoe"}, headers=admin)
    assert r.status_code == 200 and (await _board(api, code, admin))["version"] == before + 1
    r = await api.client.patch(path, json={"display_name": " ann "}, headers=admin)
    assert r.status_code == 409 and "ann" in r.json()["detail"]
    for bad in ["", " ", "a\nb", "x" * 41]:
        r = await api.client.patch(path, json={"display_name": bad}, headers=admin)
        assert r.status_code == 422, bad
    r = await api.client.patch(
        f"/api/sessions/{code}/participants/not-an-id", json={"display_name": "X"}, headers=admin
    )
    assert r.status_code == 404
    # The new name is the player's in this session: their next answer keeps it.
    await answer(api, code, zoe, quiz)
    assert (await _board(api, code, admin))["entries"][0]["display_name"] == "Zoe"
    await board_is_results(api.client, code, admin)
    assert await _reconciled(app) == []


async def test_a_removed_player_is_gone_and_cannot_rejoin_until_let_back(
    api: Api, app: FastAPI
) -> None:
    admin, code, quiz = await open_session(api, questions=3, time_limit_s=None)
    rude, rude_id = await _join(api, code, "Rude")
    ann, _ = await _join(api, code, "Ann")
    await answer(api, code, rude, quiz)
    await answer(api, code, rude, quiz)
    await answer(api, code, ann, quiz, right=False)
    before = await _board(api, code, admin)
    assert before["participant_count"] == 2
    r = await api.client.delete(f"/api/sessions/{code}/participants/{rude_id}", headers=admin)
    assert r.status_code == 204, r.text
    after = await _board(api, code, ann)
    assert after["version"] == before["version"] + 1
    assert after["participant_count"] == 1 and after["me"]["rank"] == 1
    assert [e["display_name"] for e in after["entries"]] == ["Ann"]
    results = await board_is_results(api.client, code, admin)
    assert [p["display_name"] for p in results] == ["Ann"]
    analytics = (await api.client.get(f"/api/sessions/{code}/analytics", headers=admin)).json()
    assert analytics["answer_count"] == 1 and analytics["participant_count"] == 1
    assert await _reconciled(app) == []
    # Removed twice: there is no such player any more.
    r = await api.client.delete(f"/api/sessions/{code}/participants/{rude_id}", headers=admin)
    assert r.status_code == 404
    # The removed player can neither play on nor join again.
    r = await api.client.get(f"/api/sessions/{code}/question", headers=rude)
    assert r.status_code == 403
    r = await api.client.post(f"/api/sessions/{code}/join", headers=rude)
    assert r.status_code == 403 and "removed you" in r.json()["detail"]
    history = (await api.client.get("/api/me/sessions", headers=rude)).json()
    assert [h["session_code"] for h in history] == []
    removed = (await api.client.get(f"/api/sessions/{code}/removed", headers=admin)).json()
    assert [(p["display_name"]) for p in removed] == ["Rude"]
    # Let back: they join afresh, from nothing.
    user_id = removed[0]["user_id"]
    r = await api.client.delete(f"/api/sessions/{code}/removed/{user_id}", headers=admin)
    assert r.status_code == 204
    r = await api.client.delete(f"/api/sessions/{code}/removed/{user_id}", headers=admin)
    assert r.status_code == 404
    assert (await api.client.get(f"/api/sessions/{code}/removed", headers=admin)).json() == []
    r = await api.client.post(f"/api/sessions/{code}/join", headers=rude)
    assert r.status_code == 200 and r.json()["score"] == 0 and r.json()["answered_count"] == 0
    assert (await _board(api, code, admin))["participant_count"] == 2
    await answer(api, code, rude, quiz)
    await board_is_results(api.client, code, admin)
    assert await _reconciled(app) == []


async def test_removing_players_while_others_answer_keeps_the_board_exact(api: Api) -> None:
    admin, code, _ = await open_session(api, questions=5, time_limit_s=None)
    players = [await _join(api, code, f"P{i}") for i in range(8)]

    async def play(headers: dict[str, str]) -> list[int]:
        statuses = []
        for _ in range(5):
            turn = await api.client.get(f"/api/sessions/{code}/question", headers=headers)
            if turn.status_code != 200 or turn.json()["finished"]:
                statuses.append(turn.status_code)
                break
            qid = turn.json()["question"]["id"]
            choice = turn.json()["question"]["choices"][0]["id"]
            r = await api.client.post(
                f"/api/sessions/{code}/answers",
                json={"question_id": qid, "choice_id": choice},
                headers=headers,
            )
            statuses.append(r.status_code)
        return statuses

    async def remove(participant_id: str) -> int:
        await asyncio.sleep(0.01)
        r = await api.client.delete(
            f"/api/sessions/{code}/participants/{participant_id}", headers=admin
        )
        return r.status_code

    outcomes = await asyncio.gather(
        *(play(h) for h, _ in players), *(remove(pid) for _, pid in players[:3])
    )
    assert outcomes[8:] == [204, 204, 204]
    for statuses in outcomes[:8]:
        assert set(statuses) <= {200, 403, 409}, statuses  # never a 500
    results = await board_is_results(api.client, code, admin)
    assert sorted(p["display_name"] for p in results) == [f"P{i}" for i in range(3, 8)]


async def test_a_player_removed_during_a_live_question(api: Api, app: FastAPI) -> None:
    admin, code, quiz = await open_live(api, questions=2, time_limit_s=None)
    ann, ann_id = await _join(api, code, "Ann")
    bob, _ = await _join(api, code, "Bob")
    showing = await step(api, code, admin, "start")
    qid = showing["question"]["id"]
    right = next(c["id"] for q in quiz["questions"] if q["id"] == qid for c in q["choices"])
    assert (await send(api, code, ann, qid, right)).status_code == 200
    r = await api.client.delete(f"/api/sessions/{code}/participants/{ann_id}", headers=admin)
    assert r.status_code == 204
    host = await state(api, code, admin)
    assert host["participant_count"] == 1 and host["answered_count"] == 0
    assert (await send(api, code, ann, qid, right)).status_code == 403
    assert (await api.client.get(f"/api/sessions/{code}/live", headers=ann)).status_code == 403
    assert (await send(api, code, bob, qid, right)).status_code == 200
    # Everyone still in the session has answered: the question ends by itself.
    for _ in range(100):
        if (await state(api, code, admin))["phase"] == "reveal":
            break
        await asyncio.sleep(0.05)
    assert (await state(api, code, admin))["phase"] == "reveal"
    await board_is_results(api.client, code, admin)
    assert await _reconciled(app) == []


async def test_a_closed_session_can_be_tidied(api: Api, app: FastAPI) -> None:
    admin, code, quiz = await open_session(api, questions=2, time_limit_s=None)
    test_player, test_id = await _join(api, code, "Test")
    ann, ann_id = await _join(api, code, "ann")
    await answer(api, code, test_player, quiz)
    await answer(api, code, ann, quiz, right=False)
    assert (await api.client.post(f"/api/sessions/{code}/close", headers=admin)).status_code == 200
    r = await api.client.delete(f"/api/sessions/{code}/participants/{test_id}", headers=admin)
    assert r.status_code == 204
    r = await api.client.patch(
        f"/api/sessions/{code}/participants/{ann_id}", json={"display_name": "Ann"}, headers=admin
    )
    assert r.status_code == 200
    results = await board_is_results(api.client, code, admin)
    assert [p["display_name"] for p in results] == ["Ann"]
    assert await _reconciled(app) == []


async def test_renames_while_the_player_answers_keep_the_board_exact(api: Api) -> None:
    admin, code, quiz = await open_session(api, questions=6, time_limit_s=None)
    zoe, zoe_id = await _join(api, code, "Zoe")
    path = f"/api/sessions/{code}/participants/{zoe_id}"
    for i in range(6):
        renamed, _ = await asyncio.gather(
            api.client.patch(path, json={"display_name": f"Zoe {i}"}, headers=admin),
            answer(api, code, zoe, quiz),
        )
        assert renamed.status_code == 200
        results = await board_is_results(api.client, code, admin)
        assert results[0]["display_name"] == f"Zoe {i}"

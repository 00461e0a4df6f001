"""Live sessions through the API on both backends: every phase change, the races between hosts,
deadlines and answers, late answers and late joiners, and that nothing tells a player the right
choice before the question ends."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import Api
from tests.faults.load import board_is_results
from tests.leaks import leaks
from tests.sessions.game import correct_choice, joined, open_session, wrong_choice
from vocabquiz.sessions import live as live_module
from vocabquiz.sessions import live_view


async def open_live(
    api: Api, questions: int = 3, **fields: Any
) -> tuple[dict[str, str], str, dict[str, Any]]:
    """`open_session` for a live session."""
    return await open_session(api, questions, mode="live", **fields)


async def state(api: Api, code: str, headers: dict[str, str]) -> dict[str, Any]:
    r = await api.client.get(f"/api/sessions/{code}/live", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def act(api: Api, code: str, admin: dict[str, str], action: str, version: int) -> Any:
    return await api.client.post(
        f"/api/sessions/{code}/live/{action}", json={"phase_version": version}, headers=admin
    )


async def step(api: Api, code: str, admin: dict[str, str], action: str) -> dict[str, Any]:
    version = (await state(api, code, admin))["phase_version"]
    r = await act(api, code, admin, action, version)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def send(
    api: Api, code: str, headers: dict[str, str], question_id: str, choice_id: str
) -> Any:
    return await api.client.post(
        f"/api/sessions/{code}/live/answers",
        json={"question_id": question_id, "choice_id": choice_id},
        headers=headers,
    )


async def test_a_live_game_goes_through_every_phase(api: Api) -> None:
    admin, code, quiz = await open_live(api, questions=3, time_limit_s=None)
    ann, bob = await joined(api, code, "Ann"), await joined(api, code, "Bob")
    lobby = await state(api, code, ann)
    assert (lobby["phase"], lobby["question"], lobby["participant_count"]) == ("lobby", None, 2)
    # The self-paced routes are not for live sessions.
    r = await api.client.get(f"/api/sessions/{code}/question", headers=ann)
    assert r.status_code == 409 and "live" in r.json()["detail"]

    running = await step(api, code, admin, "start")
    assert running["phase"] == "question" and running["question_index"] == 0
    qid = running["question"]["id"]
    seen = await state(api, code, ann)
    assert seen["question"]["id"] == qid and seen["my_choice_id"] is None
    # Everyone has the quiz's order, the host's screen's: players match its numbers.
    written = [c["id"] for q in quiz["questions"] if q["id"] == qid for c in q["choices"]]
    assert [c["id"] for c in seen["question"]["choices"]] == written
    assert [c["id"] for c in (await state(api, code, bob))["question"]["choices"]] == written
    assert seen["started_at"] == running["started_at"] and seen["deadline"] is None
    right, wrong = correct_choice(quiz, qid), wrong_choice(quiz, qid)
    locked = await send(api, code, ann, qid, right)
    assert locked.status_code == 200 and locked.json() == {
        "question_id": qid,
        "choice_id": right,
        "locked_in": True,
    }
    # Nothing a player reads during the question says what is right, the leaderboard included.
    during = [
        locked.json(),
        await state(api, code, ann),
        await state(api, code, bob),
        (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=bob)).json(),
    ]
    assert leaks(during, answered=set()) == []
    assert all(e["score"] == 0 for e in during[3]["entries"])
    assert during[1]["my_choice_id"] == right and during[2]["answered_count"] == 1
    # The same answer again is the same result; another choice is refused.
    assert (await send(api, code, ann, qid, right)).status_code == 200
    assert (await send(api, code, ann, qid, wrong)).status_code == 409

    # The last player's answer ends the question: everyone answered.
    assert (await send(api, code, bob, qid, wrong)).status_code == 200
    revealed = await state(api, code, ann)
    assert revealed["phase"] == "reveal"
    reveal = revealed["reveal"]
    assert reveal["correct_choice_id"] == right
    assert {v["choice_id"]: v["count"] for v in reveal["votes"]}[right] == 1
    assert sum(v["count"] for v in reveal["votes"]) == 2
    assert reveal["me"]["correct"] and reveal["me"]["rank"] == 1 and reveal["me"]["behind"] is None
    assert [e["display_name"] for e in reveal["top"]] == ["Ann", "Bob"]
    assert reveal["top"][0]["previous_rank"] in (1, 2)
    bobs = (await state(api, code, bob))["reveal"]["me"]
    assert not bobs["correct"] and bobs["rank"] == 2 and bobs["behind"] == reveal["me"]["score"]
    assert (await send(api, code, bob, qid, right)).status_code == 409  # after the reveal

    second = await step(api, code, admin, "next")
    assert second["question_index"] == 1
    await send(
        api, code, bob, second["question"]["id"], correct_choice(quiz, second["question"]["id"])
    )
    ended = await step(api, code, admin, "end")  # early: Ann has not answered
    assert ended["phase"] == "reveal" and ended["answered_count"] == 1
    third = await step(api, code, admin, "next")
    assert third["question_index"] == 2
    podium = await step(api, code, admin, "skip")  # the last question, skipped
    assert podium["phase"] == "podium"
    assert [e["display_name"] for e in podium["podium"]["top"]] == ["Ann", "Bob"] or [
        e["display_name"] for e in podium["podium"]["top"]
    ] == ["Bob", "Ann"]
    mine = (await state(api, code, ann))["podium"]["me"]
    assert mine["display_name"] == "Ann"
    assert (await api.client.post(f"/api/sessions/{code}/close", headers=admin)).status_code == 200
    assert (await state(api, code, ann))["phase"] == "closed"
    results = await board_is_results(api.client, code, admin)
    assert {r["display_name"]: r["answered_count"] for r in results} == {"Ann": 1, "Bob": 2}
    # After the game, everything that reads a session reads this one.
    csv = await api.client.get(f"/api/sessions/{code}/results?format=csv", headers=admin)
    assert csv.status_code == 200 and "Bob" in csv.text
    stats = (await api.client.get(f"/api/sessions/{code}/analytics", headers=admin)).json()
    assert sum(q["answer_count"] for q in stats["questions"]) == 3
    history = (await api.client.get("/api/me/sessions", headers=bob)).json()
    assert [(h["session_code"], h["answered_count"]) for h in history] == [(code, 2)]
    practice = (await api.client.get(f"/api/me/sessions/{code}/practice", headers=bob)).json()
    assert [q["id"] for q in practice["questions"]] == [qid]  # the one Bob got wrong


async def test_hosts_acting_at_once_change_the_phase_once(api: Api) -> None:
    admin, code, _ = await open_live(api, questions=2, time_limit_s=None)
    await joined(api, code, "Ann")
    clicks = await asyncio.gather(*(act(api, code, admin, "start", 0) for _ in range(12)))
    assert sorted(r.status_code for r in clicks) == [200] + [409] * 11
    now = await state(api, code, admin)
    assert now["phase_version"] == 1 and now["question_index"] == 0
    # A click from a phase already left is refused, and so is a step that makes no sense.
    assert (await act(api, code, admin, "start", 0)).status_code == 409
    assert (await act(api, code, admin, "next", 1)).status_code == 409  # not revealed yet
    ends = await asyncio.gather(*(act(api, code, admin, "end", 1) for _ in range(6)))
    nexts = await asyncio.gather(*(act(api, code, admin, "next", 2) for _ in range(6)))
    assert sorted(r.status_code for r in ends + nexts) == [200] * 2 + [409] * 10
    assert (await state(api, code, admin))["question_index"] == 1


async def test_the_deadline_ends_the_question_and_late_answers_score_nothing(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, code, quiz = await open_live(api, questions=2, time_limit_s=5)
    ann, bob = await joined(api, code, "Ann"), await joined(api, code, "Bob")
    running = await step(api, code, admin, "start")
    qid = running["question"]["id"]
    assert await send(api, code, ann, qid, correct_choice(quiz, qid))
    real_now = live_module.utcnow

    def clock(ahead: float) -> None:
        # Both read the clock: answers (live) and deadlines (live_view).
        for module in (live_module, live_view):
            monkeypatch.setattr(module, "utcnow", lambda: real_now() + timedelta(seconds=ahead))

    # Bob answers 6 s into a 5 s question (the clock is moved; the server's timer has not fired).
    clock(6)
    late = await send(api, code, bob, qid, correct_choice(quiz, qid))
    assert late.status_code == 200
    outcome = (await state(api, code, bob))["reveal"]["me"]
    assert outcome["late"] and outcome["points_awarded"] == 0 and outcome["answered"]
    anns = (await state(api, code, ann))["reveal"]["me"]
    assert anns["correct"] and anns["points_awarded"] > 500
    # Past the next question's deadline, the first reader ends it.
    await step(api, code, admin, "next")
    clock(12)
    assert (await state(api, code, ann))["phase"] == "reveal"
    clock(0)
    await board_is_results(api.client, code, admin)


async def test_a_late_joiner_starts_at_the_current_question(api: Api) -> None:
    admin, code, quiz = await open_live(api, questions=2, time_limit_s=None)
    ann = await joined(api, code, "Ann")
    running = await step(api, code, admin, "start")
    zoe = await joined(api, code, "Zoe")
    seen = await state(api, code, zoe)
    assert seen["phase"] == "question" and seen["question"]["id"] == running["question"]["id"]
    assert seen["started_at"] == running["started_at"]  # the same clock as everyone
    qid = running["question"]["id"]
    await send(api, code, zoe, qid, correct_choice(quiz, qid))
    assert (await state(api, code, ann))["phase"] == "question"  # Ann has not answered yet
    await send(api, code, ann, qid, wrong_choice(quiz, qid))
    assert (await state(api, code, zoe))["reveal"]["me"]["rank"] == 1


async def test_answers_racing_the_end_are_counted_once_or_refused(api: Api) -> None:
    admin, code, quiz = await open_live(api, questions=1, time_limit_s=None)
    players = [await joined(api, code, f"P{i}") for i in range(16)]
    running = await step(api, code, admin, "start")
    qid = running["question"]["id"]
    replies = await asyncio.gather(
        *(send(api, code, p, qid, correct_choice(quiz, qid)) for p in players[:8]),
        act(api, code, admin, "end", running["phase_version"]),
        *(send(api, code, p, qid, correct_choice(quiz, qid)) for p in players[8:]),
    )
    answers = [r for i, r in enumerate(replies) if i != 8]
    assert all(r.status_code in (200, 409) for r in answers), [r.text for r in answers]
    accepted = sum(r.status_code == 200 for r in answers)
    revealed = await state(api, code, admin)
    assert revealed["phase"] == "reveal" and revealed["answered_count"] == accepted
    results = await board_is_results(api.client, code, admin)
    assert sum(r["answered_count"] for r in results) == accepted


async def test_who_may_follow_answer_and_lead(api: Api) -> None:
    admin, code, quiz = await open_live(api, questions=1, time_limit_s=None)
    ann = await joined(api, code, "Ann")
    outsider = await api.guest("Outsider")
    assert (await api.client.get(f"/api/sessions/{code}/live", headers=outsider)).status_code == 403
    assert (await act(api, code, ann, "start", 0)).status_code == 403
    running = await step(api, code, admin, "start")
    qid = running["question"]["id"]
    assert (await send(api, code, outsider, qid, correct_choice(quiz, qid))).status_code == 403
    r = await send(api, code, ann, qid, "no-such-choice")
    assert r.status_code == 422
    r = await api.client.post(
        f"/api/sessions/{code}/live/dance", json={"phase_version": 1}, headers=admin
    )
    assert r.status_code == 422


async def test_a_live_answer_needs_a_choice(api: Api) -> None:
    admin, code, _ = await open_live(api, questions=1, time_limit_s=None)
    ann = await joined(api, code, "Ann")
    showing = await step(api, code, admin, "start")
    r = await api.client.post(
        f"/api/sessions/{code}/live/answers",
        json={"question_id": showing["question"]["id"], "choice_id": None},
        headers=ann,
    )
    assert r.status_code == 422 and r.json()["detail"][0]["msg"] == "Pick a choice"
    assert r.json()["detail"][0]["loc"] == ["body", "choice_id"]
    assert (await state(api, code, admin))["answered_count"] == 0

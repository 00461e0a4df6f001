from __future__ import annotations

import asyncio
import csv
import io
from datetime import datetime, timedelta

import pytest

from tests.conftest import Api
from tests.sessions.game import answer, correct_choice, joined, open_session, wrong_choice
from vocabquiz.sessions import answers as answers_module
from vocabquiz.sessions.codes import ALPHABET


async def test_opened_session_has_a_code_from_the_alphabet_and_counts(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=4)
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    r = await api.client.get(f"/api/sessions/{code}", headers=await api.guest())
    s = r.json()
    assert r.status_code == 200
    assert (s["status"], s["question_count"], s["participant_count"]) == ("open", 4, 0)
    assert (s["quiz_id"], s["quiz_title"], s["closed_at"]) == (quiz["id"], "Words", None)


async def test_opening_a_quiz_without_questions_is_409(api: Api) -> None:
    admin = await api.admin()
    quiz = (await api.client.post("/api/quizzes", json={"title": "Empty"}, headers=admin)).json()
    r = await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)
    assert r.status_code == 409


async def test_sessions_of_a_quiz_are_listed_newest_first(api: Api) -> None:
    admin, first, quiz = await open_session(api)
    second = (await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).json()
    r = await api.client.get(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)
    assert [s["code"] for s in r.json()] == [second["code"], first]


async def test_session_code_is_case_insensitive_and_ignores_spaces(api: Api) -> None:
    _, code, _ = await open_session(api)
    guest = await api.guest()
    r = await api.client.get(f"/api/sessions/%20{code.lower()}%20", headers=guest)
    assert r.status_code == 200 and r.json()["code"] == code
    r = await api.client.post(f"/api/sessions/{code.lower()}/join", headers=guest)
    assert r.status_code == 200 and r.json()["session_code"] == code


async def test_unknown_code_is_404(api: Api) -> None:
    guest = await api.guest()
    for code in ["AAAAAA", "nope", "0OOOOO", "x" * 300]:
        assert (await api.client.get(f"/api/sessions/{code}", headers=guest)).status_code == 404


async def test_joining_twice_returns_the_same_participant(api: Api) -> None:
    _, code, _ = await open_session(api)
    guest = await api.guest("Mia")
    one = (await api.client.post(f"/api/sessions/{code}/join", headers=guest)).json()
    two = (await api.client.post(f"/api/sessions/{code}/join", headers=guest)).json()
    assert one == two
    assert (one["display_name"], one["score"], one["answered_count"]) == ("Mia", 0, 0)
    s = (await api.client.get(f"/api/sessions/{code}", headers=guest)).json()
    assert s["participant_count"] == 1


async def test_turn_serves_questions_in_order_without_the_correct_choice(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    r = await api.client.get(f"/api/sessions/{code}/question", headers=p)
    turn = r.json()
    assert r.status_code == 200
    assert (turn["finished"], turn["index"], turn["total"]) == (False, 0, 2)
    assert turn["question"]["id"] == quiz["questions"][0]["id"]
    assert "correct" not in r.text
    served = datetime.fromisoformat(turn["served_at"])
    assert datetime.fromisoformat(turn["deadline"]) - served == timedelta(seconds=20)
    again = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    assert again == turn  # the clock started at the first serve


async def test_playing_to_the_end_finishes(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    first = await answer(api, code, p, quiz)
    assert first["correct"] and first["rank"] == 1
    second = await answer(api, code, p, quiz, right=False)
    assert (second["correct"], second["points_awarded"]) == (False, 0)
    assert second["score"] == first["score"]
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    assert turn == {
        "finished": True,
        "index": 2,
        "total": 2,
        "question": None,
        "served_at": None,
        "deadline": None,
    }


async def test_answer_result_scores_by_speed(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=1, points=1000, time_limit_s=20)
    p = await joined(api, code, "Leo")
    result = await answer(api, code, p, quiz)
    assert result["correct"] and not result["late"]
    assert 950 <= result["points_awarded"] <= 1000
    assert result["score"] == result["points_awarded"]
    assert result["correct_choice_id"] == result["choice_id"]


async def test_untimed_question_has_no_deadline_and_gives_full_points(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=1, points=640, time_limit_s=None)
    p = await joined(api, code, "Leo")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    assert turn["deadline"] is None and turn["question"]["time_limit_s"] is None
    assert (await answer(api, code, p, quiz))["points_awarded"] == 640


async def test_same_answer_again_returns_the_first_result_and_scores_nothing_twice(
    api: Api,
) -> None:
    _, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    first = await answer(api, code, p, quiz)
    body = {"question_id": first["question_id"], "choice_id": first["choice_id"]}
    again = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    assert again.status_code == 200
    assert again.json() == first
    me = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=p)).json()["me"]
    assert (me["score"], me["answered_count"]) == (first["score"], 1)


async def test_different_choice_for_an_answered_question_is_409(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    first = await answer(api, code, p, quiz)
    body = {
        "question_id": first["question_id"],
        "choice_id": wrong_choice(quiz, first["question_id"]),
    }
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    assert r.status_code == 409


async def test_answer_to_a_question_not_served_is_409(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    later = quiz["questions"][1]["id"]
    body = {"question_id": later, "choice_id": correct_choice(quiz, later)}
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    assert r.status_code == 409
    await api.client.get(f"/api/sessions/{code}/question", headers=p)  # serves the first
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    assert r.status_code == 409
    body = {"question_id": "not-a-question", "choice_id": "x"}
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    assert r.status_code == 409


async def test_choice_of_another_question_is_422(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    other = quiz["questions"][1]["id"]
    body = {"question_id": turn["question"]["id"], "choice_id": correct_choice(quiz, other)}
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    assert r.status_code == 422
    assert (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()["index"] == 0


async def test_non_participant_gets_403_for_question_and_answers(api: Api) -> None:
    _, code, quiz = await open_session(api)
    outsider = await api.guest()
    assert (
        await api.client.get(f"/api/sessions/{code}/question", headers=outsider)
    ).status_code == 403
    qid = quiz["questions"][0]["id"]
    body = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
    r = await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=outsider)
    assert r.status_code == 403


async def test_closed_session_refuses_joins_and_answers_but_can_be_read(api: Api) -> None:
    admin, code, quiz = await open_session(api, questions=2)
    p = await joined(api, code, "Leo")
    await answer(api, code, p, quiz)
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=p)).json()
    closed = await api.client.post(f"/api/sessions/{code}/close", headers=admin)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert closed.json()["closed_at"] is not None
    again = await api.client.post(f"/api/sessions/{code}/close", headers=admin)
    assert again.status_code == 200 and again.json()["closed_at"] == closed.json()["closed_at"]
    qid = turn["question"]["id"]
    body = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
    assert (
        await api.client.post(f"/api/sessions/{code}/answers", json=body, headers=p)
    ).status_code == 409
    late = await api.guest()
    assert (await api.client.post(f"/api/sessions/{code}/join", headers=late)).status_code == 409
    board = await api.client.get(f"/api/sessions/{code}/leaderboard", headers=p)
    assert board.status_code == 200 and board.json()["status"] == "closed"
    assert (await api.client.get(f"/api/sessions/{code}", headers=p)).json()["status"] == "closed"


async def test_leaderboard_orders_by_score_then_who_got_there_first(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2, time_limit_s=None, points=100)
    ann = await joined(api, code, "Ann")
    bob = await joined(api, code, "Bob")
    cat = await joined(api, code, "Cat")
    await answer(api, code, bob, quiz)  # Bob reaches 100 first
    await answer(api, code, ann, quiz)  # Ann reaches 100 second
    await answer(api, code, cat, quiz, right=False)  # Cat stays at 0
    board = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=cat)).json()
    assert [(e["display_name"], e["score"], e["rank"]) for e in board["entries"]] == [
        ("Bob", 100, 1),
        ("Ann", 100, 2),
        ("Cat", 0, 3),
    ]
    assert board["participant_count"] == 3
    assert board["me"]["display_name"] == "Cat" and board["me"]["rank"] == 3
    assert board["version"] == 6  # three joins and three answers


async def test_equal_zero_scores_rank_by_join_time(api: Api) -> None:
    _, code, _ = await open_session(api)
    for name in ["First", "Second", "Third"]:
        await joined(api, code, name)
    board = (
        await api.client.get(f"/api/sessions/{code}/leaderboard", headers=await api.guest())
    ).json()
    assert [e["display_name"] for e in board["entries"]] == ["First", "Second", "Third"]
    assert board["me"] is None


async def test_leaderboard_limit_cuts_entries_but_me_is_always_there(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=1, time_limit_s=None)
    players = [await joined(api, code, f"P{i}") for i in range(4)]
    for p in players[:3]:
        await answer(api, code, p, quiz)
    board = (
        await api.client.get(f"/api/sessions/{code}/leaderboard?limit=2", headers=players[3])
    ).json()
    assert len(board["entries"]) == 2
    assert board["me"]["rank"] == 4


async def test_leaderboard_limit_outside_1_to_100_is_422(api: Api) -> None:
    _, code, _ = await open_session(api)
    guest = await api.guest()
    for limit in ["0", "101", "x", "-1"]:
        r = await api.client.get(f"/api/sessions/{code}/leaderboard?limit={limit}", headers=guest)
        assert r.status_code == 422


async def test_version_grows_with_every_change(api: Api) -> None:
    _, code, quiz = await open_session(api, questions=2)
    watcher = await api.guest()
    versions = []
    p = await joined(api, code, "Leo")
    versions.append(
        (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=watcher)).json()[
            "version"
        ]
    )
    await answer(api, code, p, quiz)
    versions.append(
        (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=watcher)).json()[
            "version"
        ]
    )
    await answer(api, code, p, quiz, right=False)
    versions.append(
        (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=watcher)).json()[
            "version"
        ]
    )
    assert versions[0] < versions[1] < versions[2]


async def test_results_rank_participants_with_their_answers(api: Api) -> None:
    admin, code, quiz = await open_session(api, questions=2, time_limit_s=None, points=100)
    ann = await joined(api, code, "Ann")
    bob = await joined(api, code, "=cmd")
    await answer(api, code, bob, quiz)
    await answer(api, code, ann, quiz, right=False)
    r = await api.client.get(f"/api/sessions/{code}/results", headers=admin)
    rows = r.json()
    assert r.status_code == 200
    assert [(row["rank"], row["display_name"], row["score"]) for row in rows] == [
        (1, "=cmd", 100),
        (2, "Ann", 0),
    ]
    assert rows[0]["answers"][0]["question_id"] == quiz["questions"][0]["id"]
    assert rows[0]["answers"][0]["correct"] is True
    r = await api.client.get(f"/api/sessions/{code}/results?format=csv", headers=admin)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")  # UTF-8's byte order mark, for Excel
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert table[0][:5] == ["rank", "name", "score", "answered", "correct"]
    assert len(table[0]) == 5 + 2
    assert table[1][:5] == ["1", "'=cmd", "100", "1", "1"]  # no formula injection
    assert table[2][:6] == ["2", "Ann", "0", "1", "0", "0"]


async def test_results_are_for_admins_only(api: Api) -> None:
    _, code, _ = await open_session(api)
    p = await joined(api, code, "Leo")
    assert (await api.client.get(f"/api/sessions/{code}/results", headers=p)).status_code == 403
    assert (await api.client.get(f"/api/sessions/{code}/results")).status_code == 401


async def test_history_lists_my_sessions_newest_first(api: Api) -> None:
    admin, first, quiz = await open_session(api, questions=1, time_limit_s=None, points=10)
    second = (await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).json()[
        "code"
    ]
    me = await api.player("historian")
    for code in (first, second):
        assert (await api.client.post(f"/api/sessions/{code}/join", headers=me)).status_code == 200
    await answer(api, first, me, quiz)
    await api.client.post(f"/api/sessions/{first}/close", headers=admin)
    r = await api.client.get("/api/me/sessions", headers=me)
    entries = r.json()
    assert [e["session_code"] for e in entries] == [second, first]
    assert entries[1] | {"joined_at": None} == {
        "session_code": first,
        "quiz_title": "Words",
        "status": "closed",
        "score": 10,
        "rank": 1,
        "participant_count": 1,
        "answered_count": 1,
        "correct_count": 1,
        "missed_count": 0,
        "joined_at": None,
    }
    assert (await api.client.get("/api/me/sessions", headers=await api.guest())).json() == []


async def test_session_endpoints_need_a_token_and_admin_ones_an_admin(api: Api) -> None:
    _, code, quiz = await open_session(api)
    player = await api.guest()
    assert (await api.client.get(f"/api/sessions/{code}")).status_code == 401
    assert (await api.client.post(f"/api/sessions/{code}/join")).status_code == 401
    assert (await api.client.get(f"/api/sessions/{code}/leaderboard")).status_code == 401
    assert (await api.client.get(f"/api/sessions/{code}/events")).status_code == 401
    assert (await api.client.get("/api/me/sessions")).status_code == 401
    assert (await api.client.post(f"/api/sessions/{code}/close", headers=player)).status_code == 403
    assert (
        await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=player)
    ).status_code == 403
    assert (
        await api.client.get(f"/api/quizzes/{quiz['id']}/sessions", headers=player)
    ).status_code == 403


async def test_a_late_right_pick_counts_as_late_never_as_correct(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, code, quiz = await open_session(api, questions=1, time_limit_s=5)
    leo = await joined(api, code, "Leo")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=leo)).json()
    qid = turn["question"]["id"]
    real_now = answers_module.utcnow
    monkeypatch.setattr(answers_module, "utcnow", lambda: real_now() + timedelta(seconds=8))
    r = await api.client.post(
        f"/api/sessions/{code}/answers",
        json={"question_id": qid, "choice_id": correct_choice(quiz, qid)},
        headers=leo,
    )
    assert r.status_code == 200
    assert (r.json()["late"], r.json()["correct"], r.json()["points_awarded"]) == (True, False, 0)
    row = (await api.client.get(f"/api/sessions/{code}/results", headers=admin)).json()[0]
    assert row["correct_count"] == 0 and row["answers"][0]["correct"] is False
    stats = (await api.client.get(f"/api/sessions/{code}/analytics", headers=admin)).json()
    assert (stats["questions"][0]["correct_count"], stats["questions"][0]["late_count"]) == (0, 1)
    sheet = await api.client.get(f"/api/sessions/{code}/results?format=csv", headers=admin)
    table = list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert table[1][4] == "0"  # correct


async def test_once_time_is_up_a_player_goes_on_without_picking(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, code, quiz = await open_session(api, questions=2, time_limit_s=5)
    leo = await joined(api, code, "Leo")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=leo)).json()
    qid = turn["question"]["id"]
    skip = {"question_id": qid, "choice_id": None}
    # Within the time a choice is needed.
    r = await api.client.post(f"/api/sessions/{code}/answers", json=skip, headers=leo)
    assert r.status_code == 422 and "time is up" in r.json()["detail"][0]["msg"]
    assert (await api.client.get(f"/api/sessions/{code}/question", headers=leo)).json()[
        "index"
    ] == 0
    real_now = answers_module.utcnow
    monkeypatch.setattr(answers_module, "utcnow", lambda: real_now() + timedelta(seconds=8))
    r = await api.client.post(f"/api/sessions/{code}/answers", json=skip, headers=leo)
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["choice_id"], result["late"], result["correct"]) == (None, True, False)
    assert result["points_awarded"] == 0 and result["correct_choice_id"] == correct_choice(
        quiz, qid
    )
    # Sent again: the same result; with a pick after it: already answered.
    again = await api.client.post(f"/api/sessions/{code}/answers", json=skip, headers=leo)
    assert again.status_code == 200 and again.json() == result
    picked = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
    r = await api.client.post(f"/api/sessions/{code}/answers", json=picked, headers=leo)
    assert r.status_code == 409
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=leo)).json()
    assert turn["index"] == 1
    row = (await api.client.get(f"/api/sessions/{code}/results", headers=admin)).json()[0]
    assert row["answered_count"] == 1 and row["correct_count"] == 0
    assert row["answers"][0]["choice_id"] is None and row["answers"][0]["late"] is True
    stats = (await api.client.get(f"/api/sessions/{code}/analytics", headers=admin)).json()
    first = next(q for q in stats["questions"] if q["question_id"] == qid)
    assert (first["answer_count"], first["correct_count"], first["late_count"]) == (1, 0, 1)
    assert sum(c["picked"] for c in first["choices"]) == 0
    sheet = await api.client.get(f"/api/sessions/{code}/results?format=csv", headers=admin)
    assert sheet.status_code == 200
    # A choice of another question, or a missing field, is still refused.
    r = await api.client.post(
        f"/api/sessions/{code}/answers", json={"question_id": qid}, headers=leo
    )
    assert r.status_code == 422


async def test_names_are_unique_within_a_session(api: Api) -> None:
    admin, code, _ = await open_session(api)
    first = await joined(api, code, "Zoe")
    guests = [await api.guest(name) for name in (" zoe ", "ZOE", "Zoe", "Zoe", "Zoe")]
    # Five more Zoes at once: each gets a name of their own, as the leaderboard shows them.
    replies = await asyncio.gather(
        *(api.client.post(f"/api/sessions/{code}/join", headers=g) for g in guests)
    )
    assert all(r.status_code == 200 for r in replies), [r.text for r in replies]
    names = [r.json()["display_name"] for r in replies]
    again = await api.client.post(f"/api/sessions/{code}/join", headers=first)
    assert again.json()["display_name"] == "Zoe"  # joining again keeps one's name
    board = (await api.client.get(f"/api/sessions/{code}/leaderboard", headers=admin)).json()
    shown = sorted(e["display_name"] for e in board["entries"])
    assert len({" ".join(n.split()).casefold() for n in shown}) == 6, shown
    assert sorted([*names, "Zoe"]) == shown
    assert {n.casefold().rsplit(" ", 1)[-1] for n in names} == {"2", "3", "4", "5", "6"}
    # The same name in another session is no clash.
    _, other, _ = await open_session(api)
    assert (await api.client.post(f"/api/sessions/{other}/join", headers=guests[0])).json()[
        "display_name"
    ] == "zoe"

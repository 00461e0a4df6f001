"""POST /api/quizzes/{id}/import and .../import/preview: a word list into questions, all or none."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from tests.conftest import Api, question
from tests.sessions.game import joined
from vocabquiz.quizzes import service as quiz_service

WORD_LIST = (
    "word;meaning;example\n"
    "exhausted;very tired;She felt exhausted after the long walk.\n"
    "vivid;bright and clear;\n"
    "brief;short in time;The meeting was brief.\n"
    "reluctant;unwilling;\n"
    "ancient;very old;\n"
)
CSV = {"Content-Type": "text/csv; charset=utf-8"}


async def new_quiz(api: Api, admin: dict[str, str], **body: Any) -> dict[str, Any]:
    r = await api.client.post("/api/quizzes", json={"title": "Unit 3", **body}, headers=admin)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_import_appends_the_questions_of_a_csv_body(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin, questions=[question()])
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import?direction=both&choices=3&time_limit_s=0&points=300",
        content=("\ufeff" + WORD_LIST).encode(),
        headers={**admin, **CSV},
    )
    assert r.status_code == 201, r.text
    imported = r.json()
    assert len(imported["questions"]) == 1 + 10
    assert [q["position"] for q in imported["questions"]] == list(range(11))
    new = imported["questions"][1:]
    assert {(q["time_limit_s"], q["points"], len(q["choices"])) for q in new} == {(None, 300, 3)}
    prompts = [q["prompt"] for q in new]
    assert prompts[0] == "What does “exhausted” mean in “She felt exhausted after the long walk.”?"
    assert prompts[5] == "She felt ___ after the long walk."
    assert prompts[6] == "Which word means “bright and clear”?"
    stored = (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).json()
    assert stored["questions"] == imported["questions"]


async def test_import_takes_an_uploaded_file(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import",
        files={"file": ("unit3.csv", WORD_LIST.replace(";", ",").encode(), "text/csv")},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    assert len(r.json()["questions"]) == 5
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import",
        files={"other": ("unit3.csv", WORD_LIST.encode(), "text/csv")},
        headers=admin,
    )
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "file"]


async def test_preview_stores_nothing_and_its_seed_imports_the_same_questions(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    url = f"/api/quizzes/{quiz['id']}/import"
    r = await api.client.post(f"{url}/preview", content=WORD_LIST, headers={**admin, **CSV})
    assert r.status_code == 200, r.text
    preview = r.json()
    assert preview["word_count"] == 5 and len(preview["questions"]) == 5
    assert (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).json()[
        "questions"
    ] == []
    r = await api.client.post(
        f"{url}?seed={preview['seed']}", content=WORD_LIST, headers={**admin, **CSV}
    )
    made = [
        {
            "prompt": q["prompt"],
            "choices": [{"text": c["text"], "correct": c["correct"]} for c in q["choices"]],
            "time_limit_s": q["time_limit_s"],
            "points": q["points"],
        }
        for q in r.json()["questions"]
    ]
    assert made == preview["questions"]


async def test_a_list_with_bad_rows_imports_nothing_and_names_every_row(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin, questions=[question()])
    bad = WORD_LIST + ";no word\nvivid;again\nfragile;\n"
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import", content=bad, headers={**admin, **CSV}
    )
    assert r.status_code == 422
    body = r.json()
    assert [(d["loc"], d["msg"]) for d in body["detail"]] == [
        (["body", 7], "the word is empty"),
        (["body", 8], "“vivid” is already on line 3"),
        (["body", 9], "the meaning is empty"),
    ]
    assert body["errors"] == [
        {"line": 7, "reason": "the word is empty", "code": "word_empty", "params": {}},
        {
            "line": 8,
            "reason": "“vivid” is already on line 3",
            "code": "word_repeated",
            "params": {"word": "vivid", "line": 3},
        },
        {"line": 9, "reason": "the meaning is empty", "code": "meaning_empty", "params": {}},
    ]
    stored = (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).json()
    assert len(stored["questions"]) == 1


async def test_too_many_rows_is_refused_with_a_clear_message(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    rows = "".join(f"word{i},meaning {i}\n" for i in range(2001))
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import",
        content="word,meaning\n" + rows,
        headers={**admin, **CSV},
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "line": None,
            "reason": "the list has 2,001 rows; at most 2,000 at a time",
            "code": "too_many_rows",
            "params": {"rows": 2001, "max": 2000},
        }
    ]
    assert r.json()["detail"][0]["loc"] == ["body"]


async def test_options_are_checked(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    url = f"/api/quizzes/{quiz['id']}/import"
    for query in (
        "direction=sideways",
        "choices=1",
        "choices=7",
        "time_limit_s=3",
        "time_limit_s=301",
        "points=-1",
        "points=10001",
        "seed=-1",
    ):
        r = await api.client.post(f"{url}?{query}", content=WORD_LIST, headers={**admin, **CSV})
        assert r.status_code == 422, query


async def test_import_is_refused_for_an_open_session_other_types_and_players(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin, questions=[question()])
    url = f"/api/quizzes/{quiz['id']}/import"
    r = await api.client.post(url, json={"csv": WORD_LIST}, headers=admin)
    assert r.status_code == 415
    player = await api.guest()
    r = await api.client.post(url, content=WORD_LIST, headers={**player, **CSV})
    assert r.status_code == 403
    r = await api.client.post(
        "/api/quizzes/nope/import", content=WORD_LIST, headers={**admin, **CSV}
    )
    assert r.status_code == 404
    assert (await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).is_success
    r = await api.client.post(url, content=WORD_LIST, headers={**admin, **CSV})
    assert r.status_code == 409


async def test_an_imported_quiz_plays(api: Api) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    url = f"/api/quizzes/{quiz['id']}/import?direction=meaning_to_word"
    quiz = (await api.client.post(url, content=WORD_LIST, headers={**admin, **CSV})).json()
    code = (await api.client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).json()[
        "code"
    ]
    mia = await joined(api, code, "Mia")
    turn = (await api.client.get(f"/api/sessions/{code}/question", headers=mia)).json()
    assert turn["question"]["prompt"] == "She felt ___ after the long walk."
    right = next(c["id"] for c in quiz["questions"][0]["choices"] if c["text"] == "exhausted")
    r = await api.client.post(
        f"/api/sessions/{code}/answers",
        json={"question_id": turn["question"]["id"], "choice_id": right},
        headers=mia,
    )
    assert r.json()["correct"] is True


async def test_a_quiz_holds_at_most_its_cap_of_questions_however_they_are_added(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quiz_service, "MAX_QUESTIONS", 12)
    admin = await api.admin()
    quiz = await new_quiz(api, admin, questions=[question()])
    imported = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import?direction=both",
        content=WORD_LIST,
        headers={**admin, **CSV},
    )
    assert imported.status_code == 201 and len(imported.json()["questions"]) == 11
    again = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import", content=WORD_LIST, headers={**admin, **CSV}
    )
    assert again.status_code == 422
    assert again.json()["errors"] == [
        {
            "line": None,
            "reason": "the quiz would have 16 questions (11 and 5 new); a quiz holds at most 12",
            "code": "quiz_too_full",
            "params": {"total": 16, "existing": 11, "adding": 5, "max": 12},
        }
    ]
    one = await api.client.post(
        f"/api/quizzes/{quiz['id']}/questions", json=question(), headers=admin
    )
    assert one.status_code == 201
    over = await api.client.post(
        f"/api/quizzes/{quiz['id']}/questions", json=question(), headers=admin
    )
    assert over.status_code == 422 and "12 questions" in over.json()["detail"]
    stored = (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).json()
    assert len(stored["questions"]) == 12


async def test_a_list_of_countless_problems_names_the_first_hundred_and_counts_them(
    api: Api,
) -> None:
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    header = ",".join(f"c{i}" for i in range(400_000))
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/import/preview",
        content=f"word,meaning,{header}\nvivid,bright\n",
        headers={**admin, **CSV},
    )
    assert r.status_code == 422
    body = r.json()
    assert body["error_count"] == 400_000
    assert len(body["errors"]) == len(body["detail"]) == 100
    assert body["errors"][0] == {
        "line": 1,
        "reason": "unknown column “c0”; the columns are "
        "word, meaning, example, distractor_1, distractor_2, distractor_3",
        "code": "unknown_column",
        "params": {
            "column": "c0",
            "columns": "word, meaning, example, distractor_1, distractor_2, distractor_3",
        },
    }
    assert len(r.content) < 60_000


async def test_reading_a_long_list_does_not_hold_up_other_requests(api: Api) -> None:
    """2,000 rows take a while to read; meanwhile the event loop keeps serving (it is checked
    every 5 ms here: a read on the loop would stall it for the whole read)."""
    admin = await api.admin()
    quiz = await new_quiz(api, admin)
    rows = "".join(
        f"word{i},meaning number {i},An example with word{i} in it.\n" for i in range(2000)
    )
    stalls: list[float] = []
    done = asyncio.Event()

    async def watch_the_loop() -> None:
        while not done.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            stalls.append(time.perf_counter() - start - 0.005)

    watcher = asyncio.create_task(watch_the_loop())
    try:
        r = await api.client.post(
            f"/api/quizzes/{quiz['id']}/import/preview?direction=both",
            content="word,meaning,example\n" + rows,
            headers={**admin, **CSV},
        )
    finally:
        done.set()
        await watcher
    assert r.status_code == 200 and len(r.json()["questions"]) == 4000
    print(f"\nlongest stall of the event loop during the preview: {max(stalls) * 1000:.0f} ms")
    assert max(stalls) < 0.1

"""Quizzes section of API.md: authoring quizzes and their questions (admin only)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.conftest import Api, question

QUIZ_FIELDS = {
    "id",
    "owner_id",
    "owner_name",
    "shared",
    "title",
    "description",
    "created_at",
    "updated_at",
    "scoring",
    "streak_bonus",
    "questions",
}
QUESTION_FIELDS = {"id", "position", "prompt", "choices", "time_limit_s", "points"}
SUMMARY_FIELDS = {
    "id",
    "owner_id",
    "owner_name",
    "shared",
    "title",
    "description",
    "question_count",
    "session_count",
    "scoring",
    "streak_bonus",
    "created_at",
}


async def create_quiz(api: Api, admin: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("title", "Everyday words")
    r = await api.client.post("/api/quizzes", json=body, headers=admin)
    assert r.status_code == 201, r.text
    quiz: dict[str, Any] = r.json()
    return quiz


async def get_quiz(api: Api, admin: dict[str, str], quiz_id: str) -> dict[str, Any]:
    r = await api.client.get(f"/api/quizzes/{quiz_id}", headers=admin)
    assert r.status_code == 200, r.text
    quiz: dict[str, Any] = r.json()
    return quiz


async def open_session(api: Api, admin: dict[str, str], quiz_id: str) -> str:
    r = await api.client.post(f"/api/quizzes/{quiz_id}/sessions", headers=admin)
    assert r.status_code == 201, r.text
    code: str = r.json()["code"]
    return code


def timestamp(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    assert parsed.utcoffset() is not None, f"{value} has no UTC offset"
    return parsed


def prompts(quiz: dict[str, Any]) -> list[str]:
    return [q["prompt"] for q in quiz["questions"]]


# Create, read, list


async def test_create_quiz_returns_the_quiz_with_its_questions(api: Api) -> None:
    admin = await api.admin()
    r = await api.client.post(
        "/api/quizzes",
        headers=admin,
        json={
            "title": "  Everyday words ",
            "description": "Common words.\nFor warming up.",
            "questions": [question("First?"), question("Second?", time_limit_s=None, points=0)],
        },
    )
    assert r.status_code == 201, r.text
    quiz = r.json()
    assert set(quiz) == QUIZ_FIELDS
    assert quiz["title"] == "Everyday words"
    assert quiz["description"] == "Common words.\nFor warming up."
    assert timestamp(quiz["created_at"]) <= timestamp(quiz["updated_at"])
    first, second = quiz["questions"]
    assert set(first) == QUESTION_FIELDS
    assert (first["position"], first["prompt"]) == (0, "First?")
    assert (first["time_limit_s"], first["points"]) == (20, 1000)
    assert (second["position"], second["time_limit_s"], second["points"]) == (1, None, 0)
    assert [(c["text"], c["correct"]) for c in first["choices"]] == [
        ("bright and clear", True),
        ("dull", False),
        ("quiet", False),
    ]
    assert all(set(c) == {"id", "text", "correct"} for c in first["choices"])
    ids = [quiz["id"], first["id"], second["id"], *(c["id"] for c in first["choices"])]
    assert len(set(ids)) == len(ids)


async def test_create_quiz_needs_only_a_title(api: Api) -> None:
    quiz = await create_quiz(api, await api.admin(), title="Empty")
    assert (quiz["title"], quiz["description"], quiz["questions"]) == ("Empty", "", [])


async def test_get_quiz_returns_what_was_created(api: Api) -> None:
    admin = await api.admin()
    created = await create_quiz(api, admin, questions=[question("A?"), question("B?")])
    assert await get_quiz(api, admin, created["id"]) == created


async def test_list_quizzes_is_empty_at_first(api: Api) -> None:
    r = await api.client.get("/api/quizzes", headers=await api.admin())
    assert r.status_code == 200
    assert r.json() == []


async def test_list_quizzes_gives_summaries_newest_first(api: Api) -> None:
    admin = await api.admin()
    oldest = await create_quiz(api, admin, title="Oldest", questions=[question()])
    middle = await create_quiz(
        api, admin, title="Middle", description="d", questions=[question("A?"), question("B?")]
    )
    newest = await create_quiz(api, admin, title="Newest")
    await open_session(api, admin, oldest["id"])
    code = await open_session(api, admin, oldest["id"])
    await api.client.post(f"/api/sessions/{code}/close", headers=admin)
    await open_session(api, admin, middle["id"])

    r = await api.client.get("/api/quizzes", headers=admin)
    assert r.status_code == 200
    summaries = r.json()
    assert all(set(s) == SUMMARY_FIELDS for s in summaries)
    assert [s["id"] for s in summaries] == [newest["id"], middle["id"], oldest["id"]]
    assert [(s["question_count"], s["session_count"]) for s in summaries] == [
        (0, 0),
        (2, 1),
        (1, 2),
    ]
    assert summaries[1]["title"] == "Middle"
    assert summaries[1]["description"] == "d"
    assert timestamp(summaries[1]["created_at"]) == timestamp(middle["created_at"])


# Patch and delete


async def test_patch_changes_only_the_title_when_only_the_title_is_sent(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, description="Keep me", questions=[question()])
    r = await api.client.patch(f"/api/quizzes/{quiz['id']}", json={"title": "New"}, headers=admin)
    assert r.status_code == 200, r.text
    patched = r.json()
    assert (patched["title"], patched["description"]) == ("New", "Keep me")
    assert patched["questions"] == quiz["questions"]
    assert patched["created_at"] == quiz["created_at"]
    assert timestamp(patched["updated_at"]) > timestamp(quiz["updated_at"])
    assert await get_quiz(api, admin, quiz["id"]) == patched


async def test_patch_changes_only_the_description_when_only_it_is_sent(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, title="Keep me", description="Old")
    r = await api.client.patch(
        f"/api/quizzes/{quiz['id']}", json={"description": ""}, headers=admin
    )
    assert r.status_code == 200, r.text
    assert (r.json()["title"], r.json()["description"]) == ("Keep me", "")


async def test_delete_quiz_removes_it_and_its_questions(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    kept = await create_quiz(api, admin, title="Kept")
    r = await api.client.delete(f"/api/quizzes/{quiz['id']}", headers=admin)
    assert r.status_code == 204
    assert r.content == b""
    assert (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).status_code == 404
    listed = (await api.client.get("/api/quizzes", headers=admin)).json()
    assert [s["id"] for s in listed] == [kept["id"]]
    again = await api.client.delete(f"/api/quizzes/{quiz['id']}", headers=admin)
    assert again.status_code == 404


# Questions


async def test_add_question_appends_it_last(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question("A?"), question("B?")])
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/questions",
        json=question("C?", time_limit_s=45, points=500),
        headers=admin,
    )
    assert r.status_code == 201, r.text
    added = r.json()
    assert set(added) == QUESTION_FIELDS
    assert (added["position"], added["prompt"]) == (2, "C?")
    assert (added["time_limit_s"], added["points"]) == (45, 500)
    after = await get_quiz(api, admin, quiz["id"])
    assert prompts(after) == ["A?", "B?", "C?"]
    assert after["questions"][2] == added
    assert timestamp(after["updated_at"]) > timestamp(quiz["updated_at"])


async def test_add_question_to_an_empty_quiz_is_at_position_0(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin)
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/questions", json=question(), headers=admin
    )
    assert r.json()["position"] == 0


async def test_replace_question_keeps_its_id_and_place(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(
        api, admin, questions=[question("A?"), question("B?", time_limit_s=None, points=7)]
    )
    target = quiz["questions"][1]
    body = {
        "prompt": "What is a synonym of 'happy'?",
        "choices": [{"text": "sad", "correct": False}, {"text": "glad", "correct": True}],
    }
    r = await api.client.put(
        f"/api/quizzes/{quiz['id']}/questions/{target['id']}", json=body, headers=admin
    )
    assert r.status_code == 200, r.text
    replaced = r.json()
    assert (replaced["id"], replaced["position"]) == (target["id"], 1)
    assert replaced["prompt"] == body["prompt"]
    assert [(c["text"], c["correct"]) for c in replaced["choices"]] == [
        ("sad", False),
        ("glad", True),
    ]
    # A replacement is whole: what it leaves out takes the defaults again.
    assert (replaced["time_limit_s"], replaced["points"]) == (20, 1000)
    after = await get_quiz(api, admin, quiz["id"])
    assert after["questions"] == [quiz["questions"][0], replaced]


@pytest.mark.parametrize(
    ("deleted", "left"), [(0, ["B?", "C?"]), (1, ["A?", "C?"]), (2, ["A?", "B?"])]
)
async def test_delete_question_renumbers_the_rest(api: Api, deleted: int, left: list[str]) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question("A?"), question("B?"), question("C?")])
    target = quiz["questions"][deleted]["id"]
    r = await api.client.delete(f"/api/quizzes/{quiz['id']}/questions/{target}", headers=admin)
    assert r.status_code == 204
    assert r.content == b""
    after = await get_quiz(api, admin, quiz["id"])
    assert prompts(after) == left
    assert [q["position"] for q in after["questions"]] == [0, 1]
    added = await api.client.post(
        f"/api/quizzes/{quiz['id']}/questions", json=question("D?"), headers=admin
    )
    assert added.json()["position"] == 2


# Validation: QuizIn


def _choices(*texts: str, correct: int = 0) -> list[dict[str, Any]]:
    return [{"text": text, "correct": i == correct} for i, text in enumerate(texts)]


BAD_QUIZZES: dict[str, tuple[dict[str, Any], tuple[Any, ...]]] = {
    "title missing": ({}, ("title",)),
    "title null": ({"title": None}, ("title",)),
    "title empty": ({"title": ""}, ("title",)),
    "title blank": ({"title": "   "}, ("title",)),
    "title 201": ({"title": "x" * 201}, ("title",)),
    "title with newline": ({"title": "a\nb"}, ("title",)),
    "title with NUL": ({"title": "a\x00b"}, ("title",)),
    "description 2001": ({"title": "T", "description": "x" * 2001}, ("description",)),
    "description null": ({"title": "T", "description": None}, ("description",)),
    "description with escape": ({"title": "T", "description": "a\x1bb"}, ("description",)),
    "questions not a list": ({"title": "T", "questions": question()}, ("questions",)),
    "questions null": ({"title": "T", "questions": None}, ("questions",)),
    "a bad question": (
        {"title": "T", "questions": [question(), question(points=-1)]},
        ("questions", 1, "points"),
    ),
}


@pytest.mark.parametrize("case", BAD_QUIZZES)
async def test_create_quiz_refuses_a_bad_quiz(api: Api, case: str) -> None:
    body, loc = BAD_QUIZZES[case]
    admin = await api.admin()
    r = await api.client.post("/api/quizzes", json=body, headers=admin)
    assert r.status_code == 422, r.text
    assert any(tuple(e["loc"][1:]) == loc for e in r.json()["detail"]), r.text
    assert (await api.client.get("/api/quizzes", headers=admin)).json() == []


@pytest.mark.parametrize(
    "body",
    [
        {"title": None},
        {"description": None},
        {"title": ""},
        {"title": "x" * 201},
        {"title": "a\rb"},
        {"description": "x" * 2001},
    ],
)
async def test_patch_refuses_a_bad_title_or_description(api: Api, body: dict[str, Any]) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, description="Old")
    r = await api.client.patch(f"/api/quizzes/{quiz['id']}", json=body, headers=admin)
    assert r.status_code == 422, r.text
    assert await get_quiz(api, admin, quiz["id"]) == quiz


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ({"title": "x"}, ("x", "")),
        ({"title": "x" * 200}, ("x" * 200, "")),
        ({"title": " " * 10 + "x" * 200 + " " * 10}, ("x" * 200, "")),
        ({"title": "T", "description": "x" * 2000}, ("T", "x" * 2000)),
        ({"title": "T", "description": "  line one\n\tline two  "}, ("T", "line one\n\tline two")),
    ],
)
async def test_create_quiz_accepts_titles_and_descriptions_at_the_edges(
    api: Api, body: dict[str, Any], stored: tuple[str, str]
) -> None:
    quiz = await create_quiz(api, await api.admin(), **body)
    assert (quiz["title"], quiz["description"]) == stored


# Validation: QuestionIn, on every endpoint that takes one

BAD_QUESTIONS: dict[str, tuple[dict[str, Any], tuple[Any, ...]]] = {
    "prompt missing": ({"choices": _choices("a", "b")}, ("prompt",)),
    "prompt null": ({**question(), "prompt": None}, ("prompt",)),
    "prompt empty": (question(""), ("prompt",)),
    "prompt blank": (question(" \n "), ("prompt",)),
    "prompt 501": (question("x" * 501), ("prompt",)),
    "prompt with NUL": (question("a\x00b"), ("prompt",)),
    "choices missing": ({"prompt": "P?"}, ("choices",)),
    "choices null": (question(choices=None), ("choices",)),
    "no choices": (question(choices=[]), ("choices",)),
    "one choice": (question(choices=_choices("a")), ("choices",)),
    "seven choices": (question(choices=_choices(*"abcdefg")), ("choices",)),
    "none correct": (question(choices=_choices("a", "b", correct=-1)), ()),
    "two correct": (
        question(choices=[{"text": "a", "correct": True}, {"text": "b", "correct": True}]),
        (),
    ),
    "same texts": (question(choices=_choices("dull", "bright", "dull")), ()),
    "same texts but case": (question(choices=_choices("Dull", "bright", "dULL")), ()),
    "same texts after trimming": (question(choices=_choices("dull", " dull ")), ()),
    "choice text empty": (question(choices=_choices("a", "")), ("choices", 1, "text")),
    "choice text blank": (question(choices=_choices("a", "   ")), ("choices", 1, "text")),
    "choice text 201": (question(choices=_choices("a", "x" * 201)), ("choices", 1, "text")),
    "choice text newline": (question(choices=_choices("a", "b\nc")), ("choices", 1, "text")),
    "choice text missing": (
        question(choices=[{"text": "a", "correct": True}, {"correct": False}]),
        ("choices", 1, "text"),
    ),
    "choice correct missing": (
        question(choices=[{"text": "a", "correct": True}, {"text": "b"}]),
        ("choices", 1, "correct"),
    ),
    "choice correct null": (
        question(choices=[{"text": "a", "correct": True}, {"text": "b", "correct": None}]),
        ("choices", 1, "correct"),
    ),
    "choice not an object": (question(choices=["a", "b"]), ("choices", 0)),
    "time limit 4": (question(time_limit_s=4), ("time_limit_s",)),
    "time limit 0": (question(time_limit_s=0), ("time_limit_s",)),
    "time limit negative": (question(time_limit_s=-20), ("time_limit_s",)),
    "time limit 301": (question(time_limit_s=301), ("time_limit_s",)),
    "time limit as string": (question(time_limit_s="20"), ("time_limit_s",)),
    "time limit float": (question(time_limit_s=20.5), ("time_limit_s",)),
    "time limit whole float": (question(time_limit_s=20.0), ("time_limit_s",)),
    "time limit bool": (question(time_limit_s=True), ("time_limit_s",)),
    "points negative": (question(points=-1), ("points",)),
    "points 10001": (question(points=10_001), ("points",)),
    "points null": (question(points=None), ("points",)),
    "points as string": (question(points="1000"), ("points",)),
    "points float": (question(points=1.5), ("points",)),
    "points bool": (question(points=False), ("points",)),
}


@pytest.mark.parametrize("case", BAD_QUESTIONS)
async def test_every_endpoint_refuses_a_bad_question(api: Api, case: str) -> None:
    body, loc = BAD_QUESTIONS[case]
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question("Kept?")])
    target = quiz["questions"][0]["id"]
    attempts = [
        ("POST", "/api/quizzes", {"title": "T", "questions": [body]}, ("questions", 0)),
        ("POST", f"/api/quizzes/{quiz['id']}/questions", body, ()),
        ("PUT", f"/api/quizzes/{quiz['id']}/questions/{target}", body, ()),
    ]
    for method, path, json_body, prefix in attempts:
        r = await api.client.request(method, path, json=json_body, headers=admin)
        assert r.status_code == 422, (method, path, r.text)
        assert any(tuple(e["loc"][1:]) == (*prefix, *loc) for e in r.json()["detail"]), r.text
    assert await get_quiz(api, admin, quiz["id"]) == quiz
    assert len((await api.client.get("/api/quizzes", headers=admin)).json()) == 1


@pytest.mark.parametrize(
    ("extra", "stored"),
    [
        ({"prompt": "x"}, {"prompt": "x"}),
        ({"prompt": "x" * 500}, {"prompt": "x" * 500}),
        ({"prompt": "Line one\nline two"}, {"prompt": "Line one\nline two"}),
        ({"choices": _choices("yes", "no")}, {"texts": ["yes", "no"]}),
        ({"choices": _choices(*"abcdef", correct=5)}, {"texts": list("abcdef")}),
        ({"choices": _choices("x", "y" * 200)}, {"texts": ["x", "y" * 200]}),
        ({"choices": _choices(" padded ", "b")}, {"texts": ["padded", "b"]}),
        ({"choices": _choices("Straße", "road")}, {"texts": ["Straße", "road"]}),
        ({"time_limit_s": 5}, {"time_limit_s": 5}),
        ({"time_limit_s": 300}, {"time_limit_s": 300}),
        ({"time_limit_s": None}, {"time_limit_s": None}),
        ({}, {"time_limit_s": 20, "points": 1000}),
        ({"points": 0}, {"points": 0}),
        ({"points": 10_000}, {"points": 10_000}),
    ],
)
async def test_add_question_accepts_values_at_the_edges(
    api: Api, extra: dict[str, Any], stored: dict[str, Any]
) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin)
    body = question()
    body.update(extra)
    r = await api.client.post(f"/api/quizzes/{quiz['id']}/questions", json=body, headers=admin)
    assert r.status_code == 201, r.text
    added = r.json()
    for key, value in stored.items():
        actual = [c["text"] for c in added["choices"]] if key == "texts" else added[key]
        assert actual == value
    assert sum(c["correct"] for c in added["choices"]) == 1


# Who may author: 401 anonymous, 403 players and guests


ENDPOINTS = [
    ("POST", "/api/quizzes", {"title": "T"}),
    ("GET", "/api/quizzes", None),
    ("GET", "/api/quizzes/{quiz}", None),
    ("PATCH", "/api/quizzes/{quiz}", {"title": "Taken over"}),
    ("DELETE", "/api/quizzes/{quiz}", None),
    ("POST", "/api/quizzes/{quiz}/questions", question("Injected?")),
    ("PUT", "/api/quizzes/{quiz}/questions/{question}", question("Replaced?")),
    ("DELETE", "/api/quizzes/{quiz}/questions/{question}", None),
]
ENDPOINT_IDS = [f"{method} {path}" for method, path, _ in ENDPOINTS]


async def _call(
    api: Api, endpoint: tuple[str, str, Any], headers: dict[str, str], **ids: str
) -> httpx.Response:
    method, path, body = endpoint
    return await api.client.request(method, path.format(**ids), json=body, headers=headers)


async def _caller(api: Api, who: str) -> dict[str, str]:
    if who == "player":
        return await api.player("pat")
    if who == "guest":
        return await api.guest("Gus")
    if who == "bad token":
        return api.auth("not-a-token")
    return {}


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("bad token", 401), ("player", 403), ("guest", 403)]
)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
async def test_only_admins_may_use_quiz_endpoints(
    api: Api, endpoint: tuple[str, str, Any], who: str, status: int
) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    headers = await _caller(api, who)
    r = await _call(api, endpoint, headers, quiz=quiz["id"], question=quiz["questions"][0]["id"])
    assert r.status_code == status, r.text
    assert isinstance(r.json()["detail"], str)
    assert await get_quiz(api, admin, quiz["id"]) == quiz
    assert len((await api.client.get("/api/quizzes", headers=admin)).json()) == 1


# 404


# Every endpoint with a random UUID and a non-UUID; every odd shape of id on one of them.
ODD_IDS = ["1", "x" * 300, "%00", "a%00b", "%E2%80%AE", "%20", "'; DROP TABLE quizzes; --"]
QUIZ_404 = [
    *((endpoint, unknown) for endpoint in ENDPOINTS[2:] for unknown in ["uuid4", "not-a-uuid"]),
    *((ENDPOINTS[2], unknown) for unknown in ODD_IDS),
]
QUESTION_404 = [
    *((endpoint, unknown) for endpoint in ENDPOINTS[6:] for unknown in ["uuid4", "not-a-uuid"]),
    *((endpoint, "of another quiz") for endpoint in ENDPOINTS[6:]),
    *((ENDPOINTS[6], unknown) for unknown in ODD_IDS),
]


def _ids(cases: list[tuple[tuple[str, str, Any], str]]) -> list[str]:
    return [f"{method} {path} with {unknown}" for (method, path, _), unknown in cases]


@pytest.mark.parametrize(("endpoint", "unknown"), QUIZ_404, ids=_ids(QUIZ_404))
async def test_an_unknown_quiz_is_404(
    api: Api, endpoint: tuple[str, str, Any], unknown: str
) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    unknown = str(uuid.uuid4()) if unknown == "uuid4" else unknown
    r = await _call(api, endpoint, admin, quiz=unknown, question=quiz["questions"][0]["id"])
    assert r.status_code == 404, r.text
    assert r.json() == {"detail": "Quiz not found", "code": "quiz_not_found"}


@pytest.mark.parametrize(("endpoint", "unknown"), QUESTION_404, ids=_ids(QUESTION_404))
async def test_an_unknown_question_is_404(
    api: Api, endpoint: tuple[str, str, Any], unknown: str
) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    if unknown == "uuid4":
        unknown = str(uuid.uuid4())
    elif unknown == "of another quiz":
        other = await create_quiz(api, admin, questions=[question()])
        unknown = other["questions"][0]["id"]
    r = await _call(api, endpoint, admin, quiz=quiz["id"], question=unknown)
    assert r.status_code == 404, r.text
    assert r.json() == {"detail": "Question not found", "code": "question_not_found"}
    assert await get_quiz(api, admin, quiz["id"]) == quiz


# 409: sessions


async def test_a_quiz_with_sessions_cannot_be_deleted_even_once_they_are_closed(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    code = await open_session(api, admin, quiz["id"])
    r = await api.client.delete(f"/api/quizzes/{quiz['id']}", headers=admin)
    assert r.status_code == 409
    assert isinstance(r.json()["detail"], str)
    closed = await api.client.post(f"/api/sessions/{code}/close", headers=admin)
    assert closed.status_code == 200
    r = await api.client.delete(f"/api/quizzes/{quiz['id']}", headers=admin)
    assert r.status_code == 409
    assert await get_quiz(api, admin, quiz["id"]) == quiz


QUESTION_CHANGES = ENDPOINTS[5:]


@pytest.mark.parametrize("endpoint", QUESTION_CHANGES, ids=ENDPOINT_IDS[5:])
async def test_questions_cannot_change_while_a_session_is_open(
    api: Api, endpoint: tuple[str, str, Any]
) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question("A?"), question("B?")])
    await open_session(api, admin, quiz["id"])
    r = await _call(api, endpoint, admin, quiz=quiz["id"], question=quiz["questions"][0]["id"])
    assert r.status_code == 409, r.text
    assert isinstance(r.json()["detail"], str)
    assert await get_quiz(api, admin, quiz["id"]) == quiz


@pytest.mark.parametrize(
    ("endpoint", "status"),
    list(zip(QUESTION_CHANGES, [201, 200, 204], strict=True)),
    ids=ENDPOINT_IDS[5:],
)
async def test_questions_can_change_again_once_the_session_is_closed(
    api: Api, endpoint: tuple[str, str, Any], status: int
) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question("A?"), question("B?")])
    code = await open_session(api, admin, quiz["id"])
    assert (await api.client.post(f"/api/sessions/{code}/close", headers=admin)).status_code == 200
    r = await _call(api, endpoint, admin, quiz=quiz["id"], question=quiz["questions"][0]["id"])
    assert r.status_code == status, r.text
    assert await get_quiz(api, admin, quiz["id"]) != quiz


async def test_questions_stay_locked_while_any_session_of_the_quiz_is_open(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    first = await open_session(api, admin, quiz["id"])
    await open_session(api, admin, quiz["id"])
    await api.client.post(f"/api/sessions/{first}/close", headers=admin)
    r = await api.client.post(
        f"/api/quizzes/{quiz['id']}/questions", json=question("New?"), headers=admin
    )
    assert r.status_code == 409


async def test_an_open_session_of_another_quiz_does_not_lock_this_one(api: Api) -> None:
    admin = await api.admin()
    busy = await create_quiz(api, admin, questions=[question()])
    free = await create_quiz(api, admin, questions=[question()])
    await open_session(api, admin, busy["id"])
    r = await api.client.post(
        f"/api/quizzes/{free['id']}/questions", json=question("New?"), headers=admin
    )
    assert r.status_code == 201


async def test_title_and_description_may_change_while_a_session_is_open(api: Api) -> None:
    admin = await api.admin()
    quiz = await create_quiz(api, admin, questions=[question()])
    await open_session(api, admin, quiz["id"])
    r = await api.client.patch(
        f"/api/quizzes/{quiz['id']}", json={"title": "Renamed", "description": "D"}, headers=admin
    )
    assert r.status_code == 200, r.text
    assert (r.json()["title"], r.json()["description"]) == ("Renamed", "D")


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("odd", ODD_IDS)
async def test_sessions_of_an_odd_quiz_id_are_404(api: Api, method: str, odd: str) -> None:
    admin = await api.admin()
    r = await api.client.request(method, f"/api/quizzes/{odd}/sessions", headers=admin)
    assert r.status_code == 404, r.text
    assert r.json() == {"detail": "Quiz not found", "code": "quiz_not_found"}

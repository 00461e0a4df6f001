"""Bad input of every kind on the auth and quiz endpoints: a clear 4xx with a `detail`, never a 500.

Each test takes one endpoint, sends it every variant of one kind of bad input and collects what
went wrong, so one failure lists every case that broke.
"""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import Api, question
from tests.servers import ADMIN

Path = tuple[str | int, ...]
MB = 1_000_000


@dataclass(frozen=True)
class Field:
    path: Path
    kind: str  # "str", "int", "bool" or "list"
    required: bool = True
    nullable: bool = False


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any]
    fields: tuple[Field, ...]
    admin: bool = True


def _question_fields(*prefix: str | int) -> tuple[Field, ...]:
    return (
        Field((*prefix, "prompt"), "str"),
        Field((*prefix, "choices"), "list"),
        Field((*prefix, "choices", 0, "text"), "str"),
        Field((*prefix, "choices", 0, "correct"), "bool"),
        Field((*prefix, "time_limit_s"), "int", required=False, nullable=True),
        Field((*prefix, "points"), "int", required=False),
    )


FULL_QUESTION = question(time_limit_s=30, points=500)
ENDPOINTS = {
    "register": Endpoint(
        "POST",
        "/api/auth/register",
        {"username": "alice", "password": "password123", "display_name": "Alice"},
        (
            Field(("username",), "str"),
            Field(("password",), "str"),
            Field(("display_name",), "str", required=False, nullable=True),
        ),
        admin=False,
    ),
    "login": Endpoint(
        "POST",
        "/api/auth/login",
        {"username": ADMIN[0], "password": ADMIN[1]},
        (Field(("username",), "str"), Field(("password",), "str")),
        admin=False,
    ),
    "guest": Endpoint(
        "POST",
        "/api/auth/guest",
        {"display_name": "Gus"},
        (Field(("display_name",), "str"),),
        False,
    ),
    "create quiz": Endpoint(
        "POST",
        "/api/quizzes",
        {"title": "T", "description": "D", "questions": [FULL_QUESTION]},
        (
            Field(("title",), "str"),
            Field(("description",), "str", required=False),
            Field(("questions",), "list", required=False),
            *_question_fields("questions", 0),
        ),
    ),
    "patch quiz": Endpoint(
        "PATCH",
        "/api/quizzes/{quiz}",
        {"title": "T", "description": "D"},
        (
            Field(("title",), "str", required=False),
            Field(("description",), "str", required=False),
        ),
    ),
    "add question": Endpoint(
        "POST", "/api/quizzes/{quiz}/questions", FULL_QUESTION, _question_fields()
    ),
    "replace question": Endpoint(
        "PUT", "/api/quizzes/{quiz}/questions/{question}", FULL_QUESTION, _question_fields()
    ),
}

WRONG_TYPES: dict[str, list[Any]] = {
    "str": [123, 0, 1.5, True, False, [], ["x"], {}, {"text": "x"}],
    "int": ["20", "1e2", "", 20.5, 20.0, 1e2, True, False, [], [20], {}],
    "bool": ["true", "false", "", "yes", 1, 0, 1.0, [], {}],
    "list": ["abc", "", 1, True, {}, {"0": {"text": "a", "correct": True}}],
}


def with_value(body: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    body = copy.deepcopy(body)
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


def without(body: dict[str, Any], path: Path) -> dict[str, Any]:
    body = copy.deepcopy(body)
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return body


def client_error(r: httpx.Response, *, status: int | None = None, loc: Path | None = None) -> str:
    """What is wrong with `r` as an answer to bad input; empty when it is a clear 4xx."""
    if not 400 <= r.status_code < 500 or (status is not None and r.status_code != status):
        return f"status {r.status_code}: {r.text[:200]}"
    if not r.headers.get("content-type", "").startswith("application/json"):
        return f"not JSON: {r.headers.get('content-type')}"
    detail = r.json().get("detail")
    if r.status_code == 422 and isinstance(detail, list):
        if not detail or not all({"loc", "msg", "type"} <= set(error) for error in detail):
            return f"not FastAPI's validation list: {detail}"
        if loc is not None and not any(tuple(e["loc"]) == ("body", *loc) for e in detail):
            return f"no error at {loc}: {[e['loc'] for e in detail]}"
        return ""
    if not isinstance(detail, str) or not detail:
        return f"no detail: {r.text[:200]}"
    return ""


def too_large_or_invalid(r: httpx.Response, loc: Path) -> str:
    """Empty when `r` refuses an oversized value: 413 for a body over the size limit (read no
    further), else 422 at the field."""
    if r.status_code == 413:
        return client_error(r, status=413)
    return client_error(r, status=422, loc=loc)


class Target:
    """The endpoints with a quiz (of one question) to aim at and an admin's headers."""

    def __init__(self, api: Api, admin: dict[str, str], quiz: dict[str, Any]) -> None:
        self.api, self.admin, self.quiz = api, admin, quiz

    async def send(
        self,
        name: str,
        body: Any = None,
        *,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        endpoint = ENDPOINTS[name]
        path = endpoint.path.format(quiz=self.quiz["id"], question=self.quiz["questions"][0]["id"])
        if content is None:
            # json.dumps lets NaN and lone surrogates through, as a careless client would.
            content = json.dumps(body).encode()
        sent = {"content-type": "application/json"}
        if endpoint.admin:
            sent.update(self.admin)
        sent.update(headers or {})
        return await self.api.client.request(endpoint.method, path, content=content, headers=sent)

    async def assert_nothing_changed(self) -> None:
        quizzes = (await self.api.client.get("/api/quizzes", headers=self.admin)).json()
        assert [q["id"] for q in quizzes] == [self.quiz["id"]]
        r = await self.api.client.get(f"/api/quizzes/{self.quiz['id']}", headers=self.admin)
        assert r.json() == self.quiz
        login = await self.api.client.post(
            "/api/auth/login", json={"username": "alice", "password": "password123"}
        )
        assert login.status_code == 401, "a bad registration created alice"


@pytest.fixture
async def target(api: Api) -> AsyncIterator[Target]:
    admin = await api.admin()
    r = await api.client.post(
        "/api/quizzes", json={"title": "Target", "questions": [question()]}, headers=admin
    )
    assert r.status_code == 201, r.text
    yield Target(api, admin, r.json())


endpoints = pytest.mark.parametrize("name", list(ENDPOINTS))


def _report(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


# The body is not a JSON object


NOT_JSON = [
    b"not json",
    b"{",
    b'{"title": "T"',
    b"{'title': 'T'}",
    b'{"title": "T",}',
    b'{title: "T"}',
    b"<quiz><title>T</title></quiz>",
    b"title=T",
    b"",
    b"   ",
    b"\x00\x01\x02",
    b'{"title": "T"} trailing',
    b'{"a": 1}{"b": 2}',
]
NOT_AN_OBJECT = [b"null", b"[]", b'[{"title": "T"}]', b"42", b"-1.5", b'"title"', b"true", b"{}"]


@endpoints
async def test_a_body_that_is_not_json_is_refused(target: Target, name: str) -> None:
    problems = []
    for content in NOT_JSON:
        r = await target.send(name, content=content)
        if problem := client_error(r):
            problems.append(f"{content!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


@endpoints
async def test_json_that_is_not_an_object_of_the_right_shape_is_refused(
    target: Target, name: str
) -> None:
    problems = []
    for content in NOT_AN_OBJECT:
        if content == b"{}" and name == "patch quiz":
            continue  # an empty patch is a valid request that changes nothing
        r = await target.send(name, content=content)
        if problem := client_error(r, status=422):
            problems.append(f"{content!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


@endpoints
async def test_an_empty_body_is_refused(target: Target, name: str) -> None:
    for headers in [{}, {"content-type": ""}]:
        r = await target.send(name, content=b"", headers=headers)
        assert not client_error(r), client_error(r)


@endpoints
async def test_a_body_of_another_content_type_is_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    valid = json.dumps(endpoint.body).encode()
    for content_type in [
        "text/plain",
        "text/html",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/octet-stream",
        "application/jsonx",
        "json",
    ]:
        r = await target.send(name, content=valid, headers={"content-type": content_type})
        if problem := client_error(r):
            problems.append(f"{content_type}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


@endpoints
async def test_form_fields_are_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    path = endpoint.path.format(quiz=target.quiz["id"], question=target.quiz["questions"][0]["id"])
    flat = {k: v for k, v in endpoint.body.items() if isinstance(v, str)}
    for files in [None, {"upload": ("quiz.json", b"{}", "application/json")}]:
        r = await target.api.client.request(
            endpoint.method, path, data=flat, files=files, headers=target.admin
        )
        assert not client_error(r), client_error(r)
    await target.assert_nothing_changed()


@endpoints
async def test_bytes_that_are_not_utf8_are_refused(target: Target, name: str) -> None:
    problems = []
    field = ENDPOINTS[name].fields[0].path[0]
    # An encoded surrogate (\xed\xa0\x80) decodes, then fails as a string: 422 rather than 400.
    for raw in [b"\xff\xfe", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"caf\xe9", b"\x80"]:
        content = b'{"' + str(field).encode() + b'": "x' + raw + b'y"}'
        r = await target.send(name, content=content)
        if problem := client_error(r):
            problems.append(f"{raw!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


@endpoints
async def test_deeply_nested_json_is_refused(target: Target, name: str) -> None:
    problems = []
    field = json.dumps(ENDPOINTS[name].fields[0].path[0])
    for depth, opener, closer in [
        (100_000, b"[", b"]"),
        (100_000, b'{"a":', b"}"),
        (1000, b"[", b"]"),
    ]:
        nested = opener * depth + b"1" + closer * depth
        for content in [nested, b"{" + field.encode() + b": " + nested + b"}"]:
            r = await target.send(name, content=content)
            if problem := client_error(r):
                problems.append(f"depth {depth} of {opener!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


# Fields: wrong types, missing, null, huge


@endpoints
async def test_a_field_of_the_wrong_json_type_is_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        for value in WRONG_TYPES[field.kind]:
            r = await target.send(name, with_value(endpoint.body, field.path, value))
            if problem := client_error(r, status=422, loc=field.path):
                problems.append(f"{field.path} = {value!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


@endpoints
async def test_a_missing_required_field_is_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        r = await target.send(name, without(endpoint.body, field.path))
        if field.required:
            problem = client_error(r, status=422, loc=field.path)
        else:
            problem = "" if r.status_code < 300 else f"optional, but {r.status_code}: {r.text}"
        if problem:
            problems.append(f"without {field.path}: {problem}")
    _report(problems)


@endpoints
async def test_null_is_refused_where_a_value_is_required(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        if field.nullable:
            continue
        r = await target.send(name, with_value(endpoint.body, field.path, None))
        if problem := client_error(r, status=422, loc=field.path):
            problems.append(f"{field.path} = null: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


async def test_null_means_default_display_name_and_untimed_question(target: Target) -> None:
    r = await target.send(
        "register", with_value(ENDPOINTS["register"].body, ("display_name",), None)
    )
    assert r.status_code == 201, r.text
    assert r.json()["user"]["display_name"] == "alice"
    r = await target.send("add question", question(time_limit_s=None))
    assert r.status_code == 201, r.text
    assert r.json()["time_limit_s"] is None


@endpoints
async def test_a_one_megabyte_string_is_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        if field.kind != "str":
            continue
        for huge in ["x" * MB, "é" * (MB // 2), " " * MB, "x" + " " * MB + "x"]:
            r = await target.send(name, with_value(endpoint.body, field.path, huge))
            if problem := too_large_or_invalid(r, field.path):
                problems.append(f"{field.path} = {huge[:2]!r}... ({len(huge)}): {problem}")
    _report(problems)
    await target.assert_nothing_changed()


@endpoints
async def test_a_huge_list_is_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        if field.kind != "list":
            continue
        item = {"text": "a", "correct": False} if field.path[-1] == "choices" else question()
        for count in [1001, 10_000]:
            r = await target.send(name, with_value(endpoint.body, field.path, [item] * count))
            if problem := too_large_or_invalid(r, field.path):
                problems.append(f"{field.path} with {count} items: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


# Numbers


@endpoints
async def test_numbers_beyond_json_or_any_range_are_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        # Python's JSON parser reads these literals (1e400 as infinity) though JSON has none.
        template = json.dumps(with_value(endpoint.body, field.path, "@"))
        for literal in ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"]:
            content = template.replace('"@"', literal).encode()
            r = await target.send(name, content=content)
            if problem := client_error(r, status=422, loc=field.path):
                problems.append(f"{field.path} = {literal}: {problem}")
        if field.kind == "int":
            for value in [10**100, -(10**100), 2**63, -(2**63) - 1]:
                r = await target.send(name, with_value(endpoint.body, field.path, value))
                if problem := client_error(r, status=422, loc=field.path):
                    problems.append(f"{field.path} = {value}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


# Unicode

ACCEPTED_TEXTS = {
    "emoji": "Fox 🦊",
    "emoji with skin tone": "👋🏽 hi",
    "family (zero-width joiners)": "👩‍👩‍👧‍👦",
    "flag": "🇫🇷 Paris",
    "subdivision flag (tags)": "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scots",
    "keycap (variation selector)": "1️⃣ first",
    "Hebrew": "שלום עולם",
    "Arabic": "مرحبا بالعالم",
    "mixed directions": "Word מילה word",
    "Persian with zero-width non-joiner": "می‌خواهم",
    "combining marks": "e\u0301te\u0301 n\u0303",
    "stacked combining marks": "Z\u0351\u0362a\u0364\u0348l\u0315g\u0353o",
    "CJK": "単語クイズ",
    "Devanagari": "शब्द",
    "astral letters": "𝔳𝔬𝔠𝔞𝔟",
}


@pytest.mark.parametrize("text", ACCEPTED_TEXTS.values(), ids=list(ACCEPTED_TEXTS))
async def test_unicode_names_titles_and_texts_are_kept_as_typed(target: Target, text: str) -> None:
    api, admin = target.api, target.admin
    guest = await api.client.post("/api/auth/guest", json={"display_name": f"  {text}  "})
    assert guest.status_code == 201, guest.text
    assert guest.json()["user"]["display_name"] == text
    player = await api.client.post(
        "/api/auth/register",
        json={"username": "uni", "password": f"{text} password", "display_name": text},
    )
    assert player.status_code == 201, player.text
    assert player.json()["user"]["display_name"] == text
    login = await api.client.post(
        "/api/auth/login", json={"username": "uni", "password": f"{text} password"}
    )
    assert login.status_code == 200
    body = {
        "title": text,
        "description": f"{text}\n{text}",
        "questions": [
            question(
                f"{text}?",
                choices=[{"text": text, "correct": True}, {"text": "x", "correct": False}],
            )
        ],
    }
    r = await api.client.post("/api/quizzes", json=body, headers=admin)
    assert r.status_code == 201, r.text
    quiz = (await api.client.get(f"/api/quizzes/{r.json()['id']}", headers=admin)).json()
    assert (quiz["title"], quiz["description"]) == (text, f"{text}\n{text}")
    assert quiz["questions"][0]["prompt"] == f"{text}?"
    assert quiz["questions"][0]["choices"][0]["text"] == text


CONTROL = {
    "NUL": "\x00",
    "newline": "\n",
    "carriage return": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "bell": "\x07",
    "delete": "\x7f",
    "next line (C1)": "\x85",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "zero-width space": "\u200b",
    "byte order mark": "\ufeff",
    "line separator": "\u2028",
}
LINE_FIELDS = [
    ("register", ("display_name",)),
    ("guest", ("display_name",)),
    ("create quiz", ("title",)),
    ("patch quiz", ("title",)),
    ("create quiz", ("questions", 0, "choices", 0, "text")),
    ("add question", ("choices", 0, "text")),
    ("replace question", ("choices", 0, "text")),
]


@pytest.mark.parametrize("char", CONTROL.values(), ids=list(CONTROL))
async def test_control_characters_are_refused_in_names_titles_and_choices(
    target: Target, char: str
) -> None:
    problems = []
    for name, path in LINE_FIELDS:
        body = with_value(ENDPOINTS[name].body, path, f"a{char}b")
        r = await target.send(name, body)
        if problem := client_error(r, status=422, loc=path):
            problems.append(f"{name} {path}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


MULTILINE_FIELDS = [
    ("create quiz", ("description",)),
    ("patch quiz", ("description",)),
    ("create quiz", ("questions", 0, "prompt")),
    ("add question", ("prompt",)),
    ("replace question", ("prompt",)),
]


async def test_prompts_and_descriptions_take_line_breaks_but_no_other_controls(
    target: Target,
) -> None:
    problems = []
    for name, path in MULTILINE_FIELDS:
        for char in ["\x00", "\x1b", "\x07", "\x7f", "\x85"]:
            r = await target.send(name, with_value(ENDPOINTS[name].body, path, f"a{char}b"))
            if problem := client_error(r, status=422, loc=path):
                problems.append(f"{name} {path} with {char!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()
    r = await target.send("add question", question("Line one\r\n\tline two"))
    assert r.status_code == 201, r.text
    assert r.json()["prompt"] == "Line one\r\n\tline two"


@endpoints
async def test_lone_surrogates_are_refused(target: Target, name: str) -> None:
    endpoint = ENDPOINTS[name]
    problems = []
    for field in endpoint.fields:
        if field.kind != "str":
            continue
        for text in ["a\ud800b", "\udfff", "x\udc00\ud800"]:
            r = await target.send(name, with_value(endpoint.body, field.path, text))
            if problem := client_error(r, status=422, loc=field.path):
                problems.append(f"{field.path} = {text!r}: {problem}")
    _report(problems)
    await target.assert_nothing_changed()


# Ids, usernames and headers that reach the database or the token check


async def test_login_with_a_nul_in_the_username_is_an_unknown_user(target: Target) -> None:
    for username in ["admin\x00", "\x00", "ad\x00min"]:
        r = await target.send("login", {"username": username, "password": ADMIN[1]})
        assert r.status_code == 401, (username, r.text)
        assert r.json() == {"detail": "Incorrect username or password", "code": "login_failed"}


@pytest.mark.parametrize(
    "authorization",
    [
        b"Bearer \xff\xfe\xfd",
        b"Bearer " + b"a" * 100_000,
        b"Bearer a.b",
        b"Bearer \xe2\x80\xae",
        b"Bearer\ttoken",
        "Bearer ünïcode".encode("latin-1"),
    ],
    ids=["not latin-1 text", "100 kB", "two parts", "utf-8 bytes", "tab", "latin-1"],
)
async def test_a_garbled_authorization_header_is_401(target: Target, authorization: bytes) -> None:
    r = await target.api.client.get(
        f"/api/quizzes/{target.quiz['id']}", headers=[(b"authorization", authorization)]
    )
    assert r.status_code == 401, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/api/quizzes"), ("DELETE", "/api/quizzes"), ("PUT", "/api/auth/me")],
)
async def test_a_wrong_method_is_405_with_a_detail(target: Target, method: str, path: str) -> None:
    r = await target.api.client.request(method, path, headers=target.admin)
    assert r.status_code == 405
    assert r.json() == {"detail": "Method Not Allowed", "code": "method_not_allowed"}

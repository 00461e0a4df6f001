"""Who may do what: every endpoint of the API called by every kind of caller, and a scan of all a
player can read for a correct choice they have not answered yet."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import delete, update

from tests.conftest import Api, Backend, question
from tests.leaks import leaks
from tests.sessions.game import answer, joined, open_session
from vocabquiz.app import create_app
from vocabquiz.auth import service as auth_service
from vocabquiz.auth.models import User
from vocabquiz.db import utcnow

ROLES = [
    "anonymous",
    "guest",
    "player",
    "other participant",
    "participant",
    "other teacher",
    "owner",
    "admin",
]
USERS = ROLES[1:]
PARTICIPANT = ["participant"]
STAFF = ["other teacher", "owner", "admin"]
# The teacher who owns the quiz or opened the session, and admins.
RUNS = ["owner", "admin"]


def _expect(ok: int, allowed: list[str], hidden_from: tuple[str, ...] = ()) -> dict[str, int]:
    """`ok` for the allowed roles, 401 for anonymous, 404 for the roles the thing is hidden from
    (another teacher's), 403 for everyone else."""
    return {
        role: ok
        if role in allowed
        else 401
        if role == "anonymous"
        else 404
        if role in hidden_from
        else 403
        for role in ROLES
    }


def _runs(ok: int) -> dict[str, int]:
    """The owner's and admins'; not there (404) for another teacher; 403 for players."""
    return _expect(ok, RUNS, hidden_from=("other teacher",))


# (method, path, body, expected status per role); {quiz}, {question}, {doomed}, {shared} (a
# quiz the owner shares with the school), {code}, {player} (another participant's id),
# {removed} (a removed player's user id), {job}, {teacher} (a teacher's id for the admin's
# screens) and {heir} (another teacher's id, to hand a quiz over to) are filled in per caller.
MATRIX: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/api/auth/me", None, _expect(200, USERS)),
    ("GET", "/api/me/sessions", None, _expect(200, USERS)),
    ("POST", "/api/quizzes", {"title": "T", "questions": [question()]}, _expect(201, STAFF)),
    ("GET", "/api/quizzes", None, _expect(200, STAFF)),
    ("GET", "/api/quizzes?scope=mine", None, _expect(200, STAFF)),
    ("GET", "/api/quizzes?scope=school", None, _expect(200, STAFF)),
    ("GET", "/api/sessions", None, _expect(200, STAFF)),
    ("GET", "/api/join-link", None, _expect(200, STAFF)),
    ("GET", "/api/quizzes/{quiz}", None, _runs(200)),
    ("GET", "/api/quizzes/{shared}", None, _expect(200, STAFF)),
    ("PATCH", "/api/quizzes/{quiz}", {"title": "New"}, _runs(200)),
    ("PATCH", "/api/quizzes/{shared}", {"title": "New"}, _expect(200, RUNS)),
    ("PATCH", "/api/quizzes/{quiz}", {"shared": False}, _runs(200)),
    ("POST", "/api/quizzes/{quiz}/duplicate", None, _runs(201)),
    ("POST", "/api/quizzes/{shared}/duplicate", None, _expect(201, STAFF)),
    ("POST", "/api/quizzes/{quiz}/questions", question(), _runs(201)),
    ("POST", "/api/quizzes/{shared}/questions", question(), _expect(201, RUNS)),
    ("PUT", "/api/quizzes/{quiz}/questions/{question}", question(), _runs(200)),
    ("DELETE", "/api/quizzes/{quiz}/questions/{question}", None, _runs(204)),
    ("POST", "/api/quizzes/{quiz}/import/preview", "csv", _runs(200)),
    ("POST", "/api/quizzes/{shared}/import/preview", "csv", _expect(200, RUNS)),
    ("POST", "/api/quizzes/{quiz}/import", "csv", _runs(201)),
    # A job the owner started: nobody else's, not even an admin's.
    (
        "GET",
        "/api/jobs/{job}",
        None,
        _expect(200, ["owner"], hidden_from=("other teacher", "admin")),
    ),
    ("POST", "/api/quizzes/{quiz}/sessions", None, _runs(201)),
    ("POST", "/api/quizzes/{shared}/sessions", None, _expect(201, RUNS)),
    ("GET", "/api/quizzes/{quiz}/sessions", None, _runs(200)),
    ("GET", "/api/quizzes/{shared}/sessions", None, _expect(200, RUNS)),
    ("GET", "/api/sessions/{code}", None, _expect(200, USERS)),
    ("GET", "/api/sessions/{code}/leaderboard", None, _expect(200, USERS)),
    ("GET", "/api/sessions/{code}/events", None, _expect(200, ["participant", *RUNS])),
    ("GET", "/api/sessions/{code}/question", None, _expect(200, PARTICIPANT)),
    ("POST", "/api/sessions/{code}/answers", "answer", _expect(200, PARTICIPANT)),
    ("GET", "/api/me/sessions/{code}/practice", None, _expect(200, PARTICIPANT)),
    ("GET", "/api/sessions/{code}/results", None, _runs(200)),
    ("GET", "/api/sessions/{code}/results?format=csv", None, _runs(200)),
    ("POST", "/api/sessions/{code}/join", None, _expect(200, USERS)),
    ("GET", "/api/sessions/{code}/analytics", None, _runs(200)),
    ("GET", "/api/quizzes/{quiz}/analytics", None, _runs(200)),
    ("GET", "/api/quizzes/{shared}/analytics", None, _expect(200, RUNS)),
    (
        "PATCH",
        "/api/sessions/{code}/participants/{player}",
        {"display_name": "Renamed"},
        _runs(200),
    ),
    ("GET", "/api/sessions/{code}/removed", None, _runs(200)),
    ("DELETE", "/api/sessions/{code}/removed/{removed}", None, _runs(204)),
    ("DELETE", "/api/sessions/{code}/participants/{player}", None, _runs(204)),
    ("POST", "/api/sessions/{code}/close", None, _runs(200)),
    ("POST", "/api/quizzes/{shared}/owner", {"user_id": "{heir}"}, _expect(200, ["admin"])),
    ("DELETE", "/api/quizzes/{doomed}", None, _runs(204)),
    ("GET", "/api/teachers", None, _expect(200, ["admin"])),
    ("POST", "/api/teachers/{teacher}/password", {}, _expect(200, ["admin"])),
    ("PATCH", "/api/teachers/{teacher}", {"disabled": True}, _expect(200, ["admin"])),
    (
        "POST",
        "/api/teachers",
        {"username": "new_{role}", "password": "pw-12345678"},
        _expect(201, ["admin"]),
    ),
]
WORD_LIST = "word,meaning\nvivid,bright\nbrief,short\nancient,very old\nfragile,easily broken\n"
OPEN_TO_ALL = [
    ("POST", "/api/auth/guest", {"display_name": "Someone"}, 201),
    ("POST", "/api/auth/login", {"username": "player1", "password": "password123"}, 200),
]


async def first_event(app: FastAPI, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """The status and first event of a stream, read straight from the app (httpx's ASGI transport
    waits for a response to end, which a stream never does); then the client goes away."""
    status, body, done = 0, b"", asyncio.Event()
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, body
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body += message.get("body", b"")
        if status != 200 or b"\n\n" in body:
            done.set()

    route, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            *((k.lower().encode(), v.encode()) for k, v in headers.items()),
        ],
        "client": ("127.0.0.1", 4321),
        "server": ("test", 80),
    }
    await asyncio.wait_for(app(scope, receive, send), 10)
    return status, body


async def _call(
    api: Api, app: FastAPI, method: str, path: str, body: Any, headers: dict[str, str]
) -> int:
    if path.split("?")[0].endswith("/events"):
        return (await first_event(app, path, headers))[0]
    if body == "csv":
        headers = {**headers, "Content-Type": "text/csv"}
        r = await api.client.request(method, path, content=WORD_LIST, headers=headers)
    else:
        r = await api.client.request(method, path, json=body, headers=headers)
    return r.status_code


async def _quiz(
    api: Api, by: dict[str, str], questions: int, shared: bool = False
) -> dict[str, Any]:
    body = {
        "title": "Spare",
        "questions": [question(f"Q{i}?") for i in range(questions)],
    }
    r = await api.client.post("/api/quizzes", json=body, headers=by)
    assert r.status_code == 201, r.text
    if shared:
        r = await api.client.patch(
            f"/api/quizzes/{r.json()['id']}", json={"shared": True}, headers=by
        )
        assert r.status_code == 200 and r.json()["shared"], r.text
    quiz: dict[str, Any] = r.json()
    return quiz


async def _user_id(api: Api, headers: dict[str, str]) -> str:
    user_id: str = (await api.client.get("/api/auth/me", headers=headers)).json()["id"]
    return user_id


@dataclass
class _Targets:
    """What the owner has: a session, its quiz, a spare quiz to edit, one to delete and one
    shared, a job; a teacher for the admin's screens and one to hand a quiz to. The
    {placeholders} of MATRIX."""

    code: str
    quiz: dict[str, Any]
    spare: dict[str, Any]
    doomed: dict[str, Any]
    shared: dict[str, Any]
    player: str
    removed: str
    job: str
    teacher: str
    heir: str

    def _fill(self, template: str, role: str) -> str:
        return template.format(
            quiz=self.spare["id"],
            question=self.spare["questions"][0]["id"],
            doomed=self.doomed["id"],
            shared=self.shared["id"],
            code=self.code,
            player=self.player,
            removed=self.removed,
            job=self.job,
            teacher=self.teacher,
            heir=self.heir,
            role=role.replace(" ", "_"),
        )

    def path(self, template: str, role: str = "") -> str:
        return self._fill(template, role)

    def body(self, body: Any, role: str) -> Any:
        if isinstance(body, dict):
            return {k: self._fill(v, role) if isinstance(v, str) else v for k, v in body.items()}
        return body


async def _fresh_targets(api: Api, owner: dict[str, str], app: FastAPI, heir: str = "") -> _Targets:
    _, code, quiz = await open_session(api, questions=3, time_limit_s=None, by=owner)
    bystander = await joined(api, code, "Bystander")
    player = (await api.client.post(f"/api/sessions/{code}/join", headers=bystander)).json()
    gone = await joined(api, code, "Gone")
    gone_id = (await api.client.post(f"/api/sessions/{code}/join", headers=gone)).json()["id"]
    r = await api.client.delete(f"/api/sessions/{code}/participants/{gone_id}", headers=owner)
    assert r.status_code == 204, r.text
    owner_id = await _user_id(api, owner)
    job = await app.state.vocabquiz.jobs.queue.enqueue("housekeeping", {}, owner_id=owner_id)
    admin = await api.admin()
    r = await api.client.post(
        "/api/teachers", json={"username": f"t_{uuid.uuid4().hex[:8]}"}, headers=admin
    )
    assert r.status_code == 201, r.text
    return _Targets(
        code,
        quiz,
        await _quiz(api, owner, 2),
        await _quiz(api, owner, 1),
        await _quiz(api, owner, 1, shared=True),
        player["id"],
        await _user_id(api, gone),
        job,
        r.json()["id"],
        heir or owner_id,
    )


async def _answer_body(
    api: Api, code: str, quiz: dict[str, Any], participant: dict[str, str]
) -> dict[str, str]:
    """The right answer to the question served to `participant` (or to the first question)."""
    turn = await api.client.get(f"/api/sessions/{code}/question", headers=participant)
    served = turn.json().get("question") if turn.status_code == 200 else None
    q = next(q for q in quiz["questions"] if served is None or q["id"] == served["id"])
    return {
        "question_id": q["id"],
        "choice_id": next(c["id"] for c in q["choices"] if c["correct"]),
    }


async def _callers(api: Api, admin: dict[str, str]) -> dict[str, dict[str, str]]:
    """The headers of each kind of caller, by role (ROLES); "participant" is added per session."""
    headers = {
        "anonymous": {},
        "guest": await api.guest("Guest"),
        "player": await api.player("player1"),
        "other teacher": await api.teacher("other_teacher"),
        "owner": await api.teacher("owning_teacher"),
        "admin": admin,
    }
    _, other_code, _ = await open_session(api)
    headers["other participant"] = await joined(api, other_code, "Elsewhere")
    return headers


async def test_every_endpoint_for_every_kind_of_caller(api: Api, app: FastAPI) -> None:
    admin = await api.admin()
    headers = await _callers(api, admin)
    heir = await _user_id(api, headers["other teacher"])
    wrong: list[str] = []
    for role in ROLES:
        # Fresh things for each caller, so that deletes and closes hit real ones.
        targets = await _fresh_targets(api, headers["owner"], app, heir)
        code, quiz = targets.code, targets.quiz
        if role == "participant":
            headers["participant"] = await joined(api, code, "Here")
        for method, template, body, expected in MATRIX:
            path = targets.path(template, role)
            if body == "answer":
                body = await _answer_body(api, code, quiz, headers.get("participant", admin))
            status = await _call(api, app, method, path, targets.body(body, role), headers[role])
            if status != expected[role]:
                wrong.append(f"{role}: {method} {template} -> {status}, expected {expected[role]}")
        for method, path, body, ok in OPEN_TO_ALL:
            status = await _call(api, app, method, path, body, headers[role])
            if status != ok:
                wrong.append(f"{role}: {method} {path} -> {status}, expected {ok}")
    assert wrong == []


async def test_no_response_to_a_player_tells_an_unanswered_correct_choice(
    api: Api, app: FastAPI
) -> None:
    _, code, quiz = await open_session(api, questions=3, time_limit_s=30)
    player = await joined(api, code, "Player")
    rival = await joined(api, code, "Rival")
    answered: set[str] = set()
    readable = [
        ("GET", "/api/auth/me"),
        ("GET", "/api/me/sessions"),
        ("GET", f"/api/sessions/{code}"),
        ("GET", f"/api/sessions/{code}/question"),
        ("GET", f"/api/sessions/{code}/leaderboard?limit=100"),
        ("POST", f"/api/sessions/{code}/join"),
        ("GET", "/api/quizzes"),
        ("GET", f"/api/quizzes/{quiz['id']}"),
        ("GET", f"/api/quizzes/{quiz['id']}/sessions"),
        ("GET", f"/api/sessions/{code}/results"),
        ("GET", f"/api/me/sessions/{code}/practice"),
        ("GET", f"/api/sessions/{code}/analytics"),
    ]
    seen = 0
    for step in range(4):
        for method, path in readable:
            r = await api.client.request(method, path, headers=player)
            if r.headers.get("content-type", "").startswith("application/json"):
                assert leaks(orjson.loads(r.content), answered) == [], (path, r.text)
                seen += 1
        status, frame = await first_event(app, f"/api/sessions/{code}/events?limit=100", player)
        data = next(line for line in frame.decode().splitlines() if line.startswith("data: "))
        assert status == 200 and leaks(orjson.loads(data[6:]), answered) == []
        if step < 3:
            await answer(api, code, rival, quiz)  # a rival's answer tells the player nothing
            result = await answer(api, code, player, quiz, right=step % 2 == 0)
            assert leaks(result, answered | {result["question_id"]}) == []
            answered.add(result["question_id"])
    assert seen > 30


async def _change_account(app: FastAPI, username: str, change: str) -> None:
    """The account behind a token demoted, deleted, revoked or disabled, as another process
    would."""
    async with app.state.vocabquiz.database.sessions() as db:
        if change == "revoked":
            assert await auth_service.revoke_tokens(db, username)
            return
        rows = (
            update(User).values(role="player")
            if change == "demoted"
            else update(User).values(disabled_at=utcnow())
            if change == "disabled"
            else delete(User)
        )
        await db.execute(rows.where(User.username_key == username))
        await db.commit()


async def test_a_token_is_only_as_good_as_its_account(backend: Backend) -> None:
    """Every endpoint called with the token of an account changed since: a demoted admin has a
    player's rights; a deleted, revoked or disabled account gets 401; never a 500."""
    settings = backend.settings.model_copy(update={"account_check_interval_s": 0})
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            api = Api(client)
            admin = await api.admin()
            wrong: list[str] = []
            for change in ("demoted", "deleted", "revoked", "disabled"):
                targets = await _fresh_targets(api, admin, app)
                code, quiz = targets.code, targets.quiz
                async with app.state.vocabquiz.database.sessions() as db:
                    await auth_service.register(
                        db, f"teacher_{change}", "password123", None, role="admin"
                    )
                r = await client.post(
                    "/api/auth/login",
                    json={"username": f"teacher_{change}", "password": "password123"},
                )
                teacher = api.auth(r.json()["access_token"])
                learner = await api.player(f"learner_{change}")
                assert (await client.post(f"/api/sessions/{code}/join", headers=learner)).is_success
                assert (await client.get("/api/quizzes", headers=teacher)).status_code == 200
                callers = [("teacher", teacher, "player")]
                await _change_account(app, f"teacher_{change}", change)
                if change != "demoted":
                    await _change_account(app, f"learner_{change}", change)
                    callers.append(("learner", learner, "participant"))
                for method, template, body, expected in MATRIX:
                    path = targets.path(template, change)
                    if body == "answer":
                        body = await _answer_body(api, code, quiz, admin)
                    for who, headers, role in callers:
                        want = expected[role] if change == "demoted" else 401
                        status = await _call(
                            api, app, method, path, targets.body(body, change), headers
                        )
                        if status != want:
                            wrong.append(f"{change} {who}: {method} {template} -> {status}, {want}")
            assert wrong == []


LIVE_MATRIX: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/api/sessions/{code}/live", None, _expect(200, ["participant", *RUNS])),
    ("POST", "/api/sessions/{code}/live/answers", "answer", _expect(200, PARTICIPANT)),
    ("POST", "/api/sessions/{code}/live/end", {"phase_version": 1}, _runs(200)),
]


async def test_every_live_endpoint_for_every_kind_of_caller(api: Api) -> None:
    admin = await api.admin()
    headers = await _callers(api, admin)
    wrong: list[str] = []
    owner = headers["owner"]
    for role in ROLES:
        quiz = await _quiz(api, owner, questions=2)
        r = await api.client.post(
            f"/api/quizzes/{quiz['id']}/sessions", json={"mode": "live"}, headers=owner
        )
        code = r.json()["code"]
        headers["participant"] = await joined(api, code, "Here")
        started = await api.client.post(
            f"/api/sessions/{code}/live/start", json={"phase_version": 0}, headers=admin
        )
        question = started.json()["question"]
        right = next(
            c["id"]
            for q in quiz["questions"]
            if q["id"] == question["id"]
            for c in q["choices"]
            if c["correct"]
        )
        for method, template, body, expected in LIVE_MATRIX:
            if body == "answer":
                body = {"question_id": question["id"], "choice_id": right}
            path = template.format(code=code)
            r = await api.client.request(method, path, json=body, headers=headers[role])
            if r.status_code != expected[role]:
                wrong.append(f"{role}: {method} {template} -> {r.status_code}, {expected[role]}")
            # Nothing any caller can read during the question tells the right choice.
            if r.status_code == 200 and template.endswith("/live"):
                assert leaks(r.json(), answered=set()) == []
    assert wrong == []

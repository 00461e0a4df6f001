"""Auth section of API.md: register, login, guest, me."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import jwt
import pytest

from tests.conftest import Api
from tests.servers import ADMIN, SECRET
from tests.sessions.game import open_session

PASSWORD = "password123"
USER_FIELDS = {"id", "username", "display_name", "role", "is_guest"}


async def register(api: Api, **body: Any) -> httpx.Response:
    body.setdefault("password", PASSWORD)
    return await api.client.post("/api/auth/register", json=body)


async def me(api: Api, headers: dict[str, str]) -> httpx.Response:
    return await api.client.get("/api/auth/me", headers=headers)


def assert_token(body: dict[str, Any]) -> dict[str, Any]:
    """Check the Token shape and return its User."""
    assert set(body) == {"access_token", "token_type", "user"}
    assert body["token_type"] == "bearer"
    assert isinstance(body["access_token"], str) and body["access_token"]
    assert set(body["user"]) == USER_FIELDS
    user: dict[str, Any] = body["user"]
    return user


def assert_invalid(r: httpx.Response, field: str) -> None:
    assert r.status_code == 422, r.text
    assert any(error["loc"][:2] == ["body", field] for error in r.json()["detail"]), r.text


def token(secret: str = SECRET, algorithm: str = "HS256", **claims: Any) -> str:
    now = int(time.time())
    payload = {"sub": "x", "role": "player", "guest": False, "iat": now, "exp": now + 600}
    payload.update(claims)
    return jwt.encode(payload, secret, algorithm=algorithm)


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


# Register


async def test_register_returns_a_token_for_a_new_player(api: Api) -> None:
    r = await register(api, username="alice")
    assert r.status_code == 201, r.text
    user = assert_token(r.json())
    assert user["username"] == "alice"
    assert user["display_name"] == "alice"
    assert user["role"] == "player"
    assert user["is_guest"] is False
    claims = jwt.decode(r.json()["access_token"], SECRET, algorithms=["HS256"])
    assert claims["sub"] == user["id"]
    assert claims["exp"] > time.time()


async def test_register_token_signs_in_as_the_new_user(api: Api) -> None:
    r = await register(api, username="alice", display_name="Alice")
    body = r.json()
    answer = await me(api, api.auth(body["access_token"]))
    assert answer.status_code == 200
    assert answer.json() == body["user"]


async def test_register_trims_the_display_name(api: Api) -> None:
    r = await register(api, username="alice", display_name="  Alice A.  ")
    assert r.status_code == 201, r.text
    assert r.json()["user"]["display_name"] == "Alice A."


async def test_register_keeps_the_username_as_typed(api: Api) -> None:
    r = await register(api, username="Alice.B-2_x")
    assert r.status_code == 201, r.text
    assert r.json()["user"]["username"] == "Alice.B-2_x"
    assert r.json()["user"]["display_name"] == "Alice.B-2_x"


async def test_register_without_display_name_or_with_null_uses_the_username(api: Api) -> None:
    r = await register(api, username="bob", display_name=None)
    assert r.status_code == 201, r.text
    assert r.json()["user"]["display_name"] == "bob"


async def test_register_always_makes_a_player(api: Api) -> None:
    r = await register(api, username="mallory", role="admin", is_guest=True)
    assert r.status_code == 201, r.text
    assert r.json()["user"]["role"] == "player"
    assert r.json()["user"]["is_guest"] is False
    claims = jwt.decode(r.json()["access_token"], SECRET, algorithms=["HS256"])
    assert claims["role"] == "player"


@pytest.mark.parametrize("second", ["alice", "ALICE", "Alice", "aLiCe"])
async def test_register_refuses_a_username_taken_in_any_case(api: Api, second: str) -> None:
    assert (await register(api, username="alice")).status_code == 201
    r = await register(api, username=second, password="another-password")
    assert r.status_code == 409
    assert r.json() == {"detail": "That username is already taken", "code": "username_taken"}


async def test_register_refuses_the_admins_username(api: Api) -> None:
    r = await register(api, username=ADMIN[0].upper())
    assert r.status_code == 409


@pytest.mark.parametrize(
    "username",
    [
        "",
        "ab",
        "a" * 33,
        "with space",
        " abc",
        "abc ",
        "abc\n",
        "a@b.c",
        "abc!",
        "ab/c",
        "ümlaut",
        "名前です",
        "abc\x00",
        "ａｂｃ",  # fullwidth letters
        "١٢٣",  # Arabic-Indic digits
    ],
)
async def test_register_refuses_a_bad_username(api: Api, username: str) -> None:
    assert_invalid(await register(api, username=username), "username")


@pytest.mark.parametrize("username", ["abc", "a" * 32, "A.b_c-9", "...", "123", "___"])
async def test_register_accepts_a_username_at_the_rules_edges(api: Api, username: str) -> None:
    r = await register(api, username=username)
    assert r.status_code == 201, r.text
    assert r.json()["user"]["username"] == username


@pytest.mark.parametrize("password", ["", "1234567", "x" * 129, "é" * 129])
async def test_register_refuses_a_password_of_the_wrong_length(api: Api, password: str) -> None:
    assert_invalid(await register(api, username="alice", password=password), "password")


@pytest.mark.parametrize("password", ["12345678", "x" * 128, "é" * 128, "        ", "pass word ✓"])
async def test_register_accepts_any_password_of_8_to_128_characters(
    api: Api, password: str
) -> None:
    r = await register(api, username="alice", password=password)
    assert r.status_code == 201, r.text
    login = await api.client.post(
        "/api/auth/login", json={"username": "alice", "password": password}
    )
    assert login.status_code == 200


BAD_DISPLAY_NAMES = ["", "   ", "x" * 41, "a\nb", "a\tb", "a\x00b", "a\x1b[31mb", "a\x7fb"]


@pytest.mark.parametrize("display_name", BAD_DISPLAY_NAMES)
async def test_register_refuses_a_bad_display_name(api: Api, display_name: str) -> None:
    assert_invalid(await register(api, username="alice", display_name=display_name), "display_name")


@pytest.mark.parametrize("display_name", ["A", "x" * 40, "  " + "x" * 40 + "  "])
async def test_register_accepts_a_display_name_of_1_to_40_after_trimming(
    api: Api, display_name: str
) -> None:
    r = await register(api, username="alice", display_name=display_name)
    assert r.status_code == 201, r.text
    assert r.json()["user"]["display_name"] == display_name.strip()


@pytest.mark.parametrize("missing", ["username", "password"])
async def test_register_requires_username_and_password(api: Api, missing: str) -> None:
    body = {"username": "alice", "password": PASSWORD}
    del body[missing]
    assert_invalid(await api.client.post("/api/auth/register", json=body), missing)


# Login


async def login(api: Api, username: str, password: str) -> httpx.Response:
    return await api.client.post(
        "/api/auth/login", json={"username": username, "password": password}
    )


async def test_login_returns_a_token_for_the_right_password(api: Api) -> None:
    registered = (await register(api, username="alice", display_name="Alice")).json()
    r = await login(api, "alice", PASSWORD)
    assert r.status_code == 200, r.text
    assert assert_token(r.json()) == registered["user"]
    answer = await me(api, api.auth(r.json()["access_token"]))
    assert answer.json()["id"] == registered["user"]["id"]


@pytest.mark.parametrize("typed", ["ALICE", "Alice", " alice "])
async def test_login_ignores_the_usernames_case(api: Api, typed: str) -> None:
    await register(api, username="Alice")
    r = await login(api, typed, PASSWORD)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["username"] == "Alice"


async def test_login_gives_the_admin_an_admin_token(api: Api) -> None:
    r = await login(api, *ADMIN)
    assert r.status_code == 200
    assert r.json()["user"]["role"] == "admin"


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("alice", "wrong-password"),
        ("alice", PASSWORD.upper()),
        ("alice", PASSWORD + " "),
        ("alice", ""),
        ("nobody", PASSWORD),
        ("", ""),
        ("Guest", ""),
    ],
)
async def test_login_refuses_with_one_message_for_unknown_user_and_wrong_password(
    api: Api, username: str, password: str
) -> None:
    await register(api, username="alice")
    await api.guest("Guest")
    r = await login(api, username, password)
    assert r.status_code == 401
    assert r.json() == {"detail": "Incorrect username or password", "code": "login_failed"}
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("missing", ["username", "password"])
async def test_login_requires_username_and_password(api: Api, missing: str) -> None:
    body = {"username": "alice", "password": PASSWORD}
    del body[missing]
    assert_invalid(await api.client.post("/api/auth/login", json=body), missing)


# Guest


async def test_guest_gets_a_token_for_a_new_guest_player(api: Api) -> None:
    r = await api.client.post("/api/auth/guest", json={"display_name": "  Quick Fox  "})
    assert r.status_code == 201, r.text
    user = assert_token(r.json())
    assert user["username"] is None
    assert user["is_guest"] is True
    assert user["role"] == "player"
    assert user["display_name"] == "Quick Fox"
    answer = await me(api, api.auth(r.json()["access_token"]))
    assert answer.status_code == 200
    assert answer.json() == user


async def test_each_guest_is_a_new_user_even_with_the_same_name(api: Api) -> None:
    first = await api.client.post("/api/auth/guest", json={"display_name": "Sam"})
    second = await api.client.post("/api/auth/guest", json={"display_name": "Sam"})
    assert first.json()["user"]["id"] != second.json()["user"]["id"]


async def test_guest_may_share_a_registered_users_name(api: Api) -> None:
    await register(api, username="alice")
    r = await api.client.post("/api/auth/guest", json={"display_name": "alice"})
    assert r.status_code == 201


async def test_guest_ignores_a_role_in_the_body(api: Api) -> None:
    r = await api.client.post("/api/auth/guest", json={"display_name": "Eve", "role": "admin"})
    assert r.json()["user"]["role"] == "player"


@pytest.mark.parametrize("display_name", BAD_DISPLAY_NAMES)
async def test_guest_refuses_a_bad_display_name(api: Api, display_name: str) -> None:
    r = await api.client.post("/api/auth/guest", json={"display_name": display_name})
    assert_invalid(r, "display_name")


@pytest.mark.parametrize("body", [{}, {"display_name": None}, {"username": "x"}])
async def test_guest_requires_a_display_name(api: Api, body: dict[str, Any]) -> None:
    assert_invalid(await api.client.post("/api/auth/guest", json=body), "display_name")


# Me


async def test_me_answers_the_admin(api: Api) -> None:
    r = await me(api, await api.admin())
    assert r.status_code == 200
    body = r.json()
    assert set(body) == USER_FIELDS
    assert body["username"] == ADMIN[0]
    assert body["role"] == "admin"
    assert body["is_guest"] is False


async def test_me_accepts_a_token_the_tests_sign_like_the_server(api: Api) -> None:
    """The control for the bad tokens below: the same recipe with nothing wrong works."""
    user = (await register(api, username="alice")).json()["user"]
    r = await me(api, api.auth(token(sub=user["id"])))
    assert r.status_code == 200
    assert r.json()["id"] == user["id"]


async def test_me_without_a_token_is_401(api: Api) -> None:
    r = await api.client.get("/api/auth/me")
    assert r.status_code == 401
    assert r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"


def _tampered(good: str) -> str:
    """A player's real token with its claims changed to admin, signature kept."""
    header, payload, signature = good.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    return f"{header}.{b64(claims)}.{signature}"


def _unsigned(sub: str) -> str:
    now = int(time.time())
    claims = {"sub": sub, "role": "admin", "guest": False, "iat": now, "exp": now + 600}
    return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."


BAD_TOKENS = {
    "expired": lambda sub: token(sub=sub, iat=int(time.time()) - 7200, exp=int(time.time()) - 60),
    "tampered": None,  # built from a real token in the test
    "other key": lambda sub: token("another-secret-key-that-is-also-long-enough-42", sub=sub),
    "alg none": _unsigned,
    "alg none from pyjwt": lambda sub: token("", algorithm="none", sub=sub, role="admin"),
    "no exp": lambda sub: jwt.encode(
        {"sub": sub, "role": "player", "iat": int(time.time())}, SECRET, "HS256"
    ),
    "no sub": lambda sub: token(sub=None),
    "sub not a string": lambda sub: token(sub=123),
    "unknown role": lambda sub: token(sub=sub, role="superuser"),
    "guest not a bool": lambda sub: token(sub=sub, guest="yes"),
    "malformed": lambda sub: "not-a-token",
    "three dots": lambda sub: "a.b.c",
    "garbage base64": lambda sub: "eyJhbGciOiJIUzI1NiJ9.!!!.???",
    "empty": lambda sub: "",
    "spaces": lambda sub: "   ",
}


@pytest.mark.parametrize("kind", BAD_TOKENS)
async def test_me_with_a_bad_token_is_401(api: Api, kind: str) -> None:
    r = await register(api, username="alice")
    user_id, good = r.json()["user"]["id"], r.json()["access_token"]
    make = BAD_TOKENS[kind]
    bad = _tampered(good) if make is None else make(user_id)
    answer = await api.client.get("/api/auth/me", headers={"Authorization": f"Bearer {bad}"})
    assert answer.status_code == 401, answer.text
    assert answer.json()["detail"]
    assert answer.headers["www-authenticate"] == "Bearer"


async def test_a_tampered_admin_claim_does_not_open_admin_endpoints(api: Api) -> None:
    good = (await register(api, username="alice")).json()["access_token"]
    r = await api.client.get("/api/quizzes", headers=api.auth(_tampered(good)))
    assert r.status_code == 401


@pytest.mark.parametrize(
    "authorization",
    ["Basic YWRtaW46YWRtaW4tcGFzc3dvcmQ=", "Token {token}", "{token}", "Bearer", "Bearer  "],
)
async def test_me_with_the_wrong_scheme_is_401(api: Api, authorization: str) -> None:
    good = (await register(api, username="alice")).json()["access_token"]
    r = await api.client.get(
        "/api/auth/me", headers={"Authorization": authorization.format(token=good)}
    )
    assert r.status_code == 401
    assert r.json()["detail"]


async def test_me_accepts_the_scheme_in_any_case(api: Api) -> None:
    good = (await register(api, username="alice")).json()["access_token"]
    r = await api.client.get("/api/auth/me", headers={"Authorization": f"bearer {good}"})
    assert r.status_code == 200


async def test_me_with_a_valid_token_for_an_account_that_no_longer_exists_is_401(
    api: Api,
) -> None:
    r = await me(api, api.auth(token(sub="00000000-0000-4000-8000-000000000000")))
    assert r.status_code == 401
    assert r.json() == {
        "detail": "Invalid or expired token; sign in again",
        "code": "token_invalid",
    }


async def test_joining_with_a_token_for_an_account_that_no_longer_exists_is_401(api: Api) -> None:
    _, code, _ = await open_session(api)
    ghost = api.auth(token(sub="00000000-0000-4000-8000-000000000000"))
    r = await api.client.post(f"/api/sessions/{code}/join", headers=ghost)
    assert r.status_code == 401, r.text
    assert r.json() == {
        "detail": "Invalid or expired token; sign in again",
        "code": "token_invalid",
    }

"""An admin manages teachers: creating, resetting a password, disabling; from the web app's API
and from the command line."""

from __future__ import annotations

import os
import re
from typing import Any

from tests.auth.test_accounts import _cli
from tests.conftest import Api, Backend
from tests.sessions.game import joined, open_session

MADE_UP = re.compile(r"^[a-z2-9]{4}(-[a-z2-9]{4}){3}$")


async def _login(api: Api, username: str, password: str) -> Any:
    return await api.client.post(
        "/api/auth/login", json={"username": username, "password": password}
    )


async def test_an_admin_creates_a_teacher_with_a_made_up_password_shown_once(api: Api) -> None:
    admin = await api.admin()
    r = await api.client.post(
        "/api/teachers", json={"username": "Ms.Lan", "display_name": "Ms Lan"}, headers=admin
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert MADE_UP.match(made["new_password"]), made
    assert (made["username"], made["display_name"], made["disabled"]) == ("Ms.Lan", "Ms Lan", False)
    signed_in = await _login(api, "ms.lan", made["new_password"])
    assert signed_in.status_code == 200 and signed_in.json()["user"]["role"] == "teacher"
    # Chosen by the admin: not echoed.
    r = await api.client.post(
        "/api/teachers", json={"username": "diego", "password": "chosen-pass"}, headers=admin
    )
    assert r.status_code == 201 and r.json()["new_password"] is None
    assert (await _login(api, "diego", "chosen-pass")).status_code == 200
    taken = await api.client.post("/api/teachers", json={"username": "DIEGO"}, headers=admin)
    assert taken.status_code == 409, taken.text
    bad = await api.client.post("/api/teachers", json={"username": "a b"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "username"]
    listed = (await api.client.get("/api/teachers", headers=admin)).json()
    assert [(t["username"], t["quiz_count"]) for t in listed] == [("diego", 0), ("Ms.Lan", 0)]


async def test_a_reset_password_revokes_every_token(api: Api) -> None:
    admin = await api.admin()
    teacher = await api.teacher("lan")
    teacher_id = (await api.client.get("/api/auth/me", headers=teacher)).json()["id"]
    r = await api.client.post(f"/api/teachers/{teacher_id}/password", json={}, headers=admin)
    assert r.status_code == 200 and MADE_UP.match(r.json()["new_password"]), r.text
    assert (await api.client.get("/api/quizzes", headers=teacher)).status_code == 401
    assert (await _login(api, "lan", "password123")).status_code == 401
    assert (await _login(api, "lan", r.json()["new_password"])).status_code == 200
    player_id = (await api.client.get("/api/auth/me", headers=await api.player("pat"))).json()["id"]
    for user_id in (player_id, "nobody"):
        r = await api.client.post(f"/api/teachers/{user_id}/password", json={}, headers=admin)
        assert r.status_code == 404, r.text  # a player is nobody's teacher


async def test_a_disabled_teacher_is_out_at_once_and_their_sessions_stay_for_admins(
    api: Api,
) -> None:
    """The account check interval is the default 5 s: a teacher's account is read every time."""
    admin = await api.admin()
    teacher = await api.teacher("lan")
    _, code, quiz = await open_session(api, by=teacher)
    learner = await joined(api, code, "Learner")
    assert (await api.client.get(f"/api/sessions/{code}/results", headers=teacher)).is_success
    teacher_id = (await api.client.get("/api/auth/me", headers=teacher)).json()["id"]
    r = await api.client.patch(
        f"/api/teachers/{teacher_id}", json={"disabled": True}, headers=admin
    )
    assert r.status_code == 200 and r.json()["disabled"] is True, r.text
    for path in ("/api/auth/me", "/api/quizzes", f"/api/sessions/{code}/results"):
        r = await api.client.get(path, headers=teacher)
        assert r.status_code == 401 and "disabled" in r.json()["detail"], (path, r.text)
    refused = await _login(api, "lan", "password123")
    assert refused.status_code == 403 and "disabled" in refused.json()["detail"]
    # What they ran stays: admins read it and the learners keep their history.
    assert (await api.client.get(f"/api/sessions/{code}/results", headers=admin)).status_code == 200
    assert (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).status_code == 200
    assert (await api.client.get("/api/me/sessions", headers=learner)).json()[0][
        "session_code"
    ] == code
    r = await api.client.patch(
        f"/api/teachers/{teacher_id}", json={"disabled": False}, headers=admin
    )
    assert r.status_code == 200 and r.json()["disabled"] is False
    assert (
        await api.client.get("/api/auth/me", headers=teacher)
    ).status_code == 401  # stays revoked
    again = await _login(api, "lan", "password123")
    assert again.status_code == 200, again.text
    back = api.auth(again.json()["access_token"])
    assert (await api.client.get(f"/api/sessions/{code}/results", headers=back)).status_code == 200
    listed = (await api.client.get("/api/teachers", headers=admin)).json()
    assert [(t["username"], t["quiz_count"]) for t in listed] == [("lan", 1)]


async def test_vocabquiz_admin_create_teacher(backend: Backend, api: Api) -> None:
    env = {
        **os.environ,
        "VOCABQUIZ_DATABASE_URL": backend.settings.database_url,
        "VOCABQUIZ_SECRET_KEY": backend.settings.secret_key or "",
    }
    done = await _cli(
        env, "admin", "create-teacher", "--username", "lan", "--password", "pw-lan-123"
    )
    assert done.returncode == 0 and "Teacher lan created." in done.stdout, done.stderr
    r = await _login(api, "lan", "pw-lan-123")
    assert r.status_code == 200 and r.json()["user"]["role"] == "teacher"
    again = await _cli(
        env, "admin", "create-teacher", "--username", "LAN", "--password", "pw-lan-123"
    )
    assert again.returncode == 1 and "already taken" in again.stderr
    short = await _cli(env, "admin", "create-teacher", "--username", "kim", "--password", "short")
    assert short.returncode == 2 and "password" in short.stderr

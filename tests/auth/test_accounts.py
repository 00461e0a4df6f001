"""The per-process account cache: read at most once per interval per account, then afresh."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager

from tests.conftest import Api, Backend
from vocabquiz.app import create_app
from vocabquiz.auth.accounts import Account, Accounts
from vocabquiz.auth.tokens import TokenUser
from vocabquiz.errors import Unauthorized


async def test_an_account_is_trusted_for_the_interval_then_read_again() -> None:
    stored: dict[str, Account | None] = {"u1": Account("player", False, 0)}
    reads: list[str] = []

    async def read(user_id: str) -> Account | None:
        reads.append(user_id)
        return stored[user_id]

    accounts = Accounts(read, trusted_for_s=0.2)
    token = TokenUser("u1", "player", False, 0)
    for _ in range(5):
        assert (await accounts.signed_in(token)).role == "player"
    assert reads == ["u1"]
    stored["u1"] = Account("teacher", False, 0)
    assert (await accounts.signed_in(token)).role == "player"  # still within the interval
    await asyncio.sleep(0.25)
    assert (await accounts.signed_in(token)).role == "teacher"
    stored["u1"] = Account("player", False, 1)  # revoked
    await asyncio.sleep(0.25)
    with pytest.raises(Unauthorized):
        await accounts.signed_in(token)
    stored["u1"] = None  # deleted
    await asyncio.sleep(0.25)
    with pytest.raises(Unauthorized):
        await accounts.signed_in(token._replace(version=1))
    assert reads == ["u1"] * 4


@pytest.mark.parametrize("role", ["teacher", "admin"])
async def test_a_teachers_or_admins_account_is_read_on_every_request(role: str) -> None:
    """Disabling a teacher stops their tokens at once, not after the interval."""
    stored = {"u1": Account(role, False, 0)}
    reads = 0

    async def read(user_id: str) -> Account | None:
        nonlocal reads
        reads += 1
        return stored[user_id]

    accounts = Accounts(read, trusted_for_s=60)
    token = TokenUser("u1", role, False, 0)
    for _ in range(3):
        assert (await accounts.signed_in(token)).role == role
    assert reads == 3
    stored["u1"] = Account(role, False, 0, disabled=True)
    with pytest.raises(Unauthorized, match="disabled"):
        await accounts.signed_in(token)


async def test_admin_revoke_signs_a_user_out_everywhere(backend: Backend) -> None:
    settings = backend.settings.model_copy(update={"account_check_interval_s": 0})
    app = create_app(settings)
    env = {
        **os.environ,
        "VOCABQUIZ_DATABASE_URL": settings.database_url,
        "VOCABQUIZ_SECRET_KEY": settings.secret_key or "",
    }
    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            api = Api(client)
            old = await api.player("lost_phone")
            assert (await client.get("/api/auth/me", headers=old)).status_code == 200
            done = await _cli(env, "admin", "revoke", "Lost_Phone")
            assert done.returncode == 0, done.stderr
            r = await client.get("/api/auth/me", headers=old)
            assert r.status_code == 401, r.text
            r = await client.post(
                "/api/auth/login", json={"username": "lost_phone", "password": "password123"}
            )
            new = api.auth(r.json()["access_token"])
            assert (await client.get("/api/auth/me", headers=new)).status_code == 200
            missing = await _cli(env, "admin", "revoke", "nobody_here")
            assert missing.returncode == 1 and "nobody_here" in missing.stderr


async def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("vocabquiz")), *args]
    return await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=60
    )

"""GET /api/join-link: the address the teacher's screens give learners."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from tests.conftest import Api, Backend
from vocabquiz import join_link
from vocabquiz.app import create_app


@asynccontextmanager
async def teacher(backend: Backend, host: str, **settings: Any) -> AsyncIterator[Api]:
    app = create_app(backend.settings.model_copy(update=settings))
    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as client:
            yield Api(client)


async def link(api: Api) -> dict[str, Any]:
    r = await api.client.get("/api/join-link", headers=await api.admin())
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_the_join_link_is_one_phones_can_open(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(join_link, "lan_address", lambda: "192.168.1.20")
    # Served on this computer only: the browser's own address, said to be unreachable.
    async with teacher(backend, "127.0.0.1:8000") as api:
        assert await link(api) == {
            "url": "http://127.0.0.1:8000",
            "reachable": False,
            "source": "this_computer",
        }
        learner = await api.guest("Lea")
        assert (await api.client.get("/api/join-link", headers=learner)).status_code == 403
    # Served on all interfaces: the machine's address on the local network, with the port.
    async with teacher(backend, "127.0.0.1:8000", listen_host="0.0.0.0") as api:
        found = await link(api)
        assert found["source"] == "lan" and found["reachable"]
        assert found["url"].startswith("http://192.168.1.20:")
    # The public URL of the settings wins; a teacher already on a real address keeps it.
    async with teacher(backend, "[::1]:8000", public_url="https://quiz.example.org/") as api:
        assert await link(api) == {
            "url": "https://quiz.example.org",
            "reachable": True,
            "source": "setting",
        }
    async with teacher(backend, "quiz.school.example") as api:
        assert (await link(api))["reachable"] is True

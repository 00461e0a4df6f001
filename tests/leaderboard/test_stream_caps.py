"""Event streams through a real `vocabquiz serve`: only the session's participants and admins may
follow it, and the streams open at once are capped per account and per client address."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest

from tests.conftest import Api
from tests.event_stream import stream
from tests.servers import instance
from tests.sessions.game import joined, open_session

pytestmark = pytest.mark.server


async def _refused(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> httpx.Response:
    async with client.stream("GET", url, headers=headers) as r:
        assert r.status_code in (403, 429), r.status_code
        await r.aread()
        return r


async def test_streams_are_for_participants_and_capped_per_account_and_address(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    env = {
        **production_env,
        "VOCABQUIZ_STREAMS_PER_USER": "3",
        "VOCABQUIZ_STREAMS_PER_ADDRESS": "5",
    }
    async with instance(env, tmp_path / "server.log") as server:
        client = server.client
        async with AsyncExitStack() as open_:
            api = Api(client)
            _, code, _ = await open_session(api)
            events = f"/api/sessions/{code}/events"
            outsider = await api.guest("Outsider")
            r = await _refused(client, events, outsider)
            assert r.status_code == 403 and "participants" in r.json()["detail"]

            ann = await joined(api, code, "Ann")
            first = [await open_.enter_async_context(stream(client, events, ann)) for _ in range(3)]
            r = await _refused(client, events, ann)
            assert r.status_code == 429 and "account" in r.json()["detail"]
            assert int(r.headers["Retry-After"]) >= 1

            # Two more from other accounts fill the address's five; the sixth is refused.
            for name in ("Bob", "Cat"):
                await open_.enter_async_context(
                    stream(client, events, await joined(api, code, name))
                )
            r = await _refused(client, events, await joined(api, code, "Dan"))
            assert r.status_code == 429 and "network" in r.json()["detail"]
            await first[0].wait_for(lambda n, d: n == "leaderboard")

        # Closed streams give their places back (the server sees them go within a moment).
        deadline = time.monotonic() + 10
        while True:
            async with client.stream("GET", events, headers=ann) as r:
                if r.status_code == 200:
                    break
                assert r.status_code == 429 and time.monotonic() < deadline
            await asyncio.sleep(0.1)

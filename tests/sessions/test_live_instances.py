"""A live game over two real `vocabquiz serve` instances on PostgreSQL + Redis: the host on one,
players on both; every change of phase happens once, whichever instance makes it, and reaches the
stream clients of both."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest

from tests.conftest import Api
from tests.event_stream import EventReader, stream
from tests.leaks import leaks
from tests.servers import Instance
from tests.sessions.game import correct_choice, joined
from tests.sessions.test_live_api import open_live

pytestmark = pytest.mark.server


def phases(reader: EventReader) -> list[tuple[int, str]]:
    """The phases a client was told of, each once, in the order it heard them."""
    seen: list[tuple[int, str]] = []
    for name, data, _ in reader.events:
        if name == "live" and (data["phase_version"], data["phase"]) not in seen:
            seen.append((data["phase_version"], data["phase"]))
    return seen


async def test_a_live_game_across_two_instances(two_instances: tuple[Instance, Instance]) -> None:
    one, two = two_instances
    to_one, to_two = one.client, two.client
    async with AsyncExitStack() as streams:
        host = Api(to_one)
        admin, code, quiz = await open_live(host, questions=2, time_limit_s=None)
        clients = [to_one, to_two, to_one, to_two]
        players = [await joined(Api(c), code, f"P{i}") for i, c in enumerate(clients)]
        events = f"/api/sessions/{code}/events"
        readers: list[EventReader] = [
            await streams.enter_async_context(stream(c, events, p))
            for c, p in zip(clients, players, strict=True)
        ]
        readers.append(await streams.enter_async_context(stream(to_two, events, admin)))

        async def act(client: httpx.AsyncClient, action: str, version: int) -> Any:
            return await client.post(
                f"/api/sessions/{code}/live/{action}",
                json={"phase_version": version},
                headers=admin,
            )

        started = (await act(to_one, "start", 0)).json()
        qid = started["question"]["id"]
        # Everyone answers, each through their own instance: the last answer ends it.
        replies = await asyncio.gather(
            *(
                c.post(
                    f"/api/sessions/{code}/live/answers",
                    json={"question_id": qid, "choice_id": correct_choice(quiz, qid)},
                    headers=p,
                )
                for c, p in zip(clients, players, strict=True)
            )
        )
        assert [r.status_code for r in replies] == [200] * 4
        for reader in readers:
            await reader.wait_for(lambda n, d: n == "live" and d["phase"] == "reveal")
        # The host's two screens click "next" at once, one on each instance.
        clicks = await asyncio.gather(act(to_one, "next", 2), act(to_two, "next", 2))
        assert sorted(r.status_code for r in clicks) == [200, 409]
        assert (await act(to_two, "end", 3)).status_code == 200
        assert (await act(to_one, "next", 4)).status_code == 200
        for reader in readers:
            await reader.wait_for(lambda n, d: n == "live" and d["phase"] == "podium")

    expected = [(1, "question"), (2, "reveal"), (3, "question"), (4, "reveal"), (5, "podium")]
    for reader in readers:
        assert phases(reader) == expected
        # The stream's live frames say where the game is, never what is right.
        frames = [data for name, data, _ in reader.events if name == "live"]
        assert leaks(frames, answered=set()) == [] and not any("votes" in f for f in frames)

"""One short quiz session played through a real server: what the metrics must then show."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.conftest import Api
from tests.event_stream import stream
from tests.sessions.game import correct_choice, open_session, wrong_choice

ANSWERS_HANDLER = "/api/sessions/{code}/answers"
TIME_LIMIT_S = 5  # the shortest the API allows: one player waits it out to answer late


@dataclass
class Played:
    """What the session did, to compare with the counters."""

    sessions_opened: int = 0
    sessions_closed: int = 0
    answers_in_closed_session: int = 0
    results: dict[str, int] = field(default_factory=lambda: {"correct": 0, "wrong": 0, "late": 0})
    answer_posts: int = 0
    streams: int = 0
    private_values: set[str] = field(default_factory=set)


async def _guest(client: httpx.AsyncClient, name: str, played: Played) -> dict[str, str]:
    r = await client.post("/api/auth/guest", json={"display_name": name})
    assert r.status_code == 201, r.text
    played.private_values.add(r.json()["user"]["id"])
    return Api.auth(r.json()["access_token"])


async def _served(client: httpx.AsyncClient, code: str, player: dict[str, str]) -> str:
    r = await client.get(f"/api/sessions/{code}/question", headers=player)
    assert r.status_code == 200, r.text
    return str(r.json()["question"]["id"])


async def _answer(
    client: httpx.AsyncClient,
    code: str,
    player: dict[str, str],
    quiz: dict[str, Any],
    right: bool,
    played: Played,
    question_id: str | None = None,
) -> dict[str, Any]:
    qid = question_id or await _served(client, code, player)
    choice = correct_choice(quiz, qid) if right else wrong_choice(quiz, qid)
    body = {"question_id": qid, "choice_id": choice}
    r = await client.post(f"/api/sessions/{code}/answers", json=body, headers=player)
    played.answer_posts += 1
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    played.results["late" if result["late"] else "correct" if result["correct"] else "wrong"] += 1
    played.answers_in_closed_session += 1
    if right and not result["late"]:
        # The same answer again: the first result back, nothing scored or counted twice.
        again = await client.post(f"/api/sessions/{code}/answers", json=body, headers=player)
        played.answer_posts += 1
        assert again.status_code == 200 and again.json() == result, again.text
    return result


async def play_session(url: str, pause: float = 0.0, late: bool = True) -> Played:
    """An admin opens two sessions; in one, three players join, two watch the event stream, they
    answer right and wrong over three rounds (`pause` seconds apart), one answers late (waiting
    out a 5 s deadline) when `late`, and the admin closes it (twice: the second close changes
    nothing). The other session stays open and empty."""
    played = Played()
    # A new connection per request: with several workers, requests spread over them.
    fresh = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=fresh) as client:
        api = Api(client)
        admin, code, quiz = await open_session(api, questions=3, time_limit_s=TIME_LIMIT_S)
        r = await client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)
        assert r.status_code == 201, r.text
        played.sessions_opened = 2
        played.private_values |= {code, r.json()["code"], quiz["id"]}
        played.private_values |= {q["id"] for q in quiz["questions"]}
        ann, bob, cat = [await _guest(client, name, played) for name in ("Ann", "Bob", "Cat")]
        for player in (ann, bob, cat):
            r = await client.post(f"/api/sessions/{code}/join", headers=player)
            assert r.status_code == 200, r.text
            played.private_values.add(r.json()["id"])
        events = f"/api/sessions/{code}/events?limit=5"
        async with stream(client, events, ann) as ann_view, stream(client, events, bob) as bob_view:
            played.streams = 2
            for view in (ann_view, bob_view):
                await view.wait_for(lambda n, d: n == "leaderboard")
            # Cat's first question is served now and answered after its deadline.
            cat_question, cat_served = await _served(client, code, cat), time.monotonic()
            for right_for_bob in (False, True, True):
                await _answer(client, code, ann, quiz, True, played)
                await _answer(client, code, bob, quiz, right_for_bob, played)
                await asyncio.sleep(pause)
            await ann_view.wait_for(
                lambda n, d: n == "leaderboard" and d["me"]["answered_count"] == 3
            )
            if late:
                await asyncio.sleep(max(0.0, cat_served + TIME_LIMIT_S + 0.3 - time.monotonic()))
                result = await _answer(client, code, cat, quiz, True, played, cat_question)
                assert result["late"] and result["points_awarded"] == 0, result
            for _ in range(2):
                r = await client.post(f"/api/sessions/{code}/close", headers=admin)
                assert r.status_code == 200 and r.json()["status"] == "closed", r.text
            played.sessions_closed = 1
            await ann_view.wait_for(lambda n, d: n == "session" and d["status"] == "closed")
        # Paths that carry a code: their labels must be the route templates, never the code.
        r = await client.get(f"/api/sessions/{code}/leaderboard", headers=ann)
        assert r.status_code == 200, r.text
        assert (await client.get("/api/sessions/ZZZZZZ", headers=ann)).status_code == 404
        await client.get(f"/play/{code}")
    return played

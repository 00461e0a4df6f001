"""Players answering through real servers in a loop, with the outcome of every request kept for
the assertions: which answers got a 200, which failed and how, and how long each took."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from tests.conftest import Api
from tests.servers import instance
from tests.sessions.game import correct_choice, open_session, wrong_choice

# A client's pause before trying again after a failed request: a real app's backoff.
RETRY_PAUSE_S = 0.05
ENTRY_FIELDS = (
    "rank",
    "participant_id",
    "display_name",
    "score",
    "answered_count",
    "correct_count",
    "streak",
)


@dataclass
class Player:
    name: str
    headers: dict[str, str]
    participant_id: str


async def join_players(api: Api, code: str, count: int, prefix: str = "P") -> list[Player]:
    players = []
    for i in range(count):
        headers = await api.guest(f"{prefix}{i}")
        r = await api.client.post(f"/api/sessions/{code}/join", headers=headers)
        assert r.status_code == 200, r.text
        players.append(Player(f"{prefix}{i}", headers, r.json()["id"]))
    return players


@dataclass
class ServedSession:
    """A session open on a real server with players joined, and the clients that reach it."""

    client: httpx.AsyncClient
    stream_client: httpx.AsyncClient  # event streams on connections of their own
    admin: dict[str, str]
    code: str
    quiz: dict[str, Any]
    players: list[Player]

    @property
    def api(self) -> Api:
        return Api(self.client)

    @property
    def events(self) -> str:
        return f"/api/sessions/{self.code}/events?limit=100"


@asynccontextmanager
async def served_session(
    env: dict[str, str], log: Path, players: int = 8
) -> AsyncIterator[ServedSession]:
    """A server on `env` with a session of 100 questions and no time limit: enough to play on
    through a fault."""
    async with (
        instance(env, log) as server,
        httpx.AsyncClient(base_url=server.url) as stream_client,
    ):
        api = Api(server.client)
        admin, code, quiz = await open_session(api, questions=100, time_limit_s=None)
        joined = await join_players(api, code, players)
        yield ServedSession(server.client, stream_client, admin, code, quiz, joined)


@dataclass
class Call:
    """One request of the load and what came of it (`status` None: no HTTP answer at all)."""

    kind: str  # "question" or "answer"
    via: str  # the server's base URL
    participant_id: str
    question_id: str | None
    started: float
    seconds: float
    status: int | None
    body: Any
    error: str | None = None

    @property
    def is_clear_503(self) -> bool:
        """503 with a JSON `detail` message, as the contract's errors are."""
        return (
            self.status == 503
            and isinstance(self.body, dict)
            and isinstance(self.body.get("detail"), str)
            and len(self.body["detail"]) > 0
        )

    def __str__(self) -> str:
        return (
            f"{self.kind} via {self.via} at {self.started:.2f}: {self.status} {self.body!r} "
            f"{self.error or ''} ({self.seconds:.2f}s)"
        )


@dataclass
class Load:
    """Players going through a quiz session's questions until told to stop."""

    code: str
    quiz: dict[str, Any]
    calls: list[Call] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def _call(
        self,
        client: httpx.AsyncClient,
        kind: str,
        player: Player,
        question_id: str | None,
        request: Any,
    ) -> Call:
        started = time.monotonic()
        status: int | None = None
        body: Any = None
        error: str | None = None
        try:
            response = await request
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        else:
            status = response.status_code
            try:
                body = response.json()
            except ValueError:
                body = response.text[:300]
        seconds = time.monotonic() - started
        via = str(client.base_url)
        call = Call(
            kind, via, player.participant_id, question_id, started, seconds, status, body, error
        )
        self.calls.append(call)
        return call

    async def play(self, clients: list[httpx.AsyncClient], player: Player) -> None:
        """Answer question after question (every third one wrong) through `clients[0]`; after a
        request that got no HTTP answer at all, go on through the next client (fail over)."""
        at = 0
        rounds = 0
        while not self.stop.is_set():
            client = clients[at % len(clients)]
            base = f"/api/sessions/{self.code}"
            turn = await self._call(
                client,
                "question",
                player,
                None,
                client.get(f"{base}/question", headers=player.headers),
            )
            if turn.status != 200:
                at += turn.status is None
                await asyncio.sleep(RETRY_PAUSE_S)
                continue
            if turn.body["finished"]:
                return
            qid = turn.body["question"]["id"]
            rounds += 1
            right = rounds % 3 != 0
            choice = correct_choice(self.quiz, qid) if right else wrong_choice(self.quiz, qid)
            result = await self._call(
                client,
                "answer",
                player,
                qid,
                client.post(
                    f"{base}/answers",
                    json={"question_id": qid, "choice_id": choice},
                    headers=player.headers,
                ),
            )
            if result.status != 200:
                at += result.status is None
                await asyncio.sleep(RETRY_PAUSE_S)

    def answered(self, since: float = 0.0, via: str | None = None) -> list[Call]:
        """Answers that got a 200, started at or after `since`, optionally through one server."""
        return [
            c
            for c in self.calls
            if c.kind == "answer"
            and c.status == 200
            and c.started >= since
            and (via is None or c.via == via)
        ]

    def stored_keys(self) -> set[tuple[str, str]]:
        """(participant, question) of every answer that got a 200."""
        return {(c.participant_id, str(c.question_id)) for c in self.answered()}

    def failed(self) -> list[Call]:
        return [c for c in self.calls if c.status != 200]

    async def wait_for_answers(
        self, count: int, within: float, since: float = 0.0, via: str | None = None
    ) -> None:
        """Until `count` answers got a 200 (since/via as in `answered`), for at most `within` s."""
        deadline = time.monotonic() + within
        while len(self.answered(since, via)) < count:
            if time.monotonic() > deadline:
                recent = "\n".join(str(c) for c in self.calls[-5:])
                raise AssertionError(
                    f"only {len(self.answered(since, via))} of {count} answers in {within}s; "
                    f"last calls:\n{recent}"
                )
            await asyncio.sleep(0.02)


@dataclass
class Probe:
    """The same GET again and again (every `every` s) until `stop`: readiness, or the event stream
    (its status only: a stream that opens is closed at once)."""

    path: str
    headers: dict[str, str] = field(default_factory=dict)
    is_stream: bool = False
    every: float = 0.2
    seen: list[tuple[float, int | None, Any]] = field(default_factory=list)

    async def run(self, client: httpx.AsyncClient, stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                async with client.stream("GET", self.path, headers=self.headers) as r:
                    body: Any = None
                    if not (self.is_stream and r.status_code == 200):
                        await r.aread()
                        body = r.json()
                    self.seen.append((started, r.status_code, body))
            except httpx.HTTPError as exc:
                self.seen.append((started, None, f"{type(exc).__name__}: {exc}"))
            await asyncio.sleep(self.every)

    def between(self, start: float, end: float) -> list[tuple[int | None, Any]]:
        return [(status, body) for t, status, body in self.seen if start <= t < end]


async def _fetch(database_url: str, query: str, *args: Any) -> list[Any]:
    """The rows of one query, on a connection of its own."""
    conn = await asyncpg.connect(database_url, timeout=10)
    try:
        rows: list[Any] = await conn.fetch(query, *args)
    finally:
        await conn.close()
    return rows


async def stored_answers(database_url: str, code: str) -> set[tuple[str, str]]:
    """(participant, question) of every answer the database holds for a session."""
    rows = await _fetch(
        database_url,
        "SELECT a.participant_id, a.question_id FROM answers a"
        " JOIN participants p ON p.id = a.participant_id"
        " JOIN sessions s ON s.id = p.session_id WHERE s.code = $1",
        code,
    )
    return {(r["participant_id"], r["question_id"]) for r in rows}


async def inconsistent_totals(database_url: str, code: str) -> list[dict[str, Any]]:
    """Participants whose totals disagree with their answer rows (none, after any crash)."""
    rows = await _fetch(
        database_url,
        "SELECT p.id, p.score, p.answered_count, p.correct_count,"
        " count(a.id) AS answers, coalesce(sum(a.points_awarded), 0) AS points,"
        " count(a.id) FILTER (WHERE a.correct) AS correct"
        " FROM participants p JOIN sessions s ON s.id = p.session_id"
        " LEFT JOIN answers a ON a.participant_id = p.id"
        " WHERE s.code = $1 GROUP BY p.id",
        code,
    )
    return [
        dict(r)
        for r in rows
        if (r["answered_count"], r["score"], r["correct_count"])
        != (r["answers"], r["points"], r["correct"])
    ]


def expected_entries(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Leaderboard entries as the database has them (GET results), each participant's totals
    checked against their answers first."""
    for row in results:
        assert row["score"] == sum(a["points_awarded"] for a in row["answers"]), row
        assert row["answered_count"] == len(row["answers"]), row
        assert row["correct_count"] == sum(a["correct"] for a in row["answers"]), row
    return [
        {**{k: row[k] for k in ENTRY_FIELDS if k != "participant_id"}, "participant_id": row["id"]}
        for row in results
    ]


def board_entries(board: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries of a leaderboard (GET or event), in the same shape as `expected_entries`."""
    return [{k: e[k] for k in ENTRY_FIELDS} for e in board["entries"]]


async def board_is_results(
    client: httpx.AsyncClient, code: str, admin: dict[str, str]
) -> list[dict[str, Any]]:
    """A session's results, once its leaderboard is checked to show the same standings."""
    results = await client.get(f"/api/sessions/{code}/results", headers=admin)
    board = await client.get(f"/api/sessions/{code}/leaderboard?limit=100", headers=admin)
    assert results.status_code == 200 and board.status_code == 200, (results.text, board.text)
    assert board_entries(board.json()) == expected_entries(results.json()), code
    return list(results.json())

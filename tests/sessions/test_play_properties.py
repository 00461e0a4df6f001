"""Property test: random sequences of joins, serves and answers (repeated, concurrent, conflicting)
on both backends. After every step the leaderboard equals the standings recomputed from the
answers table, and no answer is counted twice."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.conftest import Api
from tests.sessions.game import correct_choice, open_session, wrong_choice
from vocabquiz.sessions.models import Answer, Participant, QuizSession
from vocabquiz.sessions.scoring import streak_bonus_for

PLAYERS = 3
QUESTIONS = 4

player = st.integers(0, PLAYERS - 1)
step = st.one_of(
    st.tuples(st.just("join"), player),
    st.tuples(st.just("serve"), player),
    # answer the served question, right or wrong, sent `copies` times at once
    st.tuples(st.just("answer"), player, st.booleans(), st.integers(1, 4)),
    # the right and a wrong choice for the same question at once
    st.tuples(st.just("conflict"), player),
    # two players' steps at once
    st.tuples(st.just("together"), player, player),
)


class Game:
    def __init__(self, api: Api, code: str, quiz: dict[str, Any], heads: list[dict[str, str]]):
        self.api, self.code, self.quiz, self.heads = api, code, quiz, heads
        self.joined: set[int] = set()
        # (player, question) -> the first 200 result; later ones must repeat it
        self.results: dict[tuple[int, str], dict[str, Any]] = {}

    async def join(self, p: int) -> None:
        r = await self.api.client.post(f"/api/sessions/{self.code}/join", headers=self.heads[p])
        assert r.status_code == 200, r.text
        self.joined.add(p)

    async def serve(self, p: int) -> dict[str, Any] | None:
        r = await self.api.client.get(f"/api/sessions/{self.code}/question", headers=self.heads[p])
        if p not in self.joined:
            assert r.status_code == 403
            return None
        assert r.status_code == 200, r.text
        turn: dict[str, Any] = r.json()
        return None if turn["finished"] else turn["question"]

    async def send(self, p: int, question_id: str, choice_id: str) -> None:
        r = await self.api.client.post(
            f"/api/sessions/{self.code}/answers",
            json={"question_id": question_id, "choice_id": choice_id},
            headers=self.heads[p],
        )
        assert r.status_code in (200, 409), r.text
        if r.status_code == 200:
            first = self.results.setdefault((p, question_id), r.json())
            for key in ("choice_id", "points_awarded", "score", "correct"):
                assert r.json()[key] == first[key], (r.json(), first)

    async def answer(self, p: int, right: bool, copies: int) -> None:
        served = await self.serve(p)
        if served is None:
            return
        qid = served["id"]
        choice = correct_choice(self.quiz, qid) if right else wrong_choice(self.quiz, qid)
        await asyncio.gather(*(self.send(p, qid, choice) for _ in range(copies)))

    async def conflict(self, p: int) -> None:
        served = await self.serve(p)
        if served is None:
            return
        qid = served["id"]
        await asyncio.gather(
            self.send(p, qid, correct_choice(self.quiz, qid)),
            self.send(p, qid, wrong_choice(self.quiz, qid)),
        )
        assert (p, qid) in self.results  # exactly one of the two won

    async def run(self, move: tuple[Any, ...]) -> None:
        kind = move[0]
        if kind == "join":
            await self.join(move[1])
        elif kind == "serve":
            await self.serve(move[1])
        elif kind == "answer":
            await self.answer(move[1], move[2], move[3])
        elif kind == "conflict":
            await self.conflict(move[1])
        else:
            await asyncio.gather(self.answer(move[1], True, 1), self.answer(move[2], False, 1))


def _streak(answers: list[Answer]) -> int:
    """Right answers on time in a row at the end."""
    run = 0
    for a in answers:
        run = run + 1 if a.correct and not a.late else 0
    return run


async def _database_standings(app: FastAPI, code: str) -> list[tuple[str, int, int, int, int]]:
    """(participant id, score, answered, correct, streak) in leaderboard order, from the answers
    alone."""
    async with app.state.vocabquiz.database.sessions() as db:
        participants = (
            await db.scalars(select(Participant).join(QuizSession).where(QuizSession.code == code))
        ).all()
        answers = (
            await db.scalars(
                select(Answer).where(Answer.participant_id.in_([p.id for p in participants]))
            )
        ).all()
    rows = []
    for p in participants:
        mine = sorted((a for a in answers if a.participant_id == p.id), key=lambda a: a.answered_at)
        assert len({a.question_id for a in mine}) == len(mine), "a question answered twice"
        score = sum(a.points_awarded for a in mine)
        assert (p.score, p.answered_count) == (score, len(mine)), "participant row disagrees"
        assert [a.streak for a in mine] == [_streak(mine[: i + 1]) for i in range(len(mine))]
        # The streak bonus of each answer follows from the run it extends.
        assert [a.streak_bonus for a in mine] == [streak_bonus_for(a.streak) for a in mine]
        scored = [a.answered_at for a in mine if a.points_awarded > 0]
        reached = scored[-1] if scored else p.joined_at
        rows.append(
            (
                # Who has not answered anything comes after everyone who has (docs/API.md).
                (-score, not mine, reached, p.joined_at),
                (p.id, score, len(mine), sum(a.correct for a in mine), _streak(mine)),
            )
        )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moves=st.lists(step, min_size=1, max_size=14))
async def test_random_play_keeps_the_leaderboard_equal_to_the_database(
    api: Api, app: FastAPI, moves: list[tuple[Any, ...]]
) -> None:
    admin, code, quiz = await open_session(
        api, questions=QUESTIONS, scoring={"streak_bonus": True}, time_limit_s=None
    )
    heads = [await api.guest(f"P{i}") for i in range(PLAYERS)]
    game = Game(api, code, quiz, heads)
    for move in moves:
        await game.run(move)
        r = await api.client.get(f"/api/sessions/{code}/leaderboard?limit=100", headers=admin)
        board = [
            (e["participant_id"], e["score"], e["answered_count"], e["correct_count"], e["streak"])
            for e in r.json()["entries"]
        ]
        assert board == await _database_standings(app, code), move
        # Every first 200 is counted once: the scores are the sums of the first results.
        by_player: dict[int, int] = {}
        for (p, _), result in game.results.items():
            by_player[p] = by_player.get(p, 0) + result["points_awarded"]
        scores = {row[0]: row[1] for row in board}
        for p, points in by_player.items():
            me = (
                await api.client.get(f"/api/sessions/{code}/leaderboard", headers=heads[p])
            ).json()["me"]
            assert me["score"] == points == scores[me["participant_id"]]

"""Choices in an order of each participant's own: stable for them, different between them."""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import Api
from tests.sessions.game import joined, open_session
from vocabquiz.sessions import choice_order


@dataclass(frozen=True)
class Choice:
    id: str


CHOICES = [Choice(f"choice-{i}") for i in range(4)]


def test_order_is_a_permutation_and_the_same_every_time() -> None:
    order = choice_order.for_participant("participant-1", CHOICES)
    assert sorted(c.id for c in order) == [c.id for c in CHOICES]
    assert choice_order.for_participant("participant-1", list(reversed(CHOICES))) == order


def test_participants_get_different_orders() -> None:
    orders = {
        tuple(c.id for c in choice_order.for_participant(f"participant-{i}", CHOICES))
        for i in range(50)
    }
    # 24 orders exist; 50 participants land on many of them, not on one.
    assert len(orders) >= 10
    # Each choice is first for some participant: no position gives the answer away.
    assert {order[0] for order in orders} == {c.id for c in CHOICES}


async def test_a_refresh_shows_the_same_order_and_players_differ(api: Api) -> None:
    _, code, quiz = await open_session(
        api,
        questions=1,
        choices=[{"text": t, "correct": t == "a"} for t in ("a", "b", "c", "d", "e", "f")],
    )
    orders = []
    for i in range(8):
        player = await joined(api, code, f"P{i}")
        turns = [
            (await api.client.get(f"/api/sessions/{code}/question", headers=player)).json()
            for _ in range(2)
        ]
        first, again = ([c["text"] for c in t["question"]["choices"]] for t in turns)
        assert first == again
        assert sorted(first) == ["a", "b", "c", "d", "e", "f"]
        orders.append(tuple(first))
    assert len(set(orders)) > 1
    # The quiz itself keeps the order the admin wrote.
    assert [c["text"] for c in quiz["questions"][0]["choices"]] == ["a", "b", "c", "d", "e", "f"]

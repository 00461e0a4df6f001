"""Each participant sees the choices of a question in an order of their own, so that neighbours
cannot copy "the third button". The order is derived from the participant and the choice ids, so
it is the same on every refresh and on every server instance, and needs nothing stored."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol, TypeVar


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


def _rank(participant_id: str, choice_id: str) -> bytes:
    return hashlib.blake2b(f"{participant_id}\0{choice_id}".encode(), digest_size=8).digest()


def for_participant(participant_id: str, choices: Sequence[T]) -> list[T]:
    return sorted(choices, key=lambda choice: _rank(participant_id, choice.id))

"""Argon2 password hashing, off the event loop and bounded: each hash takes tens of milliseconds
and its memory cost (64 MiB by default), so a process hashes at most `slots` passwords at once;
past a short wait for a slot, the request gets a 503 with Retry-After rather than piling up.

The cost and the bound are set once per process from the settings (`configure_hashing`); a
stored hash carries its own parameters, so changing the cost affects new hashes only. Never call
these while holding a database connection: a connection waiting on a hash is one the playing path
cannot use."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from vocabquiz.errors import ErrorCode, Unavailable
from vocabquiz.settings import Settings

T = TypeVar("T")
BUSY = "Too many sign-ins at once; try again in a moment"


class _Hashing:
    def __init__(self, time_cost: int, memory_kib: int, slots: int, wait_s: float) -> None:
        self.hasher = PasswordHash((Argon2Hasher(time_cost=time_cost, memory_cost=memory_kib),))
        # Verified against when the username is unknown, so that both failures cost the same.
        self.dummy = self.hasher.hash("not a real password: equal work for unknown users")
        self.pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="password")
        self.slots = asyncio.Semaphore(slots)
        self.wait_s = wait_s

    async def run(self, work: Callable[..., T], *args: object) -> T:
        try:
            async with asyncio.timeout(self.wait_s):
                await self.slots.acquire()
        except TimeoutError:
            raise Unavailable(BUSY, ErrorCode.SERVER_BUSY) from None
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, work, *args)
        finally:
            self.slots.release()


_hashing = _Hashing(time_cost=3, memory_kib=65536, slots=2, wait_s=2.0)


def configure_hashing(settings: Settings) -> None:
    global _hashing
    _hashing = _Hashing(
        settings.password_hash_time_cost,
        settings.password_hash_memory_kib,
        settings.password_hash_slots,
        settings.password_hash_wait_s,
    )


async def hash_password(password: str) -> str:
    return await _hashing.run(_hashing.hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        await _hashing.run(_hashing.hasher.verify, password, _hashing.dummy)
        return False
    return await _hashing.run(_hashing.hasher.verify, password, password_hash)

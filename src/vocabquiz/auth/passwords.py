"""Argon2 password hashing, run off the event loop (each hash takes tens of milliseconds).

The cost is set once per process from the settings (`configure_hashing`); a stored hash carries
its own parameters, so changing the cost affects new hashes only."""

from __future__ import annotations

import anyio.to_thread
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_hasher = PasswordHash((Argon2Hasher(),))
# Verified against when the username is unknown, so that both failures cost the same time.
_dummy_hash = _hasher.hash("not a real password: equal work for unknown users")


def configure_hashing(time_cost: int, memory_kib: int) -> None:
    global _hasher, _dummy_hash
    _hasher = PasswordHash((Argon2Hasher(time_cost=time_cost, memory_cost=memory_kib),))
    _dummy_hash = _hasher.hash("not a real password: equal work for unknown users")


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        await anyio.to_thread.run_sync(_hasher.verify, password, _dummy_hash)
        return False
    return await anyio.to_thread.run_sync(_hasher.verify, password, password_hash)

"""Join codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I)."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(raw: str) -> str | None:
    """The code as stored, or None when it cannot be one (input is case-insensitive and may carry
    surrounding spaces)."""
    code = raw.strip().upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code

"""Signed bearer tokens (HS256 JWT) carrying who the user is and their role, and a cache of
verified ones: checking a signature costs more than the rest of an answer's work."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import NamedTuple

import jwt

ALGORITHM = "HS256"
ROLES = ("admin", "teacher", "player")
STAFF_ROLES = ("admin", "teacher")


class TokenUser(NamedTuple):
    """Who a token names. A tuple of plain values: the token cache holds many, and the garbage
    collector leaves such tuples out of its passes."""

    id: str
    role: str
    is_guest: bool
    # The account's token version when the token was issued (auth/accounts.py).
    version: int = 0

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_staff(self) -> bool:
        """An admin or a teacher: writes quizzes and runs sessions."""
        return self.role in STAFF_ROLES


def issue_token(user: TokenUser, secret: str, ttl: timedelta) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": user.id,
        "role": user.role,
        "guest": user.is_guest,
        "ver": user.version,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def _verify(token: str, secret: str) -> tuple[TokenUser, float] | None:
    """The user a token names and when it expires; None when it is expired, tampered, unsigned
    or malformed."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp", "iat"]}
        )
    except jwt.PyJWTError:
        return None
    sub, role, guest = claims.get("sub"), claims.get("role"), claims.get("guest", False)
    version = claims.get("ver", 0)
    if not isinstance(sub, str) or role not in ROLES or not isinstance(guest, bool):
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        return None
    return TokenUser(id=sub, role=role, is_guest=guest, version=version), float(claims["exp"])


class TokenReader:
    """Reads bearer tokens, remembering the verified ones until they expire. Bounded: when full,
    the oldest tenth is forgotten (and verified again if seen again)."""

    def __init__(self, secret: str, capacity: int = 50_000) -> None:
        self._secret = secret
        self._capacity = capacity
        self._verified: dict[str, tuple[TokenUser, float]] = {}

    def read(self, token: str) -> TokenUser | None:
        """The user a token names, or None for a token that is not (or no longer) valid."""
        known = self._verified.get(token)
        if known is None:
            known = _verify(token, self._secret)
            if known is None:
                return None
            if len(self._verified) >= self._capacity:
                for old in list(islice(self._verified, self._capacity // 10 or 1)):
                    del self._verified[old]
            self._verified[token] = known
        user, expires = known
        if time.time() >= expires:
            self._verified.pop(token, None)
            return None
        return user

"""Signed bearer tokens (HS256 JWT) carrying who the user is and their role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"


@dataclass(frozen=True)
class TokenUser:
    id: str
    role: str
    is_guest: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def issue_token(user: TokenUser, secret: str, ttl: timedelta) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": user.id,
        "role": user.role,
        "guest": user.is_guest,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(token: str, secret: str) -> TokenUser | None:
    """The user a token names, or None when it is expired, tampered, unsigned or malformed."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp", "iat"]}
        )
    except jwt.PyJWTError:
        return None
    sub, role, guest = claims.get("sub"), claims.get("role"), claims.get("guest", False)
    if not isinstance(sub, str) or role not in ("admin", "player") or not isinstance(guest, bool):
        return None
    return TokenUser(id=sub, role=role, is_guest=guest)

"""What an account may do now. A token says who someone is; the account, read from the database
and kept here for a few seconds, says whether it still exists, its role, and whether the token is
still valid (its version: raising the account's revokes every token issued before). Teachers'
and admins' accounts are read on every request: disabling one stops its tokens at once."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from itertools import islice
from typing import NamedTuple

from vocabquiz.auth.tokens import STAFF_ROLES, TokenUser
from vocabquiz.errors import ErrorCode, Unauthorized

BAD_TOKEN = "Invalid or expired token; sign in again"
DISABLED = "This account is disabled; ask an admin of your school"


class Account(NamedTuple):
    role: str
    is_guest: bool
    token_version: int
    disabled: bool = False


AccountReader = Callable[[str], Awaitable[Account | None]]


class Accounts:
    def __init__(self, read: AccountReader, trusted_for_s: float, capacity: int = 100_000) -> None:
        self._read = read
        # How long an account read is trusted: a revoked, demoted or deleted account loses its
        # rights within this time on every instance.
        self._trusted_for_s = trusted_for_s
        self._capacity = capacity
        # user id -> (the account or None when gone, when the read stops being trusted)
        self._known: dict[str, tuple[Account | None, float]] = {}

    async def signed_in(self, user: TokenUser) -> TokenUser:
        """The token's user with the account's role now; 401 when the account is gone or the
        token was revoked."""
        now = time.monotonic()
        known = None if user.role in STAFF_ROLES else self._known.get(user.id)
        if known is None or known[1] <= now:
            known = (await self._read(user.id), now + self._trusted_for_s)
            if len(self._known) >= self._capacity:
                for old in list(islice(self._known, self._capacity // 10 or 1)):
                    del self._known[old]
            self._known[user.id] = known
        account = known[0]
        if account is not None and account.disabled:
            # The reason, before the revoked token's.
            raise Unauthorized(DISABLED, ErrorCode.ACCOUNT_DISABLED)
        if account is None or account.token_version != user.version:
            raise Unauthorized(BAD_TOKEN, ErrorCode.TOKEN_INVALID)
        return TokenUser(user.id, account.role, account.is_guest, user.version)

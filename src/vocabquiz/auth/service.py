"""Accounts: registration, login, guests, admins and teachers."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth.accounts import BAD_TOKEN, DISABLED
from vocabquiz.auth.models import User
from vocabquiz.auth.passwords import hash_password, verify_password
from vocabquiz.auth.tokens import TokenUser
from vocabquiz.errors import Conflict, ErrorCode, Forbidden, Unauthorized

BAD_LOGIN = "Incorrect username or password"


def token_user(user: User) -> TokenUser:
    return TokenUser(user.id, user.role, user.is_guest, user.token_version)


async def register(
    db: AsyncSession, username: str, password: str, display_name: str | None, role: str = "player"
) -> User:
    user = User(
        username=username,
        username_key=username.lower(),
        display_name=display_name or username,
        password_hash=await hash_password(password),
        role=role,
        is_guest=False,
    )
    db.add(user)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise Conflict("That username is already taken", ErrorCode.USERNAME_TAKEN) from None
    return user


async def login(db: AsyncSession, username: str, password: str) -> User:
    key = username.strip().lower()
    # No username holds NUL (and PostgreSQL refuses to compare one): an unknown user.
    user = None if "\x00" in key else await db.scalar(select(User).where(User.username_key == key))
    # Give the connection back before the slow part: a sign-in must not hold one while hashing.
    await db.commit()
    ok = await verify_password(password, user.password_hash if user else None)
    if user is None or not ok:
        raise Unauthorized(BAD_LOGIN, ErrorCode.LOGIN_FAILED)
    if user.disabled_at is not None:
        raise Forbidden(DISABLED, ErrorCode.ACCOUNT_DISABLED)
    return user


async def create_guest(db: AsyncSession, display_name: str) -> User:
    user = User(display_name=display_name, role="player", is_guest=True)
    db.add(user)
    await db.commit()
    return user


async def signed_in_user(db: AsyncSession, user_id: str) -> User:
    """The account a valid token names; gone (e.g. a reset database) means the token is bad."""
    user = await db.get(User, user_id)
    if user is None:
        raise Unauthorized(BAD_TOKEN, ErrorCode.TOKEN_INVALID)
    return user


async def revoke_tokens(db: AsyncSession, username: str) -> bool:
    """Every token of this account stops working (within account_check_interval_s on each
    instance); False when there is no such account."""
    changed = await db.execute(
        update(User)
        .where(User.username_key == username.strip().lower())
        .values(token_version=User.token_version + 1)
    )
    await db.commit()
    return bool(changed.rowcount)  # type: ignore[attr-defined]


async def ensure_account(db: AsyncSession, username: str, password: str, role: str) -> bool:
    """Create the account (an admin or a teacher) if no user has that name; True when it was
    created."""
    existing = await db.scalar(select(User).where(User.username_key == username.lower()))
    if existing is not None:
        return False
    await db.commit()  # no connection held while the password is hashed
    try:
        await register(db, username, password, None, role=role)
    except Conflict:
        return False  # another instance created it at the same moment
    return True

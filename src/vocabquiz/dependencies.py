"""`Annotated` shortcuts that name what a handler needs.

All dependencies are `async def`: FastAPI runs plain `def` ones in the thread pool, a hop that
costs more than their work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import structlog
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth.accounts import BAD_TOKEN
from vocabquiz.auth.tokens import TokenUser
from vocabquiz.errors import ErrorCode, Forbidden, Unauthorized
from vocabquiz.quizzes import access as quiz_access
from vocabquiz.rate_limits import ClientLimits
from vocabquiz.sessions import access as session_access
from vocabquiz.sessions.answers import Play
from vocabquiz.state import AppState

log = structlog.get_logger(__name__)


async def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.vocabquiz
    return state


State = Annotated[AppState, Depends(app_state)]


async def _close(session: AsyncSession) -> None:
    """Close a request's database session. If the connection died after the handler's work (the
    database went away), the response is already out: drop the connection rather than fail the
    finished request, which would make the server cut the client's keep-alive connection."""
    try:
        await session.close()
    except (DBAPIError, OSError) as exc:
        log.warning("database_session_close_failed", error=str(exc).splitlines()[0])
        await session.invalidate()


async def _db(state: State) -> AsyncIterator[AsyncSession]:
    session = state.database.sessions()
    try:
        yield session
    finally:
        await _close(session)


async def _read_db(state: State) -> AsyncIterator[AsyncSession]:
    session = await state.database.read_session()
    try:
        yield session
    finally:
        await _close(session)


Db = Annotated[AsyncSession, Depends(_db)]
# Reads that may come from the replica, once it has caught up with the primary (replica.py).
ReadDb = Annotated[AsyncSession, Depends(_read_db)]


async def _play(state: State) -> Play:
    return state.sessions.play


PlayDeps = Annotated[Play, Depends(_play)]


async def _client_limits(request: Request, state: State) -> ClientLimits:
    return ClientLimits(state.limits, request.client.host if request.client else None)


Limits = Annotated[ClientLimits, Depends(_client_limits)]

_bearer = HTTPBearer(auto_error=False, description="The access_token of a Token")


async def _current_user(
    request: Request,
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TokenUser:
    if credentials is None:
        raise Unauthorized(
            "Not signed in: send Authorization: Bearer <access_token>", ErrorCode.NOT_SIGNED_IN
        )
    token_user = state.tokens.read(credentials.credentials)
    if token_user is None:
        raise Unauthorized(BAD_TOKEN, ErrorCode.TOKEN_INVALID)
    request.state.user_id = token_user.id  # for the request's log line
    return await state.accounts.signed_in(token_user)


CurrentUser = Annotated[TokenUser, Depends(_current_user)]


async def _admin(user: CurrentUser) -> TokenUser:
    if not user.is_admin:
        raise Forbidden("Only admins can do this", ErrorCode.ADMINS_ONLY)
    return user


Admin = Annotated[TokenUser, Depends(_admin)]


async def _staff(user: CurrentUser) -> TokenUser:
    if not user.is_staff:
        raise Forbidden("Only teachers and admins can do this", ErrorCode.STAFF_ONLY)
    return user


# An admin or a teacher.
Staff = Annotated[TokenUser, Depends(_staff)]


# Each check ends its read's transaction: on SQLite an open one holds the write lock, which the
# handler's own connections (the replica's session, the live steps') would wait for.


async def _quiz_reader(quiz_id: str, user: Staff, db: Db) -> TokenUser:
    await quiz_access.ensure_readable(db, quiz_id, user)
    await db.commit()
    return user


async def _quiz_owner(quiz_id: str, user: Staff, db: Db) -> TokenUser:
    await quiz_access.ensure_owned(db, quiz_id, user)
    await db.commit()
    return user


async def _session_runner(code: str, user: Staff, db: Db) -> TokenUser:
    await session_access.ensure_runs(db, code, user)
    await db.commit()
    return user


# The caller may read the path's {quiz_id} (theirs, or shared with the school; admins: any).
QuizReader = Annotated[TokenUser, Depends(_quiz_reader)]
# The caller owns the path's {quiz_id}, or is an admin.
QuizOwner = Annotated[TokenUser, Depends(_quiz_owner)]
# The caller opened the path's session {code}, or is an admin.
SessionRunner = Annotated[TokenUser, Depends(_session_runner)]

"""`Annotated` shortcuts that name what a handler needs.

All dependencies are `async def`: FastAPI runs plain `def` ones in the thread pool, a hop that
costs more than their work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth.tokens import TokenUser, read_token
from vocabquiz.errors import Forbidden, Unauthorized
from vocabquiz.sessions.service import Play
from vocabquiz.state import AppState


async def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.vocabquiz
    return state


State = Annotated[AppState, Depends(app_state)]


async def _db(state: State) -> AsyncIterator[AsyncSession]:
    async with state.database.sessions() as session:
        yield session


async def _read_db(state: State) -> AsyncIterator[AsyncSession]:
    async with state.database.read_sessions() as session:
        yield session


Db = Annotated[AsyncSession, Depends(_db)]
# Reads that may come from a replica (a little behind the primary).
ReadDb = Annotated[AsyncSession, Depends(_read_db)]


async def _play(state: State) -> Play:
    return state.play


PlayDeps = Annotated[Play, Depends(_play)]

_bearer = HTTPBearer(auto_error=False, description="The access_token of a Token")


async def _current_user(
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TokenUser:
    if credentials is None:
        raise Unauthorized("Not signed in: send Authorization: Bearer <access_token>")
    user = read_token(credentials.credentials, state.secret_key)
    if user is None:
        raise Unauthorized("Invalid or expired token; sign in again")
    return user


CurrentUser = Annotated[TokenUser, Depends(_current_user)]


async def _admin(user: CurrentUser) -> TokenUser:
    if not user.is_admin:
        raise Forbidden("Only admins can do this")
    return user


Admin = Annotated[TokenUser, Depends(_admin)]

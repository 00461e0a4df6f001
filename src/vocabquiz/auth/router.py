from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, status

from vocabquiz.auth import service
from vocabquiz.auth.models import User
from vocabquiz.auth.schemas import GuestIn, LoginIn, RegisterIn, TokenOut, UserOut
from vocabquiz.auth.tokens import issue_token
from vocabquiz.dependencies import CurrentUser, Db, Limits, State
from vocabquiz.errors import Conflict, Forbidden, TooManyRequests, Unauthorized, responses

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _token(state: State, user: User) -> TokenOut:
    ttl = timedelta(minutes=state.settings.token_ttl_minutes)
    return TokenOut(
        access_token=issue_token(service.token_user(user), state.secret_key, ttl),
        user=UserOut.model_validate(user),
    )


@router.post(
    "/register", status_code=status.HTTP_201_CREATED, responses=responses(Conflict, TooManyRequests)
)
async def register(body: RegisterIn, db: Db, state: State, limits: Limits) -> TokenOut:
    await limits.per_ip("register_ip")
    user = await service.register(db, body.username, body.password, body.display_name)
    return _token(state, user)


@router.post("/login", responses=responses(Unauthorized, Forbidden, TooManyRequests))
async def login(body: LoginIn, db: Db, state: State, limits: Limits) -> TokenOut:
    # The primary, not a replica: an account registered a moment ago must be able to sign in.
    await limits.per_ip("login_ip")
    account = body.username.strip().lower()
    await limits.guess(account)
    user = await service.login(db, body.username, body.password)
    # Only failures count: a right guess gives its charge back.
    await limits.right_guess(account)
    return _token(state, user)


@router.post("/guest", status_code=status.HTTP_201_CREATED, responses=responses(TooManyRequests))
async def guest(body: GuestIn, db: Db, state: State, limits: Limits) -> TokenOut:
    await limits.per_ip("guest_ip")
    user = await service.create_guest(db, body.display_name)
    return _token(state, user)


@router.get("/me", responses=responses(Unauthorized))
async def me(user: CurrentUser, db: Db) -> UserOut:
    return UserOut.model_validate(await service.signed_in_user(db, user.id))

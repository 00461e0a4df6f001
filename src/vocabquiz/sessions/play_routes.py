"""The playing routes, served by the edge (edge.py) rather than through FastAPI: a served
question, an answer and the standings. They are documented in sessions/router.py like every
other route; here they read their request and write their reply by hand."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi.exceptions import RequestValidationError
from pydantic import Field, TypeAdapter, ValidationError

from vocabquiz.auth.accounts import BAD_TOKEN
from vocabquiz.auth.tokens import TokenUser
from vocabquiz.edge import FastRoute, HttpRequest, Reply, json_reply
from vocabquiz.errors import ErrorCode, Forbidden, Unauthorized
from vocabquiz.leaderboard.stream import EventStream
from vocabquiz.rate_limits import ClientLimits
from vocabquiz.sessions import access, answers
from vocabquiz.sessions.schemas import AnswerIn

_ANSWER = TypeAdapter(AnswerIn)
_LIMIT = TypeAdapter(Annotated[int, Field(ge=1, le=100)])
NOT_SIGNED_IN = "Not signed in: send Authorization: Bearer <access_token>"


def _invalid(exc: ValidationError, *where: str) -> RequestValidationError:
    """pydantic's errors at their place in the request, as FastAPI reports them."""
    return RequestValidationError(
        [{**e, "loc": (*where, *e["loc"])} for e in exc.errors(include_url=False)]
    )


async def signed_in(request: HttpRequest, state: Any) -> TokenUser:
    """The user of the request's bearer token, as the `CurrentUser` dependency reads it."""
    header = request.header(b"authorization") or b""
    scheme, _, token = header.decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(NOT_SIGNED_IN, ErrorCode.NOT_SIGNED_IN)
    token_user: TokenUser | None = state.tokens.read(token)
    if token_user is None:
        raise Unauthorized(BAD_TOKEN, ErrorCode.TOKEN_INVALID)
    request.user_id = token_user.id
    user: TokenUser = await state.accounts.signed_in(token_user)
    return user


async def _runs(state: Any, code: str, user: TokenUser) -> bool:
    """Whether the user runs the session (admins; its teacher): they follow it without joining."""
    if user.role == "player":
        return False
    async with state.database.sessions() as db:
        return await access.runs(db, code, user)


def _client_ip(request: HttpRequest) -> str | None:
    client = request.scope.get("client")
    return client[0] if client else None


async def get_turn(request: HttpRequest) -> Reply:
    state = request.app_state
    user = await signed_in(request, state)
    return json_reply(await answers.current_turn(state.sessions.play, request.params["code"], user))


async def _answer_of(request: HttpRequest, state: Any, user: TokenUser) -> AnswerIn:
    """The request's answer, once the player's bucket of answers allows it."""
    try:
        body = _ANSWER.validate_json(await request.body())
    except ValidationError as exc:
        raise _invalid(exc, "body") from None
    await ClientLimits(state.limits, _client_ip(request)).per_key("answers", user.id)
    return body


async def submit_answer(request: HttpRequest) -> Reply:
    state = request.app_state
    user = await signed_in(request, state)
    body = await _answer_of(request, state, user)
    result = await answers.submit_answer(
        state.sessions.play, request.params["code"], user, body.question_id, body.choice_id
    )
    return json_reply(result)


def _limit(request: HttpRequest) -> int:
    raw = request.query("limit")
    try:
        return 10 if raw is None else int(_LIMIT.validate_python(raw))
    except ValidationError as exc:
        raise _invalid(exc, "query", "limit") from None


async def get_leaderboard(request: HttpRequest) -> Reply:
    state = request.app_state
    user = await signed_in(request, state)
    limit = _limit(request)
    return json_reply(
        await answers.leaderboard(state.sessions.play, request.params["code"], user, limit)
    )


async def stream_events(request: HttpRequest) -> EventStream:
    state = request.app_state
    user = await signed_in(request, state)
    limit = _limit(request)
    session, participant = await answers.viewer(state.sessions.play, request.params["code"], user)
    if participant is None and not await _runs(state, session.code, user):
        raise Forbidden(
            "Only the session's participants and its teacher can follow it live",
            ErrorCode.NOT_PARTICIPANT,
        )
    participant_id = participant.id if participant else None
    address = _client_ip(request)
    state.sessions.stream_caps.take(user.id, address)
    try:
        first = await state.sessions.broadcaster.first_standings(
            session.code, participant_id, limit
        )
    except BaseException:
        state.sessions.stream_caps.give_back(user.id, address)
        raise
    return EventStream(
        state.sessions.broadcaster,
        session.code,
        session.status,
        participant_id,
        limit,
        first,
        lambda: state.sessions.stream_caps.give_back(user.id, address),
    )


async def live_state(request: HttpRequest) -> Reply:
    state = request.app_state
    user = await signed_in(request, state)
    code = request.params["code"]
    return json_reply(await state.sessions.live.state(code, user, await _runs(state, code, user)))


async def live_answer(request: HttpRequest) -> Reply:
    state = request.app_state
    user = await signed_in(request, state)
    body = await _answer_of(request, state, user)
    result = await state.sessions.live.answer(
        request.params["code"], user, body.question_id, body.choice_id
    )
    return json_reply(result)


ROUTES = [
    FastRoute("GET", "/api/sessions/{code}/question", get_turn),
    FastRoute("POST", "/api/sessions/{code}/answers", submit_answer),
    FastRoute("GET", "/api/sessions/{code}/leaderboard", get_leaderboard),
    FastRoute("GET", "/api/sessions/{code}/events", stream_events),
    FastRoute("GET", "/api/sessions/{code}/live", live_state),
    FastRoute("POST", "/api/sessions/{code}/live/answers", live_answer),
]

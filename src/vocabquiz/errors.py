"""Domain errors and the one handler that maps them to `{"detail": ...}` responses."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import asyncpg
import sentry_sdk
import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeout
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

log = structlog.get_logger(__name__)


class ErrorCode(StrEnum):
    """What went wrong, for a client to say in the person's own language (`detail` stays
    English). docs/API.md "Error codes" lists them; a code is never renamed or reused."""

    NOT_SIGNED_IN = "not_signed_in"
    TOKEN_INVALID = "token_invalid"
    ACCOUNT_DISABLED = "account_disabled"
    LOGIN_FAILED = "login_failed"
    USERNAME_TAKEN = "username_taken"
    ADMINS_ONLY = "admins_only"
    STAFF_ONLY = "staff_only"
    QUIZ_NOT_FOUND = "quiz_not_found"
    QUIZ_NOT_OWNED = "quiz_not_owned"
    QUIZ_FULL = "quiz_full"
    QUIZ_EMPTY = "quiz_empty"
    QUIZ_LOCKED = "quiz_locked"
    QUIZ_HAS_SESSIONS = "quiz_has_sessions"
    QUESTION_NOT_FOUND = "question_not_found"
    TEACHER_NOT_FOUND = "teacher_not_found"
    JOB_NOT_FOUND = "job_not_found"
    SESSION_NOT_FOUND = "session_not_found"
    SESSION_CLOSED = "session_closed"
    SESSION_IS_LIVE = "session_is_live"
    SESSION_NOT_LIVE = "session_not_live"
    NO_FREE_CODE = "no_free_code"
    NOT_JOINED = "not_joined"
    NOT_PARTICIPANT = "not_participant"
    PLAYER_REMOVED = "player_removed"
    PLAYER_NOT_FOUND = "player_not_found"
    PLAYER_NOT_REMOVED = "player_not_removed"
    NAME_TAKEN = "name_taken"
    NAME_CROWDED = "name_crowded"
    QUESTION_NOT_SERVED = "question_not_served"
    QUESTION_NOT_HERE = "question_not_here"
    QUESTION_ENDED = "question_ended"
    PHASE_CHANGED = "phase_changed"
    CHOICE_INVALID = "choice_invalid"
    ALREADY_ANSWERED = "already_answered"
    WORD_LIST_REJECTED = "word_list_rejected"
    INVALID_REQUEST = "invalid_request"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    BODY_TOO_LARGE = "body_too_large"
    WRONG_CONTENT_TYPE = "wrong_content_type"
    RATE_LIMITED = "rate_limited"
    TOO_MANY_STREAMS = "too_many_streams"
    SERVER_BUSY = "server_busy"
    DATABASE_UNAVAILABLE = "database_unavailable"
    REDIS_UNAVAILABLE = "redis_unavailable"
    SERVICE_UNAVAILABLE = "service_unavailable"
    INTERNAL_ERROR = "internal_error"


class AppError(Exception):
    status_code = 400
    # What the status means here, for the API document.
    description = "The request cannot be done as sent"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, code: ErrorCode) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code

    def content(self) -> dict[str, object]:
        return {"detail": self.detail, "code": self.code}


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401
    description = "Not signed in, or the token is no longer valid"
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(AppError):
    status_code = 403
    description = "Signed in, but not allowed to do this"


class NotFound(AppError):
    status_code = 404
    description = "Not found"


class Conflict(AppError):
    status_code = 409
    description = "Not possible in the current state (a closed session, a taken name...)"


class Unprocessable(AppError):
    status_code = 422


class RowCode(StrEnum):
    """What is wrong with a row of a word list (or with the list), for a client to say in the
    teacher's language; `ROW_REASONS` words it in English. Listed in docs/API.md."""

    NOT_UTF8 = "not_utf8"
    UNKNOWN_COLUMN = "unknown_column"
    REPEATED_COLUMN = "repeated_column"
    MISSING_COLUMN = "missing_column"
    HEADER_UNREADABLE = "header_unreadable"
    ROW_UNREADABLE = "row_unreadable"
    LIST_EMPTY = "list_empty"
    TOO_MANY_ROWS = "too_many_rows"
    TOO_MANY_FIELDS = "too_many_fields"
    CONTROL_CHARACTERS = "control_characters"
    WORD_EMPTY = "word_empty"
    MEANING_EMPTY = "meaning_empty"
    TOO_LONG = "too_long"
    EXAMPLE_LACKS_WORD = "example_lacks_word"
    DISTRACTOR_IS_WORD = "distractor_is_word"
    DISTRACTOR_IS_MEANING = "distractor_is_meaning"
    DISTRACTORS_SAME = "distractors_same"
    WORD_REPEATED = "word_repeated"
    NO_WORDS = "no_words"
    TOO_FEW_MEANINGS = "too_few_meanings"
    TOO_FEW_WORDS = "too_few_words"
    QUESTION_TOO_LONG = "question_too_long"
    QUIZ_TOO_FULL = "quiz_too_full"


ROW_REASONS: dict[RowCode, str] = {
    RowCode.NOT_UTF8: "is not UTF-8 text; save the list as CSV UTF-8",
    RowCode.UNKNOWN_COLUMN: "unknown column “{column}”; the columns are {columns}",
    RowCode.REPEATED_COLUMN: "column “{column}” appears more than once",
    RowCode.MISSING_COLUMN: "the header has no “{column}” column",
    RowCode.HEADER_UNREADABLE: "the header cannot be read: {error}",
    RowCode.ROW_UNREADABLE: "cannot be read: {error}",
    RowCode.LIST_EMPTY: "the list is empty",
    RowCode.TOO_MANY_ROWS: "the list has {rows:,} rows; at most {max:,} at a time",
    RowCode.TOO_MANY_FIELDS: "has {fields} fields but the header has {columns}",
    RowCode.CONTROL_CHARACTERS: "the {column} must not contain control characters",
    RowCode.WORD_EMPTY: "the word is empty",
    RowCode.MEANING_EMPTY: "the meaning is empty",
    RowCode.TOO_LONG: "the {column} is longer than {max} characters",
    RowCode.EXAMPLE_LACKS_WORD: (
        "the example does not contain the word “{word}” (or a {blank} blank)"
    ),
    RowCode.DISTRACTOR_IS_WORD: "{column} is the same as the word",
    RowCode.DISTRACTOR_IS_MEANING: "{column} is the same as the meaning",
    RowCode.DISTRACTORS_SAME: "{first} and {second} are the same",
    RowCode.WORD_REPEATED: "“{word}” is already on line {line}",
    RowCode.NO_WORDS: "the list has a header but no words",
    RowCode.TOO_FEW_MEANINGS: "not enough other meanings in the list for {choices} choices",
    RowCode.TOO_FEW_WORDS: "not enough other words in the list for {choices} choices",
    RowCode.QUESTION_TOO_LONG: "the question would be longer than {max} characters",
    RowCode.QUIZ_TOO_FULL: (
        "the quiz would have {total:,} questions ({existing:,} and {adding:,} new); "
        "a quiz holds at most {max:,}"
    ),
}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem of a word list: `line` of the file (the header is line 1), None for the list
    as a whole; `params` fill the code's sentence."""

    line: int | None
    code: RowCode
    params: Mapping[str, str | int] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return ROW_REASONS[self.code].format(**self.params)


class RowsRejected(Unprocessable):
    """422 naming the bad rows of an uploaded list at once. `detail` is FastAPI's standard list
    of validation errors (loc ["body", line]); `errors` = [{line, reason, code, params}] says
    the same plainly. Both hold the first SHOWN problems; `error_count` counts them all."""

    SHOWN = 100

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__(f"{len(problems)} rows rejected", ErrorCode.WORD_LIST_REJECTED)
        self.problems = list(problems)

    def content(self) -> dict[str, object]:
        shown = self.problems[: self.SHOWN]
        return {
            "detail": [
                {
                    "type": "word_list",
                    "loc": ["body"] if p.line is None else ["body", p.line],
                    "msg": p.reason,
                }
                for p in shown
            ],
            "errors": [
                {"line": p.line, "reason": p.reason, "code": p.code, "params": dict(p.params)}
                for p in shown
            ],
            "error_count": len(self.problems),
            "code": self.code,
        }


class TooManyRequests(AppError):
    status_code = 429
    description = "Too many requests: try again after Retry-After seconds"

    def __init__(self, detail: str, code: ErrorCode, retry_after_s: float) -> None:
        super().__init__(detail, code)
        self.retry_after_s = max(1, math.ceil(retry_after_s))
        self.headers = {"Retry-After": str(self.retry_after_s)}

    def content(self) -> dict[str, object]:
        return {**super().content(), "retry_after_s": self.retry_after_s}


class Unavailable(AppError):
    status_code = 503
    description = "The database or Redis is unavailable: try again after Retry-After seconds"
    headers = {"Retry-After": "2"}


RETRY = {"Retry-After": "2"}


class ErrorOut(BaseModel):
    detail: str
    code: ErrorCode


class RowProblemOut(BaseModel):
    line: int | None
    reason: str
    code: RowCode
    params: dict[str, str | int]


class RowsRejectedOut(BaseModel):
    """A 422 of a word-list route: bad rows (`errors`, `error_count`, code word_list_rejected),
    or options out of range (FastAPI's validation list alone, code invalid_request)."""

    detail: list[dict[str, Any]]
    errors: list[RowProblemOut] = []
    error_count: int = 0
    code: ErrorCode


ROWS_REJECTED: dict[int | str, dict[str, Any]] = {
    422: {
        "model": RowsRejectedOut,
        "description": "The word list has bad rows, all named, and nothing was added; or an "
        "option is out of range",
    }
}


def responses(*kinds: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """The error responses a route can give, as FastAPI's `responses` for the API document."""
    return {k.status_code: {"model": ErrorOut, "description": k.description} for k in kinds}


def _validation_content(exc: RequestValidationError) -> dict[str, object]:
    """FastAPI's standard 422 list, without an `input` that JSON cannot carry back."""
    errors = jsonable_encoder(exc.errors())
    try:
        json.dumps(errors, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except ValueError:  # a NaN or a lone surrogate the client sent: say what is wrong, not echo it
        errors = [{k: v for k, v in error.items() if k != "input"} for error in errors]
    return {"detail": errors, "code": ErrorCode.INVALID_REQUEST}


def _is_connection_failure(exc: DBAPIError | asyncpg.PostgresError) -> bool:
    # SQLSTATE 08xxx: connection exception; 57Pxx: the server is shutting down or starting up.
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    sqlstate = str(getattr(orig, "sqlstate", None) or "")
    return (
        (isinstance(exc, DBAPIError) and exc.connection_invalidated)
        or sqlstate.startswith(("08", "57P"))
        or "connect" in str(orig).lower()
    )


def _unavailable(exc: Exception) -> tuple[ErrorCode, str] | None:
    """(code, message) when `exc` means a backend is away, else None."""
    # An asyncpg connection the server ended while it sat in the pool fails its next use with
    # an InterfaceError or, mid-protocol, an InternalClientError.
    broken = (PoolTimeout, asyncpg.InterfaceError, asyncpg.exceptions.InternalClientError)
    if isinstance(exc, broken) or (
        isinstance(exc, DBAPIError | asyncpg.PostgresError) and _is_connection_failure(exc)
    ):
        return ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable; try again in a moment"
    if isinstance(exc, RedisConnectionError | RedisTimeout):
        return (
            ErrorCode.REDIS_UNAVAILABLE,
            "The leaderboard store is unavailable; try again in a moment",
        )
    if isinstance(exc, OSError):
        return (
            ErrorCode.SERVICE_UNAVAILABLE,
            "A service vocabquiz depends on is unavailable; try again in a moment",
        )
    return None


def error_content(exc: Exception) -> tuple[int, dict[str, object], dict[str, str] | None]:
    """The response any exception of a request gets: (status, JSON content, headers). A backend
    that is away is a 503; anything unexpected is logged, reported and a bare 500."""
    if isinstance(exc, AppError):
        return exc.status_code, exc.content(), exc.headers
    if isinstance(exc, RequestValidationError):
        return 422, _validation_content(exc), None
    if isinstance(exc, HTTPException):  # the framework's own: no such path, or method
        codes = {404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD_NOT_ALLOWED}
        content: dict[str, object] = {
            "detail": exc.detail,
            "code": codes.get(exc.status_code, ErrorCode.INVALID_REQUEST),
        }
        return exc.status_code, content, dict(exc.headers) if exc.headers else None
    unavailable = _unavailable(exc)
    if unavailable is not None:
        code, detail = unavailable
        log.warning(code, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return 503, {"detail": detail, "code": code}, RETRY
    log.exception("unhandled_error", exc_info=exc)
    sentry_sdk.capture_exception(exc)  # a no-op unless Sentry is configured
    return 500, {"detail": "Internal server error", "code": ErrorCode.INTERNAL_ERROR}, None


async def _handle(_request: Request, exc: Exception) -> JSONResponse:
    status, content, headers = error_content(exc)
    return JSONResponse(content, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    # Each class its own handler, so that they are answered where raised; only `Exception` goes
    # through Starlette's outermost handler (which answers, then lets the server log the trace).
    kinds: tuple[type[Exception], ...] = (AppError, RequestValidationError, HTTPException)
    kinds += (DBAPIError,)
    kinds += (PoolTimeout, asyncpg.PostgresError, asyncpg.InterfaceError, RedisConnectionError)
    kinds += (RedisTimeout, OSError, Exception)
    for kind in kinds:
        app.add_exception_handler(kind, _handle)

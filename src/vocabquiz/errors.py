"""Domain errors and the one handler that maps them to `{"detail": ...}` responses."""

from __future__ import annotations

import json

import sentry_sdk
import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeout
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = structlog.get_logger(__name__)


class AppError(Exception):
    status_code = 400
    headers: dict[str, str] | None = None

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def content(self) -> dict[str, object]:
        return {"detail": self.detail}


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class Unprocessable(AppError):
    status_code = 422


class RowsRejected(Unprocessable):
    """422 naming every bad row of an uploaded list at once. `detail` is FastAPI's standard list
    of validation errors (loc ["body", line]); `errors` = [{line, reason}] says the same plainly."""

    def __init__(self, errors: list[tuple[int | None, str]]) -> None:
        super().__init__(f"{len(errors)} rows rejected")
        self.errors = errors

    def content(self) -> dict[str, object]:
        return {
            "detail": [
                {"type": "word_list", "loc": ["body"] if line is None else ["body", line], "msg": r}
                for line, r in self.errors
            ],
            "errors": [{"line": line, "reason": reason} for line, reason in self.errors],
        }


class Unavailable(AppError):
    status_code = 503
    headers = {"Retry-After": "2"}


async def _app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return JSONResponse(exc.content(), status_code=exc.status_code, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's standard 422 list, without an `input` that JSON cannot carry back."""
    assert isinstance(exc, RequestValidationError)
    errors = jsonable_encoder(exc.errors())
    try:
        json.dumps(errors, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except ValueError:  # a NaN or a lone surrogate the client sent: say what is wrong, not echo it
        errors = [{k: v for k, v in error.items() if k != "input"} for error in errors]
    return JSONResponse({"detail": errors}, status_code=422)


def _is_connection_failure(exc: DBAPIError) -> bool:
    # SQLSTATE 08xxx: connection exception; 57Pxx: the server is shutting down or starting up.
    sqlstate = str(getattr(exc.orig, "sqlstate", None) or "")
    return (
        exc.connection_invalidated
        or sqlstate.startswith(("08", "57P"))
        or "connect" in str(exc.orig).lower()
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, PoolTimeout) or (
        isinstance(exc, DBAPIError) and _is_connection_failure(exc)
    ):
        log.warning("database_unavailable", error=str(exc).splitlines()[0])
        return JSONResponse(
            {"detail": "The database is unavailable; try again in a moment"},
            status_code=503,
            headers={"Retry-After": "2"},
        )
    return await _unexpected(request, exc)


async def _redis_error(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("redis_unavailable", error=str(exc))
    return JSONResponse(
        {"detail": "The leaderboard store is unavailable; try again in a moment"},
        status_code=503,
        headers={"Retry-After": "2"},
    )


async def _connection_error(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("service_unavailable", error=str(exc))
    return JSONResponse(
        {"detail": "A service vocabquiz depends on is unavailable; try again in a moment"},
        status_code=503,
        headers={"Retry-After": "2"},
    )


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled_error", exc_info=exc)
    sentry_sdk.capture_exception(exc)  # a no-op unless Sentry is configured
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(PoolTimeout, _database_error)
    app.add_exception_handler(RedisConnectionError, _redis_error)
    app.add_exception_handler(RedisTimeout, _redis_error)
    app.add_exception_handler(OSError, _connection_error)
    app.add_exception_handler(Exception, _unexpected)

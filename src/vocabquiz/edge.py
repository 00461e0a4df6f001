"""The one ASGI layer in front of the app. Every request gets, in a single pass: a request id
(taken from X-Request-ID or made up, and sent back), the security headers, the body rules, the
request metrics and one log line.

The playing routes (`FastRoute`) are served from here directly: FastAPI's routing, dependency
solving and response validation cost several times the work of a served question or an answer.
FastAPI still documents them (their declarations live beside the other routes) and serves
everything else.
"""

from __future__ import annotations

import itertools
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qsl

import orjson
import structlog
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vocabquiz.errors import AppError, ErrorCode, TooManyRequests, error_content
from vocabquiz.http_guards import (
    Network,
    Refusal,
    body_limit,
    client_address,
    security_headers,
    too_large,
)
from vocabquiz.observability import metrics
from vocabquiz.rate_limits import CODE_LOOKUP, RateLimits

log = structlog.get_logger("vocabquiz.request")
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Made-up request ids: 16 random hex digits for this process, then a counter (no syscall for
# randomness per request).
_ID_PREFIX = uuid.uuid4().hex[:16]
_ids = itertools.count()
JSON = (b"content-type", b"application/json")


class TooLarge(AppError):
    status_code = 413


class HttpRequest:
    """What a playing route reads of its request."""

    __slots__ = ("_body_limit", "_headers", "params", "receive", "scope", "user_id")

    def __init__(
        self, scope: Scope, receive: Receive, params: dict[str, str], body_limit: int | None
    ) -> None:
        self.scope = scope
        self.receive = receive
        self.params = params
        self._body_limit = body_limit
        self._headers: dict[bytes, bytes] | None = None
        self.user_id: str | None = None  # for the log line

    @property
    def app_state(self) -> Any:
        return self.scope["app"].state.vocabquiz

    def header(self, name: bytes) -> bytes | None:
        if self._headers is None:
            self._headers = dict(self.scope["headers"])
        return self._headers.get(name)

    def query(self, name: str) -> str | None:
        query: bytes = self.scope["query_string"]
        for key, value in parse_qsl(query.decode("latin-1")):
            if key == name:
                return value
        return None

    async def body(self) -> bytes:
        """The whole body, refused with 413 past the route's limit."""
        limit = self._body_limit or 0
        chunks, size = [], 0
        while True:
            message = await self.receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise TooLarge(too_large(limit).detail, ErrorCode.BODY_TOO_LARGE)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


@dataclass(slots=True)
class Reply:
    status: int
    body: bytes
    headers: tuple[tuple[bytes, bytes], ...] = (JSON,)


def json_reply(content: object, status: int = 200) -> Reply:
    return Reply(status, orjson.dumps(content, option=orjson.OPT_UTC_Z))


def validation_error(loc: tuple[str | int, ...], message: str, value: object) -> Exception:
    """A 422 in FastAPI's standard shape, for a parameter a playing route checks itself."""
    return RequestValidationError(
        [{"type": "value_error", "loc": loc, "msg": message, "input": value}]
    )


class Streamed(Protocol):
    """A reply that writes its own response (the event stream), after the edge's headers."""

    async def respond(
        self, scope: Scope, receive: Receive, send: Send, extra: list[tuple[bytes, bytes]]
    ) -> None: ...


Handler = Callable[[HttpRequest], Awaitable[Reply | Streamed]]


@dataclass(frozen=True)
class FastRoute:
    method: str
    path: str  # a template such as /api/sessions/{code}/question: the metrics' handler label
    handler: Handler

    def match(self, method: str, segments: list[str]) -> dict[str, str] | None:
        if method != self.method:
            return None
        template = self.path.split("/")
        if len(template) != len(segments):
            return None
        params = {}
        for want, got in zip(template, segments, strict=True):
            if want.startswith("{"):
                if not got:
                    return None
                params[want[1:-1]] = got
            elif want != got:
                return None
        return params


class _RequestMetrics:
    """http_requests_total and http_request_duration_seconds, their children looked up once."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str, int], Any] = {}
        self._durations: dict[tuple[str, str], Any] = {}

    def observe(self, handler: str, method: str, status: int, seconds: float) -> None:
        key = (handler, method, status // 100)
        count = self._counts.get(key)
        if count is None:
            group = f"{status // 100}xx"
            count = self._counts[key] = metrics.HTTP_REQUESTS.labels(method, group, handler)
        count.inc()
        duration = self._durations.get(key[:2])
        if duration is None:
            duration = self._durations[key[:2]] = metrics.HTTP_DURATION.labels(method, handler)
        duration.observe(seconds)


# Paths that name a session code: a guess at a code is a request to one of them.
_NAMES_A_CODE = re.compile(r"^/api/(?:me/)?sessions/[^/]+(?:/|$)")


async def _charge(lookups: RateLimits, client: str | None) -> Reply | None:
    """Charge one code lookup to the client's bucket; the 429 to send when it is empty."""
    try:
        await lookups.check(CODE_LOOKUP, client or "unknown")
    except TooManyRequests as exc:
        return _error_reply(exc)
    return None


def _error_reply(exc: Exception) -> Reply:
    status, content, headers = error_content(exc)
    reply = json_reply(content, status)
    if headers:
        reply.headers += tuple((k.lower().encode(), v.encode()) for k, v in headers.items())
    return reply


class Edge:
    def __init__(
        self,
        app: ASGIApp,
        routes: list[FastRoute],
        trusted_proxies: Sequence[Network] = (),
        code_lookups: RateLimits | None = None,
    ) -> None:
        self.app = app
        self.routes = routes
        self._trusted = list(trusted_proxies)
        self._lookups = code_lookups
        self._metrics = _RequestMetrics()

    def _route(self, method: str, path: str) -> tuple[FastRoute, dict[str, str]] | None:
        segments = path.split("/")
        for route in self.routes:
            params = route.match(method, segments)
            if params is not None:
                return route, params
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        headers = dict(scope["headers"])
        if self._trusted:
            # Behind a trusted proxy the client is who it says it saw.
            peer = scope.get("client")
            forwarded = [v for k, v in scope["headers"] if k == b"x-forwarded-for"]
            client = client_address(peer[0] if peer else None, forwarded, self._trusted)
            scope["client"] = (client, 0) if client is not None else None
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if given and _VALID_ID.match(given) else f"{_ID_PREFIX}{next(_ids):016x}"
        structlog.contextvars.bind_contextvars(request_id=request_id)
        method, path = scope["method"], scope["path"]
        extra = [*security_headers(path), (b"x-request-id", request_id.encode())]
        found = self._route(method, path)
        handler, params, user_id, status = None, None, None, 500
        client = scope["client"][0] if scope.get("client") else None
        lookup = self._lookup_charged(path, client)
        try:
            limit = body_limit(method, path, headers)
            if isinstance(limit, Refusal):
                status = limit.status_code
                body = orjson.dumps({"detail": limit.detail, "code": limit.code})
                await _send_reply(send, Reply(status, body), extra)
            elif lookup is not None and (refused := await _charge(lookup, client)) is not None:
                lookup = None  # refused: nothing to give back
                status = refused.status
                await _send_reply(send, refused, extra)
            elif found is not None:
                route, params = found
                handler = route.path
                request = HttpRequest(scope, receive, params, limit)
                status = await self._serve(route, request, send, extra)
                user_id = request.user_id
            else:
                status = await self._forward(scope, receive, send, extra, limit)
        finally:
            if lookup is not None and status != 404:
                await lookup.refund(CODE_LOOKUP, client or "unknown")
            if handler is None:
                route_of = scope.get("route")
                handler = getattr(route_of, "path", None)
                params = scope.get("path_params")
                user_id = scope.get("state", {}).get("user_id")
            took = time.perf_counter() - start
            if path != "/metrics":
                self._metrics.observe(handler or "none", method, status, took)
            log.info(
                "request",
                method=method,
                route=handler or "unmatched",
                status=status,
                duration_ms=round(took * 1000, 2),
                user_id=user_id,
                session_code=(params or {}).get("code"),
            )
        # Left bound when the request failed, so that the error handler's line carries it too;
        # each request runs in its own task, so it ends with the task.
        structlog.contextvars.unbind_contextvars("request_id")

    def _lookup_charged(self, path: str, client: str | None) -> RateLimits | None:
        """The limits to charge when the request names a session code, and its client is not
        exempt from them."""
        if self._lookups is None or not _NAMES_A_CODE.match(path):
            return None
        return None if self._lookups.exempt(client) else self._lookups

    async def _serve(
        self, route: FastRoute, request: HttpRequest, send: Send, extra: list[tuple[bytes, bytes]]
    ) -> int:
        try:
            reply = await route.handler(request)
        except Exception as exc:
            reply = _error_reply(exc)
        if isinstance(reply, Reply):
            await _send_reply(send, reply, extra)
            return reply.status
        await reply.respond(request.scope, request.receive, send, extra)
        return 200

    async def _forward(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        extra: list[tuple[bytes, bytes]],
        limit: int | None,
    ) -> int:
        """To FastAPI, adding the headers on the way out and counting the body on the way in."""
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        if limit is None:
            await self.app(scope, receive, send_with_headers)
            return status
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException, so that the handler reading the body answers with it.
                    raise HTTPException(413, too_large(limit).detail)
            return message

        await self.app(scope, counted_receive, send_with_headers)
        return status


async def _send_reply(send: Send, reply: Reply, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [
        *reply.headers,
        (b"content-length", str(len(reply.body)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body})

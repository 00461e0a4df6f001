"""What every HTTP exchange must respect: browser security headers on the way out, JSON bodies on
the way in."""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The web app loads only its own files; Chakra UI writes its styles into <style> elements at run
# time, hence 'unsafe-inline' for styles (scripts get no such exception).
APP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's interactive API pages load Swagger UI / ReDoc from their CDN with an inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; worker-src 'self' blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")

_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"].startswith(DOCS_PATHS) else APP_CSP
        added = [*_COMMON, (b"content-security-policy", csp.encode())]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)


_BODY_METHODS = {"POST", "PUT", "PATCH"}
MAX_BODY_BYTES = 64 * 1024
# A whole quiz: up to 1000 questions of up to ~5 kB of UTF-8 each.
LARGE_BODIES = {("POST", "/api/quizzes"): 8 * 1024 * 1024}
# Word lists (quizzes/{id}/import and .../import/preview) come as CSV, as a body or a file upload:
# 2,000 rows of up to 6 fields of a few hundred characters.
WORD_LIST_PATH = re.compile(r"^/api/quizzes/[^/]+/import(/preview)?/?$")
WORD_LIST_BYTES = 4 * 1024 * 1024
WORD_LIST_TYPES = ("text/csv", "text/plain", "multipart/form-data")


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_json(content_type: str) -> bool:
    media_type = _media_type(content_type)
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class BodyRulesMiddleware:
    """API request bodies are JSON (415 otherwise, instead of a confusing 422) and small (413),
    whether the client announces their length or streams them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        has_body = "transfer-encoding" in headers or headers.get("content-length", "0") != "0"
        if not has_body:
            await self.app(scope, receive, send)
            return
        content_type = headers.get("content-type", "")
        if scope["method"] == "POST" and WORD_LIST_PATH.match(scope["path"]):
            if _media_type(content_type) not in WORD_LIST_TYPES:
                detail = "Send the word list as text/csv, or as a file in multipart/form-data"
                await _refuse(415, detail)(scope, receive, send)
                return
            limit = WORD_LIST_BYTES
        elif scope["path"].startswith("/api/") and not _is_json(content_type):
            await _refuse(415, "Send the body as JSON, with Content-Type: application/json")(
                scope, receive, send
            )
            return
        else:
            limit = LARGE_BODIES.get((scope["method"], scope["path"].rstrip("/")), MAX_BODY_BYTES)
        too_large_detail = f"The request body is larger than {limit // 1024} KiB"
        too_large = _refuse(413, too_large_detail)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await too_large(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException, so that the handler reading the body answers with it.
                    raise HTTPException(413, too_large_detail)
            return message

        await self.app(scope, counted_receive, send)


def _refuse(status_code: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status_code)

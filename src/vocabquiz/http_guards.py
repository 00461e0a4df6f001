"""What every HTTP exchange must respect: browser security headers on the way out, JSON bodies of
bounded size on the way in. The edge (edge.py) applies them to every request."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vocabquiz.errors import ErrorCode

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


_APP_HEADERS = [*_COMMON, (b"content-security-policy", APP_CSP.encode())]
_DOCS_HEADERS = [*_COMMON, (b"content-security-policy", DOCS_CSP.encode())]


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The browser security headers of a response to `path`."""
    return _DOCS_HEADERS if path.startswith(DOCS_PATHS) else _APP_HEADERS


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


@dataclass(frozen=True, slots=True)
class Refusal:
    status_code: int
    detail: str
    code: ErrorCode


def body_limit(method: str, path: str, headers: dict[bytes, bytes]) -> int | Refusal | None:
    """The byte limit of a request's body, a refusal before reading it (415: not JSON, 413:
    announced too large), or None when it has no body to limit. API bodies are JSON; word lists
    come as CSV."""
    if method not in _BODY_METHODS:
        return None
    length = headers.get(b"content-length")
    if b"transfer-encoding" not in headers and (length is None or length == b"0"):
        return None
    content_type = headers.get(b"content-type", b"").decode("latin-1")
    if method == "POST" and WORD_LIST_PATH.match(path):
        if _media_type(content_type) not in WORD_LIST_TYPES:
            return Refusal(
                415,
                "Send the word list as text/csv, or as a file in multipart/form-data",
                ErrorCode.WRONG_CONTENT_TYPE,
            )
        limit = WORD_LIST_BYTES
    elif path.startswith("/api/") and not _is_json(content_type):
        return Refusal(
            415,
            "Send the body as JSON, with Content-Type: application/json",
            ErrorCode.WRONG_CONTENT_TYPE,
        )
    else:
        limit = LARGE_BODIES.get((method, path.rstrip("/")), MAX_BODY_BYTES)
    if length is not None and (not length.isdigit() or int(length) > limit):
        return too_large(limit)
    return limit


def too_large(limit: int) -> Refusal:
    return Refusal(
        413, f"The request body is larger than {limit // 1024} KiB", ErrorCode.BODY_TOO_LARGE
    )


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(text: str) -> list[Network]:
    """Comma-separated networks such as `10.0.0.0/8,::1`."""
    return [ipaddress.ip_network(p.strip(), strict=False) for p in text.split(",") if p.strip()]


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(
    peer: str | None, forwarded_for: Sequence[bytes], trusted: Sequence[Network]
) -> str | None:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the last
    address of X-Forwarded-For that is not a trusted proxy (each proxy appends the address it
    saw, so the ones on the right are the trustworthy ones). A value that is not an IP address
    stops the walk: the last trusted hop stands for the client."""
    ip = _ip(peer) if peer is not None else None
    if ip is None or not any(ip in n for n in trusted):
        return peer
    hops = [h for value in forwarded_for for h in value.decode("latin-1").split(",")]
    client = str(ip)
    for hop in reversed(hops):
        address = _ip(hop)
        if address is None:
            break
        client = str(address)
        if not any(address in n for n in trusted):
            break
    return client

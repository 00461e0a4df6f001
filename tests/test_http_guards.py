"""Security headers, CORS, body size and content type limits."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import orjson
import pytest
from asgi_lifespan import LifespanManager

from tests.conftest import Api, Backend, question
from vocabquiz.app import create_app


@pytest.fixture
async def cors_api(backend: Backend) -> AsyncIterator[Api]:
    settings = backend.settings.model_copy(update={"cors_origins": "https://school.example"})
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client)


@pytest.mark.parametrize("path", ["/", "/join/K7P2QX", "/api/nothing", "/healthz", "/api/auth/me"])
async def test_security_headers_on_every_response(api: Api, path: str) -> None:
    r = await api.client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
    assert "unsafe-eval" not in csp


async def test_api_docs_get_their_own_policy(api: Api) -> None:
    r = await api.client.get("/docs")
    assert r.status_code == 200
    assert "https://cdn.jsdelivr.net" in r.headers["content-security-policy"]


async def test_cors_is_closed_by_default(api: Api) -> None:
    r = await api.client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    r = await api.client.options(
        "/api/auth/login",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in r.headers


async def test_cors_opens_for_configured_origins_only(cors_api: Api) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    r = await cors_api.client.options(
        "/api/auth/login", headers={"Origin": "https://school.example", **preflight}
    )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "https://school.example"
    r = await cors_api.client.options(
        "/api/auth/login", headers={"Origin": "https://evil.example", **preflight}
    )
    assert r.headers.get("access-control-allow-origin") != "https://evil.example"
    r = await cors_api.client.get("/healthz", headers={"Origin": "https://school.example"})
    assert r.headers["access-control-allow-origin"] == "https://school.example"


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""]
)
async def test_bodies_must_be_json(api: Api, content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = await api.client.post(
        "/api/auth/guest", content=b'{"display_name": "Ann"}', headers=headers
    )
    assert r.status_code == 415, r.text
    assert "application/json" in r.json()["detail"]


async def test_json_with_charset_is_json(api: Api) -> None:
    r = await api.client.post(
        "/api/auth/guest",
        content=b'{"display_name": "Ann"}',
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert r.status_code == 201, r.text


async def test_large_bodies_are_refused(api: Api) -> None:
    big = orjson.dumps({"display_name": "A" * 100_000})
    r = await api.client.post(
        "/api/auth/guest", content=big, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["detail"]

    # Without a Content-Length (chunked), the limit holds while the body streams in.
    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    r = await api.client.post(
        "/api/auth/guest", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413


async def test_a_whole_quiz_may_be_large(api: Api) -> None:
    admin = await api.admin()
    long_prompt = "Which word fits? " + "x" * 470
    body = {"title": "Big", "questions": [question(f"{i} {long_prompt}") for i in range(1000)]}
    assert len(orjson.dumps(body)) > 512 * 1024
    r = await api.client.post("/api/quizzes", json=body, headers=admin)
    assert r.status_code == 201, r.text[:300]
    body["description"] = "d" * 2000
    body["questions"] = body["questions"] * 20  # far beyond any valid quiz: refused unread
    r = await api.client.post("/api/quizzes", json=body, headers=admin)
    assert r.status_code == 413

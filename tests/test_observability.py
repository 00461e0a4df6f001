"""Request logs, error tracking through a real Sentry envelope, and the pool gauge."""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest
import sentry_sdk
from asgi_lifespan import LifespanManager

from tests.conftest import Api, Backend
from tests.sessions.game import answer, joined, open_session
from vocabquiz.app import create_app


class _Collector(BaseHTTPRequestHandler):
    envelopes: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.envelopes.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def sentry_server() -> Iterator[str]:
    """A stand-in for Sentry's ingest endpoint that keeps what it is sent; gives a DSN for it."""
    _Collector.envelopes = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/42"
    server.shutdown()
    server.server_close()
    sentry_sdk.init(dsn=None)  # no error tracking for the tests after this one


@pytest.fixture
async def failing_app(backend: Backend, sentry_server: str) -> AsyncIterator[Api]:
    settings = backend.settings.model_copy(
        update={"sentry_dsn": sentry_server, "environment": "staging"}
    )
    app = create_app(settings)

    async def boom() -> None:
        raise RuntimeError("the flux capacitor broke")

    app.add_api_route("/api/boom", boom)
    app.router.routes.insert(0, app.router.routes.pop())  # before the web app's catch-all

    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client)


async def test_unhandled_errors_reach_sentry(
    capsys: pytest.CaptureFixture[str], failing_app: Api
) -> None:
    r = await failing_app.client.get("/api/boom", headers={"X-Request-ID": "req-boom-1"})
    assert r.status_code == 500, r.text
    assert r.json() == {"detail": "Internal server error", "code": "internal_error"}, (
        r.content
    )  # no trace for the client
    sentry_sdk.flush(timeout=5)
    for _ in range(50):
        if _Collector.envelopes:
            break
        await asyncio.sleep(0.1)
    items = [
        json.loads(line)
        for envelope in _Collector.envelopes
        for line in envelope.splitlines()
        if line.startswith(b"{")
    ]
    events = [i for i in items if i.get("exception")]
    assert events, items
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["environment"] == "staging"
    assert event["release"].startswith("vocabquiz@")
    logged = capsys.readouterr().err
    assert '"unhandled_error"' in logged and "req-boom-1" in logged


def _requests(logged: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") == "request"]


async def test_every_request_is_logged_once_with_who_and_where(
    backend: Backend, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(
        backend.settings.model_copy(update={"log_level": "INFO", "log_format": "json"})
    )
    async with LifespanManager(app, startup_timeout=30):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            api = Api(client)
            _, code, quiz = await open_session(api)
            player = await joined(api, code, "Logged")
            capsys.readouterr()
            r = await client.post(
                "/api/auth/login", json={"username": "admin", "password": "not-the-password"}
            )
            result = await answer(api, code, player, quiz)
            given = await client.get("/healthz", headers={"X-Request-ID": "trace-me-42"})
            made_up = await client.get("/healthz", headers={"X-Request-ID": "bad id\n"})
    logged = capsys.readouterr().err
    lines = _requests(logged)
    assert r.status_code == 401 and result["score"] > 0
    assert given.headers["x-request-id"] == "trace-me-42"
    assert (
        made_up.headers["x-request-id"] != "bad id\n" and len(made_up.headers["x-request-id"]) == 32
    )
    answered = [line for line in lines if line["route"] == "/api/sessions/{code}/answers"]
    assert len(answered) == 1
    line = answered[0]
    assert line["method"] == "POST" and line["status"] == 200 and line["session_code"] == code
    assert line["user_id"] and line["duration_ms"] >= 0 and line["request_id"]
    assert next(x["request_id"] for x in lines if x["route"] == "/healthz") == "trace-me-42"
    # Never a password or a token.
    assert "not-the-password" not in logged
    assert player["Authorization"].split()[1] not in logged


@pytest.mark.parametrize("backend", ["production"], indirect=True)  # PostgreSQL's pool
async def test_pool_gauge_follows_the_connections(api: Api) -> None:
    await asyncio.gather(*(api.admin() for _ in range(3)))
    await asyncio.sleep(1.2)
    text = (await api.client.get("/metrics")).text
    values = {
        line.split("{")[1].split("}")[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("vocabquiz_db_pool_connections{")
    }
    assert values['state="in_use"'] == 0
    assert values['state="idle"'] >= 1

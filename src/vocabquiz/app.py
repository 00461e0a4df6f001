"""create_app(settings) -> FastAPI; the lifespan builds and closes the shared state."""

from __future__ import annotations

import asyncio
import gc
import signal
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from types import FrameType

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import text
from starlette.requests import Request
from starlette.types import ASGIApp

from vocabquiz.auth import service as auth_service
from vocabquiz.auth.accounts import Accounts
from vocabquiz.auth.passwords import configure_hashing
from vocabquiz.auth.router import router as auth_router
from vocabquiz.auth.tokens import TokenReader
from vocabquiz.db import migrate, open_database, report_pool
from vocabquiz.edge import Edge, FastRoute, HttpRequest, Reply
from vocabquiz.errors import ErrorCode, Unavailable, install_error_handlers, responses
from vocabquiz.http_guards import Network, networks
from vocabquiz.jobs.router import router as jobs_router
from vocabquiz.jobs.running import start_jobs
from vocabquiz.jobs.tasks import JobContext
from vocabquiz.join_link import router as join_link_router
from vocabquiz.leaderboard.broadcaster import Broadcaster
from vocabquiz.observability import metrics
from vocabquiz.observability.logging import configure_logging
from vocabquiz.observability.sentry import init_sentry
from vocabquiz.quizzes.router import router as quizzes_router
from vocabquiz.rate_limits import RateLimits, build_code_lookups, build_rate_limits
from vocabquiz.redis_client import connect_redis
from vocabquiz.replica import report_replica
from vocabquiz.sessions import play_routes
from vocabquiz.sessions.router import router as sessions_router
from vocabquiz.sessions.wiring import start_sessions
from vocabquiz.settings import Settings, resolve_secret_key
from vocabquiz.state import AppState
from vocabquiz.teachers.router import router as teachers_router

log = structlog.get_logger(__name__)
DEFAULT_WEB_DIR = Path(__file__).resolve().parents[2] / "frontend" / "dist"


def _operation_id(route: APIRoute) -> str:
    """Readable operation ids for the generated client: the handler's name."""
    return route.name


async def _build_state(settings: Settings) -> AppState:
    secret_key, generated = resolve_secret_key(settings)
    if generated:
        log.warning(
            "secret_key_generated",
            detail="VOCABQUIZ_SECRET_KEY is not set; using a key kept beside the SQLite database",
        )
    await migrate(settings.database_url)
    database = open_database(settings)
    redis = connect_redis(settings)
    sessions = await start_sessions(settings, database, redis)
    if settings.admin_username and settings.admin_password:
        async with database.sessions() as db:
            if await auth_service.ensure_account(
                db, settings.admin_username, settings.admin_password, "admin"
            ):
                log.info("admin_created", username=settings.admin_username)
    jobs = await start_jobs(JobContext(settings, database, sessions), settings.serve_runs_jobs)
    return AppState(
        settings=settings,
        secret_key=secret_key,
        tokens=TokenReader(secret_key),
        accounts=Accounts(sessions.play.store.account, settings.account_check_interval_s),
        database=database,
        redis=redis,
        sessions=sessions,
        limits=build_rate_limits(settings, redis),
        jobs=jobs,
    )


async def _close_state(state: AppState) -> None:
    await state.jobs.close()
    await state.sessions.close()
    if state.redis is not None:
        await state.redis.aclose()
    await state.database.dispose()


def _end_streams_on_exit_signals(broadcaster: Broadcaster) -> Callable[[], None]:
    """On SIGTERM/SIGINT, end the event streams at once and then let the server's own handler
    run: otherwise open streams would hold up the graceful shutdown until its timeout."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def handler(sig: int, frame: FrameType | None) -> None:
        broadcaster.end_streams()
        chained = previous[signal.Signals(sig)]
        if callable(chained):
            chained(sig, frame)

    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


class VocabquizApp(FastAPI):
    """FastAPI with the edge in front of its whole middleware stack."""

    fast_routes: list[FastRoute]
    cors_origins: list[str]
    trusted_proxies: list[Network]
    code_lookups: RateLimits

    def build_middleware_stack(self) -> ASGIApp:
        app: ASGIApp = Edge(
            super().build_middleware_stack(),
            self.fast_routes,
            self.trusted_proxies,
            self.code_lookups,
        )
        if self.cors_origins:
            # Outermost, so that the playing routes get the headers too.
            app = CORSMiddleware(
                app,
                allow_origins=self.cors_origins,
                allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                expose_headers=["Retry-After", "X-Request-ID"],
                max_age=600,
            )
        return app


def create_app(settings: Settings) -> FastAPI:
    configure_logging(settings)
    init_sentry(settings)
    configure_hashing(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = await _build_state(settings)
        app.state.vocabquiz = state
        restore_signals = _end_streams_on_exit_signals(state.sessions.broadcaster)
        gauges = [
            asyncio.create_task(
                report_pool(state.database.engine, state.sessions.play.store.connection_counts)
            )
        ]
        if state.database.replica is not None:
            gauges.append(asyncio.create_task(report_replica(state.database.replica)))
        metrics.count_tasks(asyncio.get_running_loop())
        # What exists now (modules, the app, its state) lives as long as the process: keep it
        # out of the garbage collector's full passes, which otherwise stop every request for
        # a tenth of a second each on a small machine.
        gc.collect()
        gc.freeze()
        log.info(
            "started", database=state.database.engine.dialect.name, redis=state.redis is not None
        )
        try:
            yield
        finally:
            restore_signals()
            for gauge in gauges:
                gauge.cancel()
            await _close_state(state)
            metrics.forget_this_process()

    app = VocabquizApp(
        title="vocabquiz",
        version="0.1.0",
        summary="Real-time vocabulary quizzes with a live leaderboard",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        # Any route that reaches the database or Redis can find it away.
        responses=responses(Unavailable),
    )
    app.fast_routes = [*play_routes.ROUTES, *OPERATIONS]
    app.cors_origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    app.trusted_proxies = networks(settings.trusted_proxies)
    app.code_lookups = build_code_lookups(settings)
    install_error_handlers(app)
    app.include_router(auth_router)
    app.include_router(join_link_router)
    app.include_router(quizzes_router)
    app.include_router(sessions_router)
    app.include_router(jobs_router)
    app.include_router(teachers_router)
    _add_operations(app)
    _serve_web_app(app, settings.web_dir or DEFAULT_WEB_DIR)
    return app


_HEALTHY = Reply(200, b'{"status":"ok"}')


async def _healthz(_request: HttpRequest) -> Reply:
    return _HEALTHY


async def _metrics(request: HttpRequest) -> Reply:
    body, headers = metrics.exposition(request.header(b"accept-encoding") or b"")
    return Reply(200, body, tuple(headers))


OPERATIONS = [FastRoute("GET", "/healthz", _healthz), FastRoute("GET", "/metrics", _metrics)]


def _add_operations(app: FastAPI) -> None:
    # Served by the edge (OPERATIONS); declared here for the API document.
    @app.get("/healthz", tags=["operations"])
    async def healthz() -> dict[str, str]:
        raise NotImplementedError

    @app.get("/readyz", tags=["operations"])
    async def readyz(request: Request) -> JSONResponse:
        state: AppState = request.app.state.vocabquiz
        down = []
        try:
            async with state.database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            down.append("database")
        if state.redis is not None:
            try:
                await state.redis.ping()
            except Exception:
                down.append("redis")
        if down:
            return JSONResponse({"status": "unavailable", "down": down}, status_code=503)
        replica = state.database.replica
        if replica is not None and await replica.lag_bytes() is None:
            # Reads meant for it go to the primary meanwhile: ready, with less room.
            return JSONResponse({"status": "ok", "degraded": ["replica"]})
        return JSONResponse({"status": "ok"})


def _serve_web_app(app: FastAPI, web_dir: Path) -> None:
    """The built web app at `/`; any other path that is not the API loads it (deep links)."""
    root = web_dir.resolve()

    @app.get("/{path:path}", include_in_schema=False, response_model=None)
    async def web_app(path: str) -> FileResponse | JSONResponse:
        if path == "api" or path.startswith("api/"):
            return JSONResponse(
                {"detail": "Not Found", "code": ErrorCode.NOT_FOUND}, status_code=404
            )
        index = root / "index.html"
        if not index.is_file():
            return JSONResponse(
                {"detail": "The web app is not built: run `make run`", "code": ErrorCode.NOT_FOUND},
                status_code=404,
            )
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            headers = (
                {"Cache-Control": "public, max-age=31536000, immutable"}
                if path.startswith("assets/")
                else None
            )
            return FileResponse(candidate, headers=headers)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

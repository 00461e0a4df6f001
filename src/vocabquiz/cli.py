"""The `vocabquiz` command: serve, admin, demo, db."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError

from vocabquiz.settings import Settings, SettingsError, load_settings

cli = typer.Typer(help="vocabquiz: real-time vocabulary quizzes.", no_args_is_help=True)
admin_cli = typer.Typer(help="Manage admin and teacher accounts.", no_args_is_help=True)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(admin_cli, name="admin")
cli.add_typer(db_cli, name="db")


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        typer.echo(f"vocabquiz: {exc}", err=True)
        raise typer.Exit(2) from None


def app_from_environment() -> FastAPI:
    """The app factory uvicorn calls in each worker process."""
    from vocabquiz.app import create_app

    return create_app(load_settings())


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (needs Redis above 1).")
    ] = 1,
) -> None:
    """Serve the API and the web app (applies pending database migrations first)."""
    settings = _settings()
    if workers > 1 and not settings.redis_url:
        typer.echo(
            "vocabquiz: --workers above 1 needs VOCABQUIZ_REDIS_URL: without Redis the leaderboard "
            "and its events live in one process and other workers would not see them",
            err=True,
        )
        raise typer.Exit(2)
    try:
        from vocabquiz.settings import resolve_secret_key

        if resolve_secret_key(settings)[1]:
            typer.echo(
                "vocabquiz: VOCABQUIZ_SECRET_KEY is not set: generated a signing key and kept it "
                "beside the SQLite database (set the variable in production)",
                err=True,
            )
    except SettingsError as exc:
        typer.echo(f"vocabquiz: {exc}", err=True)
        raise typer.Exit(2) from None
    asyncio.run(_migrate(settings))
    from vocabquiz.server import StreamingHttpToolsProtocol

    # The app tells the teacher's screens where learners can join (join_link.py); workers
    # inherit it.
    os.environ["VOCABQUIZ_LISTEN_HOST"] = host

    config = uvicorn.Config(
        "vocabquiz.cli:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http=StreamingHttpToolsProtocol,
        # The edge reads X-Forwarded-For itself, from VOCABQUIZ_TRUSTED_PROXIES only.
        proxy_headers=False,
        server_header=False,
        access_log=False,
        # Read by the protocol as the limits on each request's head (see server.py).
        timeout_keep_alive=settings.request_head_timeout_s,
        h11_max_incomplete_event_size=settings.max_request_head_kib * 1024,
        timeout_graceful_shutdown=8,
        # A busy worker may miss uvicorn's 5 s health check: that is load, not a hang.
        timeout_worker_healthcheck=30,
        log_level=settings.log_level.lower(),
    )
    if workers > 1:
        from uvicorn.supervisors import Multiprocess

        with _shared_metrics_dir():
            Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()


@cli.command()
def worker() -> None:
    """Run the background jobs on PostgreSQL (word-list imports, housekeeping) until SIGTERM;
    the instances can then leave them (VOCABQUIZ_SERVE_RUNS_JOBS=false)."""
    settings = _settings()
    if settings.is_sqlite:
        typer.echo(
            "vocabquiz: the worker needs PostgreSQL; on SQLite `vocabquiz serve` runs the jobs",
            err=True,
        )
        raise typer.Exit(2)
    from vocabquiz.jobs.running import work
    from vocabquiz.observability.logging import configure_logging

    configure_logging(settings)
    asyncio.run(_migrate(settings))
    asyncio.run(work(settings))


@contextmanager
def _shared_metrics_dir() -> Iterator[None]:
    """Workers write their metrics to files in one folder, so that one scrape of any worker
    shows them all (prometheus_client's multiprocess mode)."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        for stale in Path(given).glob("*.db"):  # left by an earlier run
            stale.unlink()
        yield
        return
    with tempfile.TemporaryDirectory(prefix="vocabquiz-metrics-") as folder:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        try:
            yield
        finally:
            del os.environ["PROMETHEUS_MULTIPROC_DIR"]


async def _migrate(settings: Settings) -> None:
    from vocabquiz.db import migrate

    await migrate(settings.database_url)


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations and exit."""
    asyncio.run(_migrate(_settings()))
    typer.echo("Database is up to date.")


def _create_account(username: str, password: str | None, role: str) -> None:
    from vocabquiz.auth.schemas import RegisterIn

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        RegisterIn(username=username, password=password)
    except ValidationError as exc:
        first = exc.errors()[0]
        typer.echo(f"vocabquiz: {first['loc'][0]}: {first['msg']}", err=True)
        raise typer.Exit(2) from None
    settings = _settings()
    created = asyncio.run(_ensure_account(settings, username, password, role))
    if not created:
        typer.echo(f"vocabquiz: the username {username!r} is already taken", err=True)
        raise typer.Exit(1)
    typer.echo(f"{role.capitalize()} {username} created.")


_USERNAME = typer.Option(help="3-32 of A-Z a-z 0-9 _ . -")
_PASSWORD = typer.Option(help="8-128 characters; prompted for when left out.")


@admin_cli.command("create")
def admin_create(
    username: Annotated[str, _USERNAME], password: Annotated[str | None, _PASSWORD] = None
) -> None:
    """Create an admin account."""
    _create_account(username, password, "admin")


@admin_cli.command("create-teacher")
def admin_create_teacher(
    username: Annotated[str, _USERNAME], password: Annotated[str | None, _PASSWORD] = None
) -> None:
    """Create a teacher account: their own quizzes, sessions and results."""
    _create_account(username, password, "teacher")


async def _ensure_account(settings: Settings, username: str, password: str, role: str) -> bool:
    from vocabquiz.auth import service
    from vocabquiz.auth.passwords import configure_hashing
    from vocabquiz.db import open_database

    configure_hashing(settings)
    await _migrate(settings)
    database = open_database(settings)
    try:
        async with database.sessions() as db:
            return await service.ensure_account(db, username, password, role)
    finally:
        await database.dispose()


@admin_cli.command("revoke")
def admin_revoke(username: Annotated[str, typer.Argument(help="The account's username.")]) -> None:
    """Sign a user out everywhere: every token issued to them so far stops working."""
    if not asyncio.run(_revoke(_settings(), username)):
        typer.echo(f"vocabquiz: no account is called {username!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Every token of {username} is revoked; they sign in again to get a new one.")


async def _revoke(settings: Settings, username: str) -> bool:
    from vocabquiz.auth import service
    from vocabquiz.db import open_database

    await _migrate(settings)
    database = open_database(settings)
    try:
        async with database.sessions() as db:
            return await service.revoke_tokens(db, username)
    finally:
        await database.dispose()


@cli.command()
def demo() -> None:
    """Load the demo vocabulary quiz and open a session of it; prints the join code."""
    from vocabquiz.demo import load_demo

    settings = _settings()
    code = asyncio.run(load_demo(settings))
    typer.echo(f"Demo quiz loaded. Join code: {code}")


def main() -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    cli()

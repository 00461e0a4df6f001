"""Background jobs on both backends: a long word list is added by a job whose progress can be
read, a job's failure says why, housekeeping closes idle sessions, deletes unused old guests and
rebuilds standings left behind; on PostgreSQL, `vocabquiz worker` processes take the jobs, two of
them racing for the periodic one run it once per period, and SIGTERM stops one cleanly."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import update

from tests.conftest import Api, Backend
from tests.servers import VOCABQUIZ, server_env, start, stop
from tests.sessions.game import answer, joined, open_session
from vocabquiz.app import create_app
from vocabquiz.auth.models import User
from vocabquiz.db import utcnow
from vocabquiz.errors import ErrorCode
from vocabquiz.jobs.queue import UNEXPLAINED, JobFailed, _message
from vocabquiz.jobs.tasks import IMPORT
from vocabquiz.quizzes import service as quiz_service
from vocabquiz.sessions.models import QuizSession

CSV = {"Content-Type": "text/csv; charset=utf-8"}
ROWS = 120  # over the threshold these tests set


def _word_list(rows: int) -> bytes:
    lines = "".join(f"word{i},meaning number {i}\n" for i in range(rows))
    return ("word,meaning\n" + lines).encode()


@pytest.fixture
async def jobs_app(backend: Backend) -> AsyncIterator[FastAPI]:
    settings = backend.settings.model_copy(
        update={
            "import_background_rows": 100,
            "housekeeping_interval_s": 1,
            "idle_session_close_s": 60,
            "guest_kept_s": 60,
            "account_check_interval_s": 0,
            "serve_runs_jobs": True,
        }
    )
    application = create_app(settings)
    async with LifespanManager(application, startup_timeout=30, shutdown_timeout=30):
        yield application


@pytest.fixture
async def jobs_api(jobs_app: FastAPI) -> AsyncIterator[Api]:
    transport = httpx.ASGITransport(app=jobs_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield Api(client)


async def _until_finished(api: Api, job_id: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Every state read while polling, up to the finished one (bounded)."""
    seen = []
    async with asyncio.timeout(30):
        while True:
            r = await api.client.get(f"/api/jobs/{job_id}", headers=headers)
            assert r.status_code == 200, r.text
            seen.append(r.json())
            if seen[-1]["status"] in ("done", "failed"):
                return seen
            await asyncio.sleep(0.05)


async def test_a_long_word_list_is_added_by_a_job_the_admin_can_follow(jobs_api: Api) -> None:
    api = jobs_api
    admin = await api.admin()
    r = await api.client.post("/api/quizzes", json={"title": "Big"}, headers=admin)
    quiz_id = r.json()["id"]
    r = await api.client.post(
        f"/api/quizzes/{quiz_id}/import?direction=both",
        content=_word_list(ROWS),
        headers={**admin, **CSV},
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["kind"] == IMPORT and job["status"] in ("queued", "running", "done")
    seen = await _until_finished(api, job["id"], admin)
    done = seen[-1]
    assert done["status"] == "done" and done["progress"] == 1 and done["error"] is None
    assert done["error_code"] is None
    assert done["result"] == {"quiz_id": quiz_id, "added": 2 * ROWS, "question_count": 2 * ROWS}
    progress = [s["progress"] for s in seen]
    assert progress == sorted(progress) and all(0 <= p <= 1 for p in progress)
    quiz = (await api.client.get(f"/api/quizzes/{quiz_id}", headers=admin)).json()
    assert len(quiz["questions"]) == 2 * ROWS
    assert [q["position"] for q in quiz["questions"]] == list(range(2 * ROWS))
    # Nobody else reads it; a job that never was is as unknown.
    player = await api.player("nosy")
    assert (await api.client.get(f"/api/jobs/{job['id']}", headers=player)).status_code == 403
    assert (await api.client.get("/api/jobs/nothing", headers=admin)).status_code == 404


async def test_a_list_that_cannot_fit_or_has_bad_rows_is_refused_at_once(
    jobs_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quiz_service, "MAX_QUESTIONS", 2 * ROWS - 1)
    api = jobs_api
    admin = await api.admin()
    quiz_id = (await api.client.post("/api/quizzes", json={"title": "B"}, headers=admin)).json()[
        "id"
    ]
    bad = _word_list(ROWS) + b"lonely\n"
    r = await api.client.post(
        f"/api/quizzes/{quiz_id}/import", content=bad, headers={**admin, **CSV}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["line"] == ROWS + 2
    r = await api.client.post(
        f"/api/quizzes/{quiz_id}/import?direction=both",
        content=_word_list(ROWS),
        headers={**admin, **CSV},
    )
    assert r.status_code == 422 and "at most 239" in r.json()["errors"][0]["reason"]
    quiz = (await api.client.get(f"/api/quizzes/{quiz_id}", headers=admin)).json()
    assert quiz["questions"] == []


async def test_a_job_that_cannot_be_done_fails_with_the_reason_and_adds_nothing(
    jobs_api: Api, jobs_app: FastAPI
) -> None:
    api = jobs_api
    admin, _, quiz = await open_session(api, questions=2)
    admin_id = (await api.client.get("/api/auth/me", headers=admin)).json()["id"]
    questions = [
        {
            "prompt": "New?",
            "choices": [{"text": "a", "correct": True}, {"text": "b", "correct": False}],
        }
    ]
    # The session opened after the list was read: the job finds the quiz locked.
    queue = jobs_app.state.vocabquiz.jobs.queue
    job_id = await queue.enqueue(
        IMPORT, {"quiz_id": quiz["id"], "questions": questions}, owner_id=admin_id
    )
    failed = (await _until_finished(api, job_id, admin))[-1]
    assert failed["status"] == "failed"
    assert failed["error"] == "This quiz has an open session; close it before changing questions"
    assert failed["error_code"] == "quiz_locked"
    stored = (await api.client.get(f"/api/quizzes/{quiz['id']}", headers=admin)).json()
    assert len(stored["questions"]) == 2


async def test_housekeeping_closes_idle_sessions_deletes_old_guests_and_rebuilds_standings(
    jobs_api: Api, jobs_app: FastAPI
) -> None:
    api = jobs_api
    state = jobs_app.state.vocabquiz
    admin, idle, _ = await open_session(api)
    _, busy, busy_quiz = await open_session(api)
    player = await joined(api, busy, "Ann")
    await answer(api, busy, player, busy_quiz)
    unused = await api.guest("Unused")
    unused_id = (await api.client.get("/api/auth/me", headers=unused)).json()["id"]
    long_ago = utcnow() - timedelta(minutes=5)
    async with state.database.sessions() as db:
        await db.execute(
            update(QuizSession)
            .where(QuizSession.code.in_([idle, busy]))
            .values(created_at=long_ago)
        )
        await db.execute(update(User).where(User.is_guest).values(created_at=long_ago))
        await db.commit()
    # The busy session's standings as a crash would leave them: its answer missing.
    await state.sessions.play.standings.store.load(busy, [], 0)

    async def tidied() -> bool:
        idle_status = (await api.client.get(f"/api/sessions/{idle}", headers=admin)).json()
        board = (await api.client.get(f"/api/sessions/{busy}/leaderboard", headers=admin)).json()
        guest = await api.client.get("/api/auth/me", headers=unused)
        return (
            idle_status["status"] == "closed"
            and board["participant_count"] == 1
            and board["entries"][0]["answered_count"] == 1
            and guest.status_code == 401
        )

    for _ in range(75):  # the job runs every second: bounded at 15 s
        if await tidied():
            break
        await asyncio.sleep(0.2)
    assert await tidied()
    # Answering recently keeps a session open and its players' accounts.
    assert (await api.client.get(f"/api/sessions/{busy}", headers=admin)).json()["status"] == "open"
    assert (await api.client.get("/api/auth/me", headers=player)).status_code == 200
    async with state.database.sessions() as db:
        assert await db.get(User, unused_id) is None


# --- vocabquiz worker processes -------------------------------------------------------------------


async def _housekeeping_rows(database_url: str) -> list[tuple[str, dict[str, Any]]]:
    conn = await asyncpg.connect("postgresql://" + database_url.split("://", 1)[1])
    try:
        rows = await conn.fetch(
            "SELECT key, job FROM saq_jobs WHERE key LIKE 'housekeeping:1:%' ORDER BY key"
        )
    finally:
        await conn.close()
    return [(r["key"], json.loads(r["job"])) for r in rows]


def test_two_workers_racing_run_the_periodic_job_once_per_period(
    shared_database: str, tmp_path: Path
) -> None:
    env = server_env(shared_database)
    env["VOCABQUIZ_HOUSEKEEPING_INTERVAL_S"] = "1"
    workers = [start([VOCABQUIZ, "worker"], tmp_path / f"worker{i}.log", env) for i in (1, 2)]
    try:
        deadline = time.monotonic() + 60  # two processes starting on a busy machine
        while True:
            time.sleep(1)
            rows = asyncio.run(_housekeeping_rows(shared_database))
            if len(rows) >= 4 or time.monotonic() > deadline:
                break
        periods = sorted(int(key.rsplit(":", 1)[1]) for key, _ in rows)
        assert len(periods) >= 4, rows
        # One job per period, each run once (keys are unique), and no period skipped.
        assert periods == list(range(periods[0], periods[0] + len(periods)))
        finished = [job for _, job in rows if job["status"] == "complete"]
        assert len(finished) >= len(rows) - 1  # the current period's may still run
        assert all(job["attempts"] == 1 for job in finished)
        # Both offered every period: each worker's log shows it started, neither failed.
        for i in (1, 2):
            log = (tmp_path / f"worker{i}.log").read_text()
            assert "worker_started" in log and "Traceback" not in log, log[-2000:]
        # SIGTERM: each stops on its own, at once when idle.
        began = time.monotonic()
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            assert worker.wait(timeout=20) == 0
        assert time.monotonic() - began < 10
        assert "worker_stopped" in (tmp_path / "worker1.log").read_text()
    finally:
        stop(*workers)


def test_the_worker_refuses_sqlite(tmp_path: Path) -> None:
    env = server_env(f"sqlite+aiosqlite:///{tmp_path}/x.db")
    done = subprocess.run(
        [VOCABQUIZ, "worker"],
        env={**os.environ, **env},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert b"needs PostgreSQL" in done.stderr


def test_a_saq_jobs_failure_is_read_back_with_its_code_from_the_traceback() -> None:
    failed = JobFailed("The quiz was deleted: nothing was added", ErrorCode.QUIZ_NOT_FOUND)
    traceback = (
        f"Traceback (most recent call last):\n  ...\n{JobFailed.__module__}.JobFailed: {failed}"
    )
    assert _message(traceback) == ("The quiz was deleted: nothing was added", "quiz_not_found")
    # Anything else (a crash, a job of an older version) is the plain notice.
    for other in (
        None,
        "Traceback ...\nKeyError: 'quiz_id'",
        "JobFailed: an old job, with no code",
    ):
        assert _message(other) == (UNEXPLAINED, ErrorCode.INTERNAL_ERROR)

"""Where jobs wait, and how their state is read back.

On PostgreSQL, saq's queue kept in the app's own database: any number of `vocabquiz worker` (and
`vocabquiz serve`) processes take jobs from it, and a job key taken once is not taken again,
which is how a periodic job runs once per period however many processes schedule it. On SQLite
(the embedded default) jobs run as tasks of the serving process: there is only one."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

import structlog
from psycopg_pool import AsyncConnectionPool
from saq.job import Job, Status
from saq.queue.postgres import PostgresQueue

from vocabquiz.errors import ErrorCode

log = structlog.get_logger(__name__)

JobStatus = Literal["queued", "running", "done", "failed"]
# What the owner reads of an unexpected failure (the log has the traceback).
UNEXPLAINED = "The job failed; the log of the process that ran it says why"
UNEXPLAINED_CODE = ErrorCode.INTERNAL_ERROR
# How long a finished job's state can still be read.
KEPT_S = 600


@dataclass(frozen=True, slots=True)
class JobState:
    id: str
    kind: str
    owner_id: str | None
    status: JobStatus
    progress: float
    result: dict[str, Any] | None
    error: str | None
    error_code: ErrorCode | None = None


class JobFailed(Exception):
    """A job's expected failure: `detail` is what the job's owner reads, `code` names it for a
    client to say in the owner's language. Its text is "code: detail", which is how a saq job's
    traceback keeps both."""

    def __init__(self, detail: str, code: ErrorCode) -> None:
        super().__init__(f"{code}: {detail}")
        self.detail = detail
        self.code = code


Progress = Callable[[float], Awaitable[None]]
# Runs one job of a kind with its arguments, reporting progress; returns its result.
Runner = Callable[[str, dict[str, Any], Progress], Awaitable[dict[str, Any] | None]]


class JobQueue(Protocol):
    async def enqueue(
        self,
        kind: str,
        arguments: dict[str, Any],
        owner_id: str | None = None,
        key: str | None = None,
        timeout_s: int = 60,
    ) -> str | None:
        """The new job's id, or None when a job of this key was already taken."""

    async def state(self, job_id: str) -> JobState | None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class InProcessQueue:
    """Jobs as tasks of this process, one at a time, in the order they came."""

    def __init__(self, run: Runner) -> None:
        self._run = run
        self._jobs: dict[str, tuple[JobState, float]] = {}  # id -> (state, when finished)
        self._waiting: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def enqueue(
        self,
        kind: str,
        arguments: dict[str, Any],
        owner_id: str | None = None,
        key: str | None = None,
        timeout_s: int = 60,
    ) -> str | None:
        job_id = key or uuid.uuid4().hex
        if job_id in self._jobs:
            return None
        self._forget_old()
        self._jobs[job_id] = (JobState(job_id, kind, owner_id, "queued", 0.0, None, None), 0.0)
        self._waiting.put_nowait((job_id, arguments))
        return job_id

    async def state(self, job_id: str) -> JobState | None:
        found = self._jobs.get(job_id)
        return None if found is None else found[0]

    async def start(self) -> None:
        self._task = asyncio.create_task(self._work(), name="jobs")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def _set(self, job_id: str, finished: bool = False, **changes: Any) -> None:
        state = replace(self._jobs[job_id][0], **changes)
        self._jobs[job_id] = (state, time.monotonic() if finished else 0.0)

    def _forget_old(self) -> None:
        cutoff = time.monotonic() - KEPT_S
        for job_id, (_, finished) in list(self._jobs.items()):
            if 0 < finished < cutoff:
                del self._jobs[job_id]

    async def _work(self) -> None:
        while True:
            job_id, arguments = await self._waiting.get()
            self._set(job_id, status="running")

            async def progress(fraction: float, job_id: str = job_id) -> None:
                self._set(job_id, progress=fraction)

            try:
                result = await self._run(self._jobs[job_id][0].kind, arguments, progress)
            except JobFailed as exc:
                self._set(job_id, True, status="failed", error=exc.detail, error_code=exc.code)
            except Exception:
                log.exception("job_failed", job=job_id)
                self._set(
                    job_id, True, status="failed", error=UNEXPLAINED, error_code=UNEXPLAINED_CODE
                )
            else:
                self._set(job_id, True, status="done", progress=1.0, result=result)


_STATUS: dict[Status, JobStatus] = {
    Status.NEW: "queued",
    Status.QUEUED: "queued",
    Status.ACTIVE: "running",
    Status.COMPLETE: "done",
    Status.FAILED: "failed",
    Status.ABORTING: "failed",
    Status.ABORTED: "failed",
}
QUEUE_NAME = "vocabquiz"


class SaqQueue:
    """saq's PostgreSQL queue; `saq_jobs` and its companions live beside the app's tables."""

    def __init__(self, database_url: str) -> None:
        # psycopg's URL: the driver's name taken out of SQLAlchemy's.
        url = "postgresql://" + database_url.split("://", 1)[1]
        # A pool of our own: closing saq's own waits 5 s for the connection its LISTEN holds.
        # Connections only while in use (a process that only enqueues holds none); a worker
        # keeps one for LISTEN and uses one or two more.
        self._pool = AsyncConnectionPool(
            url, min_size=0, max_size=3, kwargs={"autocommit": True}, open=False
        )
        self.queue = PostgresQueue(pool=self._pool, name=QUEUE_NAME)

    async def enqueue(
        self,
        kind: str,
        arguments: dict[str, Any],
        owner_id: str | None = None,
        key: str | None = None,
        timeout_s: int = 60,
    ) -> str | None:
        job = Job(
            function=kind,
            kwargs=arguments,
            key=key or uuid.uuid4().hex,
            timeout=timeout_s,
            ttl=KEPT_S,
            meta={"owner_id": owner_id},
        )
        enqueued = await self.queue.enqueue(job)
        return None if enqueued is None else enqueued.key

    async def state(self, job_id: str) -> JobState | None:
        job = await self.queue.job(job_id)
        if job is None:
            return None
        status = _STATUS[job.status]
        error, error_code = None, None
        if status == "failed":
            error, error_code = _message(job.error)
        return JobState(
            job.key,
            job.function,
            job.meta.get("owner_id"),
            status,
            1.0 if status == "done" else job.progress,
            job.result if status == "done" else None,
            error,
            error_code,
        )

    async def start(self) -> None:
        await self._pool.open()
        await self.queue.connect()

    async def close(self) -> None:
        await self.queue.disconnect()
        await self._pool.close(timeout=1)


def _message(error: str | None) -> tuple[str, ErrorCode]:
    """The owner's message and its code for a failed saq job: a JobFailed's own, from the
    traceback saq keeps, else a plain notice (the traceback stays in the worker's log)."""
    marker = f"{JobFailed.__module__}.{JobFailed.__qualname__}: "
    for line in reversed((error or "").splitlines()):
        if line.startswith((marker, "JobFailed: ")):
            code, _, detail = line.split(": ", 1)[1].partition(": ")
            if code in ErrorCode.__members__.values():
                return detail, ErrorCode(code)
    return UNEXPLAINED, UNEXPLAINED_CODE

"""Who runs the jobs: the serving process (always on SQLite; on PostgreSQL unless
VOCABQUIZ_SERVE_RUNS_JOBS=false) and `vocabquiz worker` processes."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass, field
from typing import Any

import structlog
from saq.worker import Worker

from vocabquiz.db import open_database
from vocabquiz.jobs.queue import InProcessQueue, JobQueue, SaqQueue
from vocabquiz.jobs.tasks import HOUSEKEEPING, IMPORT, JobContext, schedule_housekeeping
from vocabquiz.redis_client import connect_redis
from vocabquiz.sessions.wiring import start_sessions
from vocabquiz.settings import Settings

log = structlog.get_logger(__name__)

# A stopping worker lets its running jobs finish for this long.
GRACE_S = 30


class _NoCancellingNotice(logging.Filter):
    """saq warns, at every stop, that it cancels its idle loops: those are meant to go."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "did not finish within the shutdown grace period" not in record.getMessage()


logging.getLogger("saq").addFilter(_NoCancellingNotice())


def saq_worker(queue: SaqQueue, context: JobContext) -> Worker[Any]:
    """A saq worker running our kinds of job. Stopping it cancels what runs (`run_worker` waits
    for running jobs first); signals stay with the process (the server's, or run_worker's)."""

    def function(kind: str) -> Any:
        async def run(ctx: dict[str, Any], **arguments: Any) -> dict[str, Any] | None:
            job = ctx["job"]

            async def progress(fraction: float) -> None:
                await job.update(progress=fraction)

            return await context.run(kind, arguments, progress)

        return (kind, run)

    worker: Worker[Any] = Worker(
        queue.queue,
        functions=[function(IMPORT), function(HOUSEKEEPING)],
        concurrency=2,
        dequeue_timeout=1.0,
    )
    worker.SIGNALS = []
    return worker


@dataclass
class Jobs:
    queue: JobQueue
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.queue.close()


async def start_jobs(context: JobContext, run_here: bool) -> Jobs:
    """The queue, and, when this process runs jobs, its worker and the housekeeping offers."""
    settings = context.settings
    queue: JobQueue
    if settings.is_sqlite:
        queue, run_here = InProcessQueue(context.run), True
    else:
        queue = SaqQueue(settings.database_url)
    await queue.start()
    jobs = Jobs(queue)
    if run_here:
        if isinstance(queue, SaqQueue):
            worker = saq_worker(queue, context)
            jobs.tasks.append(asyncio.create_task(worker.start(), name="job-worker"))
        interval = settings.housekeeping_interval_s
        offers = schedule_housekeeping(queue, interval)
        jobs.tasks.append(asyncio.create_task(offers, name="housekeeping"))
    return jobs


async def run_worker(context: JobContext) -> None:
    """`vocabquiz worker`: take jobs until SIGTERM or SIGINT, then give the running ones up to
    GRACE_S to finish."""
    queue = SaqQueue(context.settings.database_url)
    await queue.start()
    worker = saq_worker(queue, context)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    working = asyncio.create_task(worker.start(), name="job-worker")
    offers = asyncio.create_task(
        schedule_housekeeping(queue, context.settings.housekeeping_interval_s)
    )
    log.info("worker_started")
    try:
        await stopping.wait()
        offers.cancel()
        deadline = loop.time() + GRACE_S
        # saq offers no event for its last running job ending: look every 100 ms.
        while worker.job_task_contexts and loop.time() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
        await worker.stop()
    finally:
        for task in (offers, working):
            task.cancel()
        await asyncio.gather(offers, working, return_exceptions=True)
        await queue.close()
        log.info("worker_stopped")


async def work(settings: Settings) -> None:
    """A process of `vocabquiz worker`: the app's database, Redis and session services, no
    HTTP."""
    database = open_database(settings)
    redis = connect_redis(settings)
    sessions = await start_sessions(settings, database, redis)
    try:
        await run_worker(JobContext(settings, database, sessions))
    finally:
        await sessions.close()
        if redis is not None:
            await redis.aclose()
        await database.dispose()

"""What the jobs do. Each kind is one function of (context, progress, arguments)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import structlog
from pydantic import TypeAdapter
from sqlalchemy import delete, exists, or_, select

from vocabquiz.auth.models import User
from vocabquiz.db import Database, utcnow
from vocabquiz.errors import Conflict, ErrorCode, NotFound, RowsRejected
from vocabquiz.jobs.queue import JobFailed, JobQueue, Progress
from vocabquiz.quizzes import service as quizzes
from vocabquiz.quizzes.schemas import QuestionIn
from vocabquiz.sessions import quiz_use
from vocabquiz.sessions.models import Answer, Participant, QuizSession, RemovedPlayer, SessionStatus
from vocabquiz.sessions.wiring import SessionServices
from vocabquiz.settings import Settings

log = structlog.get_logger(__name__)

IMPORT = "import_word_list"
HOUSEKEEPING = "housekeeping"
_QUESTIONS = TypeAdapter(list[QuestionIn])


@dataclass(frozen=True)
class JobContext:
    settings: Settings
    database: Database
    sessions: SessionServices

    async def run(
        self, kind: str, arguments: dict[str, Any], progress: Progress
    ) -> dict[str, Any] | None:
        if kind == IMPORT:
            return await import_word_list(self, progress, **arguments)
        if kind == HOUSEKEEPING:
            return await housekeeping(self)
        raise JobFailed(f"unknown job {kind!r}", ErrorCode.INTERNAL_ERROR)


async def import_word_list(
    ctx: JobContext, progress: Progress, quiz_id: str, questions: list[dict[str, Any]]
) -> dict[str, Any]:
    """Append the questions a word list made, all or none, reporting progress as they go."""
    made = _QUESTIONS.validate_python(questions)
    async with ctx.database.sessions() as db:
        try:
            await quiz_use.ensure_editable(db, quiz_id)
            quiz = await quizzes.append_questions(db, quiz_id, made, progress)
        except (NotFound, Conflict) as exc:
            raise JobFailed(exc.detail, exc.code) from None
        except RowsRejected as exc:
            # The one row problem adding questions can meet: the quiz's cap.
            reason = "; ".join(p.reason for p in exc.problems)
            raise JobFailed(reason, ErrorCode.QUIZ_FULL) from None
        return {"quiz_id": quiz.id, "added": len(made), "question_count": len(quiz.questions)}


async def housekeeping(ctx: JobContext) -> dict[str, Any]:
    closed = await close_idle_sessions(ctx)
    deleted = await delete_old_guests(ctx)
    rebuilt = await ctx.sessions.play.standings.reconcile()
    if closed or deleted or rebuilt:
        log.info("housekeeping", closed=closed, guests_deleted=deleted, rebuilt=len(rebuilt))
    return {"sessions_closed": closed, "guests_deleted": deleted, "standings_rebuilt": rebuilt}


async def close_idle_sessions(ctx: JobContext) -> list[str]:
    """Close every open session with no join and no answer for the configured time."""
    since = utcnow() - timedelta(seconds=ctx.settings.idle_session_close_s)
    joined = exists().where(
        Participant.session_id == QuizSession.id, Participant.joined_at >= since
    )
    answered = (
        exists()
        .where(Participant.session_id == QuizSession.id, Answer.answered_at >= since)
        .where(Answer.participant_id == Participant.id)
    )
    async with ctx.database.sessions() as db:
        codes = (
            await db.scalars(
                select(QuizSession.code).where(
                    QuizSession.status == SessionStatus.OPEN,
                    QuizSession.created_at < since,
                    ~joined,
                    ~answered,
                )
            )
        ).all()
        for code in codes:
            await ctx.sessions.close_session(db, code)
    return list(codes)


async def delete_old_guests(ctx: JobContext) -> int:
    """Delete guest accounts older than the configured time that joined no session."""
    before = utcnow() - timedelta(seconds=ctx.settings.guest_kept_s)
    took_part = or_(
        exists().where(Participant.user_id == User.id),
        exists().where(RemovedPlayer.user_id == User.id),
    )
    async with ctx.database.sessions() as db:
        deleted = await db.execute(
            delete(User).where(User.is_guest, User.created_at < before, ~took_part)
        )
        await db.commit()
    return int(deleted.rowcount)  # type: ignore[attr-defined]


async def schedule_housekeeping(queue: JobQueue, interval_s: int) -> None:
    """Offer the housekeeping job once per interval. Every process that runs jobs offers it
    under the same key, the interval's number: the first offer of a period is taken, the rest
    are refused, so it runs once per period however many processes there are."""
    while True:
        period = int(time.time() // interval_s)
        try:
            await queue.enqueue(HOUSEKEEPING, {}, key=f"{HOUSEKEEPING}:{interval_s}:{period}")
        except Exception as exc:  # the database is away: offer again next period
            log.warning("housekeeping_not_scheduled", error=str(exc))
        await asyncio.sleep((period + 1) * interval_s - time.time())

"""Changing a live session's phase: one guarded UPDATE from the phase version asked for, the
question's answers into the totals when it ends, and the clock that ends it on time."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from vocabquiz.db import utcnow
from vocabquiz.errors import Conflict, ErrorCode
from vocabquiz.events import Event
from vocabquiz.sessions.answers import CLOSED, Play
from vocabquiz.sessions.live_rows import LiveRows
from vocabquiz.sessions.live_view import Action, next_step, phase_summary, phase_values, settle
from vocabquiz.sessions.models import Answer, Participant, QuizSession, SessionStatus

log = structlog.get_logger(__name__)


class Phases:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], play: Play, rows: LiveRows
    ) -> None:
        self._sessions = sessions
        self._play = play
        self._rows = rows
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._background: set[asyncio.Task[None]] = set()

    async def advance(self, code: str, version: int, action: Action, automatic: bool) -> bool:
        """Make the step from `version` in one transaction; False when the session is no longer
        at that version, or the step does not apply there."""
        async with self._sessions() as db:
            session, questions = await self._rows.row(db, code)
            if session.status != SessionStatus.OPEN:
                if automatic:
                    return False
                raise Conflict(CLOSED, ErrorCode.SESSION_CLOSED)
            step = next_step(action, session.phase, session.question_index, len(questions))
            if session.phase_version != version or step is None:
                return False
            values = phase_values(step, version + 1, questions, utcnow())
            moved = await db.execute(
                update(QuizSession)
                .where(
                    QuizSession.id == session.id,
                    QuizSession.phase_version == version,
                    QuizSession.status == SessionStatus.OPEN,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if not moved.rowcount:  # type: ignore[attr-defined]
                await db.rollback()
                return False
            if session.phase == "question" and session.question_id is not None:
                await self._apply_answers(db, session.id, session.question_id)
            await db.commit()
        log.info(
            "live_phase", session_code=code, action=action, phase=step.phase, version=version + 1
        )
        if session.phase == "question":
            await self._play.standings.replace(code)
        self._clock(code, version + 1, values.get("question_deadline"))
        # The new phase itself goes out with the event: a client hears every phase, even when
        # the next one follows at once.
        now_view = await self._rows.view(code, "")
        phase = phase_summary(
            code,
            step.phase,
            version + 1,
            step.index,
            len(questions),
            values.get("question_deadline"),
            now_view.joined,
            # 0 for a question just shown, unless answers came in since.
            now_view.answered if now_view.phase_version == version + 1 else 0,
        )
        await self._play.bus.publish(Event.now("live", code, phase))
        return True

    async def _apply_answers(self, db: AsyncSession, session_id: str, question_id: str) -> None:
        """The question's answers into the participants' totals, and everyone's rank before and
        after them."""
        everyone = list(
            (
                await db.scalars(select(Participant).where(Participant.session_id == session_id))
            ).all()
        )
        answers = {
            a.participant_id: a
            for a in (
                await db.scalars(
                    select(Answer)
                    .join(Participant, Participant.id == Answer.participant_id)
                    .where(Participant.session_id == session_id, Answer.question_id == question_id)
                )
            ).all()
        }
        settle(everyone, answers)
        await db.flush()

    def _clock(self, code: str, version: int, deadline: datetime | None) -> None:
        """End the question at its deadline, from this process (any reader after the deadline
        ends it too, should this process be gone)."""
        old = self._timers.pop(code, None)
        if old is not None:
            old.cancel()
        if deadline is None:
            return
        delay = max(0.0, (deadline - utcnow()).total_seconds()) + 0.05
        loop = asyncio.get_running_loop()
        self._timers[code] = loop.call_later(delay, self._on_deadline, code, version)

    def _on_deadline(self, code: str, version: int) -> None:
        self._timers.pop(code, None)
        self.spawn(self._end_on_time(code, version))

    async def _end_on_time(self, code: str, version: int) -> None:
        try:
            await self.advance(code, version, "end", automatic=True)
        except Exception:
            log.exception("live_deadline_failed", session_code=code)

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

"""Live sessions: the host paces everyone through the same questions against one clock.

Phases: lobby -> question -> reveal -> question -> ... -> podium, then the session is closed.
Every change of phase is one guarded UPDATE of the session row from the phase_version it was
asked for, so of two hosts, two instances, or a host and a deadline acting at once, exactly one
changes it; a host's late click gets 409 and an automatic change simply finds it done.

During a question, answers are stored (once per participant and question, as always) but the
participants' totals move only when the question ends, in the same transaction as the change of
phase: until then neither the leaderboard nor anything else tells who was right. On PostgreSQL an
answer holds the session row FOR SHARE while it is stored, so the change of phase (an UPDATE of
that row) waits for the answers in flight and counts every one that got in; SQLite runs one
writer at a time.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Coroutine
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import new_id, utcnow
from vocabquiz.errors import Conflict, Forbidden, NotFound, Unprocessable
from vocabquiz.events import Event
from vocabquiz.quizzes import service as quizzes
from vocabquiz.sessions.answers import CLOSED, Play, no_choice, session_code
from vocabquiz.sessions.live_view import (
    ENDED,
    NOT_LIVE,
    PLAYER_KEPT_S,
    PODIUM,
    STALE,
    TOP,
    Action,
    Revealed,
    View,
    keep,
    next_step,
    outcome,
    overdue,
    question_out,
)
from vocabquiz.sessions.models import Answer, Participant, QuizSession, SessionStatus
from vocabquiz.sessions.play_store import AnswerRow, QuestionContent, SessionRow
from vocabquiz.sessions.schemas import LiveEntry
from vocabquiz.sessions.scoring import deadline_of, score_answer
from vocabquiz.sessions.standings import ranked

log = structlog.get_logger(__name__)


class Live:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine, play: Play
    ) -> None:
        self._sessions = sessions
        self._engine = engine
        self._play = play
        self._timers: dict[str, asyncio.TimerHandle] = {}
        # By (session code, phase version): what a reveal shows, and everyone's standing.
        self._revealed: OrderedDict[tuple[str, int], Revealed] = OrderedDict()
        self._standings: OrderedDict[tuple[str, int], list[LiveEntry]] = OrderedDict()
        self._background: set[asyncio.Task[None]] = set()
        # (code, user id) -> (trusted until, what _player read)
        self._players: dict[
            tuple[str, str], tuple[float, tuple[View, tuple[QuestionContent, ...]]]
        ] = {}
        self._checking: set[str] = set()
        self._check_again: set[str] = set()

    # --- reading ---------------------------------------------------------------------------

    async def _row(
        self, db: AsyncSession, raw_code: str
    ) -> tuple[QuizSession, tuple[QuestionContent, ...]]:
        """The live session and its questions. The transaction ends here: on SQLite every one
        holds the write lock, and the questions may be read on a connection of their own."""
        session = await db.scalar(
            select(QuizSession).where(QuizSession.code == session_code(raw_code))
        )
        if session is None:
            await db.commit()
            raise NotFound("Session not found")
        quiz_version = (await quizzes.quiz_row(db, session.quiz_id)).updated_at
        await db.commit()
        if session.mode != "live":
            raise Conflict(NOT_LIVE)
        key = SessionRow(
            session.id,
            session.code,
            session.status,
            session.quiz_id,
            session.scoring,
            session.streak_bonus,
            quiz_version,
            session.mode,
        )
        return session, (await self._play.contents.of(self._play.store, key)).questions

    async def _view(self, raw_code: str, user_id: str) -> View:
        row = await self._play.store.live_view(session_code(raw_code), user_id)
        if row is None:
            raise NotFound("Session not found")
        view = View._make(row)
        if view.mode != "live":
            raise Conflict(NOT_LIVE)
        return view

    async def _questions_of(self, view: View) -> tuple[QuestionContent, ...]:
        key = SessionRow(
            view.id, view.code, view.status, view.quiz_id, view.scoring, view.streak_bonus,
            view.quiz_version, view.mode,
        )  # fmt: skip
        return (await self._play.contents.of(self._play.store, key)).questions

    async def summary(self, raw_code: str) -> dict[str, object]:
        """The phase in a few fields, for the event stream's `live` frames."""
        view = await self._view(raw_code, "")
        return {
            "session_code": view.code,
            "phase": view.phase if view.status == SessionStatus.OPEN else "closed",
            "phase_version": view.phase_version,
            "question_index": view.question_index,
            "question_count": len(await self._questions_of(view)),
            "deadline": view.question_deadline.isoformat() if view.question_deadline else None,
            "participant_count": view.joined,
            "answered_count": view.answered,
        }

    async def state(self, raw_code: str, user: TokenUser) -> dict[str, Any]:
        """The caller's LiveState (schemas.LiveState), from one read."""
        for _ in range(3):
            view = await self._view(raw_code, user.id)
            if view.participant_id is None and not user.is_admin:
                raise Forbidden("Join the session to follow it")
            if overdue(view.status, view.phase, view.question_deadline):
                await self._advance(view.code, view.phase_version, "end", automatic=True)
                continue  # read it again as it is now
            return await self._state_of(view, await self._remember(view, user.id))
        raise Conflict(STALE)

    async def _state_of(self, view: View, questions: tuple[QuestionContent, ...]) -> dict[str, Any]:
        phase = view.phase if view.status == SessionStatus.OPEN else "closed"
        shown = phase in ("question", "reveal") and view.question_index is not None
        question = questions[view.question_index] if shown else None  # type: ignore[index]
        reveal = None
        if phase == "reveal" and question is not None:
            revealed = await self._reveal_of(view, question)
            reveal = {
                "correct_choice_id": revealed.correct_choice_id,
                "votes": revealed.votes,
                "top": revealed.top,
                "me": outcome(view, revealed) if view.participant_id else None,
            }
        podium = None
        if phase in ("podium", "closed"):
            everyone = await self._standing_of(view)
            mine = next((e for e in everyone if e.participant_id == view.participant_id), None)
            podium = {"top": everyone[:PODIUM], "me": mine}
        return {
            "session_code": view.code,
            "status": view.status,
            "phase": phase,
            "phase_version": view.phase_version,
            "question_index": view.question_index,
            "question_count": len(questions),
            "question": question_out(question) if question else None,
            "started_at": view.question_started_at if shown else None,
            "deadline": view.question_deadline if shown else None,
            "server_time": utcnow(),
            "participant_count": view.joined,
            "answered_count": view.answered,
            "my_choice_id": view.my_choice_id if question else None,
            "reveal": reveal,
            "podium": podium,
        }

    async def _reveal_of(self, view: View, question: QuestionContent) -> Revealed:
        """What the reveal shows everyone: read once per process and phase version."""
        key = (view.code, view.phase_version)
        known = self._revealed.get(key)
        if known is not None:
            return known
        async with self._engine.connect() as conn:
            picked = dict(
                (
                    await conn.execute(
                        select(Answer.choice_id, func.count())
                        .join(Participant, Participant.id == Answer.participant_id)
                        .where(Participant.session_id == view.id, Answer.question_id == question.id)
                        .group_by(Answer.choice_id)
                    )
                ).all()
            )
        standing = await self._standing_of(view)
        revealed = Revealed(
            correct_choice_id=question.correct_choice_id,
            votes=[{"choice_id": c.id, "count": picked.get(c.id, 0)} for c in question.choices],
            top=standing[:TOP],
            scores=[e.score for e in standing],
        )
        keep(self._revealed, key, revealed)
        return revealed

    async def _standing_of(self, view: View) -> list[LiveEntry]:
        """Everyone in rank order as of the last end of a question, with the rank before it."""
        key = (view.code, view.phase_version)
        known = self._standings.get(key)
        if known is not None:
            return known
        async with self._sessions() as db:
            everyone = ranked(
                await db.scalars(select(Participant).where(Participant.session_id == view.id))
            )
        entries = [
            LiveEntry(
                rank,
                p.id,
                p.display_name,
                p.score,
                p.answered_count,
                p.correct_count,
                p.streak,
                p.live_previous_rank,
            )
            for rank, p in enumerate(everyone, start=1)
        ]
        keep(self._standings, key, entries)
        return entries

    # --- answering ------------------------------------------------------------------------

    async def _player(
        self, raw_code: str, user: TokenUser
    ) -> tuple[View, tuple[QuestionContent, ...]]:
        """The user's view of the session and its questions, as this process read them within
        the last moment: an answer's write is guarded by the phase version, so a stale copy only
        makes it refuse, and the answer is then taken from a fresh read."""
        key = (session_code(raw_code), user.id)
        known = self._players.get(key)
        if known is not None and known[0] > time.monotonic():
            return known[1]
        view = await self._view(raw_code, user.id)
        return view, await self._remember(view, user.id)

    async def _remember(self, view: View, user_id: str) -> tuple[QuestionContent, ...]:
        questions = await self._questions_of(view)
        if view.participant_id is not None:
            if len(self._players) >= 100_000:
                self._players.clear()
            self._players[view.code, user_id] = (
                time.monotonic() + PLAYER_KEPT_S,
                (view, questions),
            )
        return questions

    async def answer(
        self, raw_code: str, user: TokenUser, question_id: str, choice_id: str | None
    ) -> dict[str, Any]:
        """An answer to the question shown (schemas.LiveAnswerResult)."""
        answered_at = utcnow()
        result = await self._answer(raw_code, user, question_id, choice_id, answered_at)
        if result is None:  # the copy read earlier was stale: once more, from a fresh read
            self._players.pop((session_code(raw_code), user.id), None)
            result = await self._answer(raw_code, user, question_id, choice_id, answered_at)
        if result is None:
            raise Conflict(ENDED)
        return result

    async def _answer(
        self,
        raw_code: str,
        user: TokenUser,
        question_id: str,
        choice_id: str | None,
        answered_at: datetime,
    ) -> dict[str, Any] | None:
        view, questions = await self._player(raw_code, user)
        if view.participant_id is None or view.score is None or view.streak is None:
            raise Forbidden("You have not joined this session")
        if view.status != SessionStatus.OPEN:
            raise Conflict(CLOSED)
        question = next((q for q in questions if q.id == question_id), None)
        if question is None:
            raise Conflict("No such question here")
        if choice_id is None:  # the host ends a live question: nobody has to go on by hand
            raise no_choice("Pick a choice")
        choice = next((c for c in question.choices if c.id == choice_id), None)
        if choice is None:
            raise Unprocessable("That choice does not belong to this question")
        locked = {"question_id": question.id, "choice_id": choice.id, "locked_in": True}
        stored = False
        if question.id == view.question_id and view.phase == "question":
            started_at = view.question_started_at or answered_at
            scored = score_answer(
                points=question.points,
                time_limit_s=question.time_limit_s,
                correct=choice.correct,
                served_at=started_at,
                answered_at=answered_at,
                rule=view.scoring,
                streak_bonus=view.streak_bonus,
                streak_before=view.streak,
            )
            stored = await self._play.store.live_answer(
                view.id,
                view.phase_version,
                AnswerRow(
                    id=new_id(),
                    participant_id=view.participant_id,
                    question_id=question.id,
                    choice_id=choice.id,
                    correct=scored.correct,
                    late=scored.late,
                    points_awarded=scored.points_awarded,
                    streak_bonus=scored.streak_bonus,
                    streak=scored.streak,
                    score_after=view.score + scored.points_awarded,
                    served_at=started_at,
                    answered_at=answered_at,
                    elapsed_ms=scored.elapsed_ms,
                ),
            )
            if stored:
                await self._answered(view.code, view.phase_version, late=scored.late)
                return locked
        earlier = await self._play.store.answer_choice(view.participant_id, question.id)
        if earlier is None:
            return None
        if earlier != choice.id:
            raise Conflict("You already answered this question with a different choice")
        return locked

    async def _answered(self, code: str, version: int, late: bool) -> None:
        """After an answer: tell the stream clients, and end the question when everyone has
        answered (or the deadline has passed). Answers come by the hundred at once: while one
        check runs, the others only ask for one more after it."""
        if code in self._checking:
            self._check_again.add(code)
            return
        self._checking.add(code)
        try:
            await self._check(code, version, late)
        finally:
            self._checking.discard(code)
        if code in self._check_again:
            self._check_again.discard(code)
            self._spawn(self._answered(code, version, late=False))

    async def _check(self, code: str, version: int, late: bool) -> None:
        await self._play.bus.publish(Event.now("live", code))
        view = await self._view(code, "")
        if late or view.answered >= view.joined:
            await self._advance(code, version, "end", automatic=True)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # --- changing phase --------------------------------------------------------------------

    async def act(self, raw_code: str, action: Action, phase_version: int) -> dict[str, Any]:
        """A host's step from the phase version they saw; 409 when it has moved on or the step
        makes no sense from there."""
        async with self._sessions() as db:
            session, _ = await self._row(db, raw_code)
            code = session.code
        if not await self._advance(code, phase_version, action, automatic=False):
            raise Conflict(STALE)
        return await self.state(code, _HOST)

    async def _advance(self, code: str, version: int, action: Action, automatic: bool) -> bool:
        """Make the step from `version` in one transaction; False when the session is no longer
        at that version, or the step does not apply there."""
        async with self._sessions() as db:
            session, questions = await self._row(db, code)
            if session.status != SessionStatus.OPEN:
                if automatic:
                    return False
                raise Conflict(CLOSED)
            step = next_step(action, session.phase, session.question_index, len(questions))
            if session.phase_version != version or step is None:
                return False
            now = utcnow()
            question = (
                questions[step.index]
                if step.index is not None and step.phase == "question"
                else None
            )
            values: dict[str, Any] = {
                "phase": step.phase,
                "phase_version": version + 1,
                "question_index": step.index,
            }
            if step.phase == "question":
                assert question is not None
                values |= {
                    "question_id": question.id,
                    "question_started_at": now,
                    "question_deadline": deadline_of(now, question.time_limit_s),
                }
            elif step.phase == "podium":
                values |= {
                    "question_id": None,
                    "question_started_at": None,
                    "question_deadline": None,
                }
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
        now_view = await self._view(code, "")
        deadline = values.get("question_deadline")
        phase = {
            "session_code": code,
            "phase": step.phase,
            "phase_version": version + 1,
            "question_index": step.index,
            "question_count": len(questions),
            "deadline": deadline.isoformat() if deadline else None,
            "participant_count": now_view.joined,
            # 0 for a question just shown, unless answers came in since.
            "answered_count": now_view.answered if now_view.phase_version == version + 1 else 0,
        }
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
        before = {p.id: rank for rank, p in enumerate(ranked(everyone), start=1)}
        for p in everyone:
            answer = answers.get(p.id)
            if answer is None:
                p.streak = 0  # a question left unanswered ends the run
                continue
            p.score += answer.points_awarded
            p.answered_count += 1
            p.correct_count += int(answer.correct)
            p.streak = answer.streak
            if answer.points_awarded > 0:
                p.reached_at = answer.answered_at
        for rank, p in enumerate(ranked(everyone), start=1):
            p.live_previous_rank = before[p.id]
            p.live_rank = rank
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
        self._spawn(self._end_on_time(code, version))

    async def _end_on_time(self, code: str, version: int) -> None:
        try:
            await self._advance(code, version, "end", automatic=True)
        except Exception:
            log.exception("live_deadline_failed", session_code=code)

    async def finish_for_close(self, raw_code: str) -> None:
        """Before a live session closes: the running question's answers into the totals."""
        async with self._sessions() as db:
            session, _ = await self._row(db, raw_code)
        if session.status == SessionStatus.OPEN and session.phase == "question":
            await self._advance(session.code, session.phase_version, "finish", automatic=True)

    def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()


# The host's view: no participant of its own.
_HOST = TokenUser("", "admin", False)

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

Here: what a caller sees and their answers. The rules of the phases and views are plain
functions in live_view.py; changing phase is live_phases.py; reading the rows, live_rows.py.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import utcnow
from vocabquiz.errors import Conflict, ErrorCode, Forbidden, Unprocessable
from vocabquiz.events import Event
from vocabquiz.sessions.answers import CLOSED, Play, answer_row, no_choice, session_code
from vocabquiz.sessions.live_phases import Phases
from vocabquiz.sessions.live_rows import LiveRows
from vocabquiz.sessions.live_view import (
    ENDED,
    PLAYER_KEPT_S,
    PODIUM,
    STALE,
    TOP,
    Action,
    Revealed,
    View,
    keep,
    outcome,
    overdue,
    phase_summary,
    question_out,
)
from vocabquiz.sessions.models import Answer, Participant, SessionStatus
from vocabquiz.sessions.play_store import QuestionContent
from vocabquiz.sessions.schemas import LiveEntry
from vocabquiz.sessions.scoring import score_answer
from vocabquiz.sessions.standings import ranked

log = structlog.get_logger(__name__)


class Live:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine, play: Play
    ) -> None:
        self._sessions = sessions
        self._engine = engine
        self._play = play
        self._rows = LiveRows(play)
        self._phases = Phases(sessions, play, self._rows)
        # By (session code, phase version): what a reveal shows, and everyone's standing.
        self._revealed: OrderedDict[tuple[str, int], Revealed] = OrderedDict()
        self._standings: OrderedDict[tuple[str, int], list[LiveEntry]] = OrderedDict()
        # (code, user id) -> (trusted until, what _player read)
        self._players: dict[
            tuple[str, str], tuple[float, tuple[View, tuple[QuestionContent, ...]]]
        ] = {}
        self._checking: set[str] = set()
        self._check_again: set[str] = set()

    # --- reading ---------------------------------------------------------------------------

    async def summary(self, raw_code: str) -> dict[str, object]:
        """The phase in a few fields, for the event stream's `live` frames."""
        view = await self._rows.view(raw_code, "")
        return phase_summary(
            view.code,
            view.phase if view.status == SessionStatus.OPEN else "closed",
            view.phase_version,
            view.question_index,
            len(await self._rows.questions_of(view)),
            view.question_deadline,
            view.joined,
            view.answered,
        )

    async def state(self, raw_code: str, user: TokenUser, runs: bool) -> dict[str, Any]:
        """The caller's LiveState (schemas.LiveState), from one read; `runs`: the caller runs the
        session (sessions/access.py) and may follow it without joining."""
        for _ in range(3):
            view = await self._rows.view(raw_code, user.id)
            if view.participant_id is None and not runs:
                raise Forbidden("Join the session to follow it", ErrorCode.NOT_JOINED)
            if overdue(view.status, view.phase, view.question_deadline):
                await self._phases.advance(view.code, view.phase_version, "end", automatic=True)
                continue  # read it again as it is now
            return await self._state_of(view, await self._remember(view, user.id))
        raise Conflict(STALE, ErrorCode.PHASE_CHANGED)

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
        view = await self._rows.view(raw_code, user.id)
        return view, await self._remember(view, user.id)

    async def _remember(self, view: View, user_id: str) -> tuple[QuestionContent, ...]:
        questions = await self._rows.questions_of(view)
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
            raise Conflict(ENDED, ErrorCode.QUESTION_ENDED)
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
            raise Forbidden("You have not joined this session", ErrorCode.NOT_JOINED)
        if view.status != SessionStatus.OPEN:
            raise Conflict(CLOSED, ErrorCode.SESSION_CLOSED)
        question = next((q for q in questions if q.id == question_id), None)
        if question is None:
            raise Conflict("No such question here", ErrorCode.QUESTION_NOT_HERE)
        if choice_id is None:  # the host ends a live question: nobody has to go on by hand
            raise no_choice("Pick a choice")
        choice = next((c for c in question.choices if c.id == choice_id), None)
        if choice is None:
            raise Unprocessable(
                "That choice does not belong to this question", ErrorCode.CHOICE_INVALID
            )
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
                answer_row(
                    view.participant_id,
                    question.id,
                    choice.id,
                    scored,
                    view.score,
                    started_at,
                    answered_at,
                ),
            )
            if stored:
                await self._answered(view.code, view.phase_version, late=scored.late)
                return locked
        earlier = await self._play.store.answer_choice(view.participant_id, question.id)
        if earlier is None:
            return None
        if earlier != choice.id:
            raise Conflict(
                "You already answered this question with a different choice",
                ErrorCode.ALREADY_ANSWERED,
            )
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
            self._phases.spawn(self._answered(code, version, late=False))

    async def _check(self, code: str, version: int, late: bool) -> None:
        await self._play.bus.publish(Event.now("live", code))
        view = await self._rows.view(code, "")
        if late or view.answered >= view.joined:
            await self._phases.advance(code, version, "end", automatic=True)

    # --- changing phase --------------------------------------------------------------------

    async def act(self, raw_code: str, action: Action, phase_version: int) -> dict[str, Any]:
        """A host's step from the phase version they saw; 409 when it has moved on or the step
        makes no sense from there."""
        async with self._sessions() as db:
            session, _ = await self._rows.row(db, raw_code)
            code = session.code
        if not await self._phases.advance(code, phase_version, action, automatic=False):
            raise Conflict(STALE, ErrorCode.PHASE_CHANGED)
        return await self.state(code, _HOST, runs=True)

    async def finish_for_close(self, raw_code: str) -> None:
        """Before a live session closes: the running question's answers into the totals."""
        async with self._sessions() as db:
            session, _ = await self._rows.row(db, raw_code)
        if session.status == SessionStatus.OPEN and session.phase == "question":
            await self._phases.advance(
                session.code, session.phase_version, "finish", automatic=True
            )

    def close(self) -> None:
        self._phases.close()


# The host's view: no participant of its own.
_HOST = TokenUser("", "admin", False)

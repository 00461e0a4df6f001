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
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import structlog
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import new_id, utcnow
from vocabquiz.errors import Conflict, Forbidden, NotFound, Unprocessable
from vocabquiz.events import Event
from vocabquiz.quizzes.models import Quiz
from vocabquiz.sessions import choice_order, schemas
from vocabquiz.sessions.answers import CLOSED, Play, session_code
from vocabquiz.sessions.models import Answer, Participant, QuizSession
from vocabquiz.sessions.play_store import QuestionContent, SessionRow
from vocabquiz.sessions.scoring import deadline_of, score_answer
from vocabquiz.sessions.standings import ranked

log = structlog.get_logger(__name__)

Action = Literal["start", "end", "next", "skip", "finish"]
NOT_LIVE = "This session is self-paced: its players answer at their own pace"
STALE = "The session has moved on since you looked: here is where it is now"
ENDED = "This question has ended"
TOP = 5
PODIUM = 3

# An answer, stored only while the session shows that question (the phase version says which
# showing); nothing when the participant already answered it.
_PG_ANSWER = text("""
WITH showing AS (
  SELECT id FROM sessions
  WHERE id = :session_id AND status = 'open' AND phase = 'question'
    AND phase_version = :phase_version
  FOR SHARE
)
INSERT INTO answers (id, participant_id, question_id, choice_id, correct, late, points_awarded,
                     streak_bonus, streak, score_after, served_at, answered_at, elapsed_ms)
SELECT :id, :participant_id, :question_id, :choice_id, :correct, :late, :points_awarded,
       :streak_bonus, :streak, :score_after, :served_at, :answered_at, :elapsed_ms
FROM showing
ON CONFLICT (participant_id, question_id) DO NOTHING
RETURNING id
""")
_SQLITE_ANSWER = text("""
INSERT INTO answers (id, participant_id, question_id, choice_id, correct, late, points_awarded,
                     streak_bonus, streak, score_after, served_at, answered_at, elapsed_ms)
SELECT :id, :participant_id, :question_id, :choice_id, :correct, :late, :points_awarded,
       :streak_bonus, :streak, :score_after, :served_at, :answered_at, :elapsed_ms
FROM sessions
WHERE id = :session_id AND status = 'open' AND phase = 'question'
  AND phase_version = :phase_version
ON CONFLICT (participant_id, question_id) DO NOTHING
RETURNING id
""")


@dataclass(frozen=True)
class _Step:
    """Where an action leads from a phase: the next phase and question index."""

    phase: str
    index: int | None


def _step(action: Action, phase: str | None, index: int | None, count: int) -> _Step | None:
    following = (index + 1) if index is not None else 0
    after = _Step("question", following) if following < count else _Step("podium", None)
    if action == "start" and phase == "lobby":
        return _Step("question", 0)
    if action == "end" and phase == "question":
        return _Step("reveal", index)
    if action == "next" and phase == "reveal":
        return after
    if action == "skip" and phase == "question":
        return after
    if action == "finish" and phase in ("lobby", "question", "reveal"):
        return _Step("podium", None)
    return None


@dataclass(frozen=True)
class _Revealed:
    """What a reveal shows, the same for everyone: read once per process and phase version."""

    correct_choice_id: str
    votes: list[schemas.LiveVote]
    top: list[schemas.LiveEntry]
    # Scores by rank, for how far each participant is behind the one above.
    scores: list[int]


def _entry(p: Participant, previous: bool) -> dict[str, Any]:
    entry = {
        "rank": p.live_rank or 0,
        "participant_id": p.id,
        "display_name": p.display_name,
        "score": p.score,
        "answered_count": p.answered_count,
        "correct_count": p.correct_count,
        "streak": p.streak,
    }
    if previous:
        entry["previous_rank"] = p.live_previous_rank
    return entry


class Live:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], play: Play, dialect: str):
        self._sessions = sessions
        self._play = play
        self._answer_sql = _PG_ANSWER if dialect == "postgresql" else _SQLITE_ANSWER
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._revealed: OrderedDict[tuple[str, int], _Revealed] = OrderedDict()
        self._background: set[asyncio.Task[None]] = set()

    # --- reading ---------------------------------------------------------------------------

    async def _row(
        self, db: AsyncSession, raw_code: str
    ) -> tuple[QuizSession, tuple[QuestionContent, ...]]:
        """The live session and its questions. The transaction ends here: on SQLite every one
        holds the write lock, and the questions may be read on a connection of their own."""
        row = (
            await db.execute(
                select(QuizSession, Quiz.updated_at)
                .join(Quiz, Quiz.id == QuizSession.quiz_id)
                .where(QuizSession.code == session_code(raw_code))
            )
        ).first()
        await db.commit()
        if row is None:
            raise NotFound("Session not found")
        session, quiz_version = row
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

    async def summary(self, raw_code: str) -> dict[str, object]:
        """The phase in a few fields, for the event stream's `live` frames."""
        async with self._sessions() as db:
            session, questions = await self._row(db, raw_code)
            count = len(questions)
            participants, answered = await self._counts(db, session)
        return {
            "session_code": session.code,
            "phase": session.phase if session.status == "open" else "closed",
            "phase_version": session.phase_version,
            "question_index": session.question_index,
            "question_count": count,
            "deadline": session.question_deadline.isoformat()
            if session.question_deadline
            else None,
            "participant_count": participants,
            "answered_count": answered,
        }

    async def _counts(self, db: AsyncSession, session: QuizSession) -> tuple[int, int]:
        participants = await db.scalar(
            select(func.count()).where(Participant.session_id == session.id)
        )
        answered = 0
        if session.question_id is not None:
            answered = (
                await db.scalar(
                    select(func.count())
                    .select_from(Answer)
                    .join(Participant, Participant.id == Answer.participant_id)
                    .where(
                        Participant.session_id == session.id,
                        Answer.question_id == session.question_id,
                    )
                )
                or 0
            )
        return participants or 0, answered

    async def state(self, raw_code: str, user: TokenUser) -> schemas.LiveState:
        for _ in range(3):
            async with self._sessions() as db:
                session, questions = await self._row(db, raw_code)
                participant = await db.scalar(
                    select(Participant).where(
                        Participant.session_id == session.id, Participant.user_id == user.id
                    )
                )
                if participant is None and not user.is_admin:
                    raise Forbidden("Join the session to follow it")
                if self._overdue(session):
                    version = session.phase_version
                    await db.commit()
                    await self._advance(session.code, version, "end", automatic=True)
                    continue  # read it again as it is now
                return await self._state_of(db, session, questions, participant)
        raise Conflict(STALE)

    def _overdue(self, session: QuizSession) -> bool:
        deadline = session.question_deadline
        return (
            session.status == "open"
            and session.phase == "question"
            and deadline is not None
            and deadline <= utcnow()
        )

    async def _state_of(
        self,
        db: AsyncSession,
        session: QuizSession,
        questions: tuple[QuestionContent, ...],
        participant: Participant | None,
    ) -> schemas.LiveState:
        participants, answered = await self._counts(db, session)
        phase = session.phase if session.status == "open" else "closed"
        shown = phase in ("question", "reveal") and session.question_index is not None
        question = questions[session.question_index] if shown else None  # type: ignore[index]
        mine = None
        if participant is not None and question is not None:
            mine = await db.scalar(
                select(Answer).where(
                    Answer.participant_id == participant.id, Answer.question_id == question.id
                )
            )
        reveal = None
        if phase == "reveal" and question is not None:
            revealed = await self._reveal_of(db, session, question)
            reveal = schemas.LiveReveal(
                correct_choice_id=revealed.correct_choice_id,
                votes=revealed.votes,
                top=revealed.top,
                me=self._outcome(participant, mine, revealed) if participant else None,
            )
        podium = None
        if phase in ("podium", "closed"):
            podium = await self._podium(db, session, participant)
        return schemas.LiveState(
            session_code=session.code,
            status=session.status,
            phase=phase,
            phase_version=session.phase_version,
            question_index=session.question_index,
            question_count=len(questions),
            question=self._question(question, participant) if question else None,
            started_at=session.question_started_at if shown else None,
            deadline=session.question_deadline if shown else None,
            server_time=utcnow(),
            participant_count=participants,
            answered_count=answered,
            my_choice_id=mine.choice_id if mine else None,
            reveal=reveal,
            podium=podium,
        )

    def _question(
        self, question: QuestionContent, participant: Participant | None
    ) -> schemas.TurnQuestion:
        # Each player has the choices in an order of their own; the host's screen has the
        # quiz's order.
        choices = (
            choice_order.for_participant(participant.id, question.choices)
            if participant
            else question.choices
        )
        return schemas.TurnQuestion(
            id=question.id,
            prompt=question.prompt,
            choices=[schemas.TurnChoice(id=c.id, text=c.text) for c in choices],
            time_limit_s=question.time_limit_s,
            points=question.points,
        )

    async def _reveal_of(
        self, db: AsyncSession, session: QuizSession, question: QuestionContent
    ) -> _Revealed:
        key = (session.code, session.phase_version)
        known = self._revealed.get(key)
        if known is not None:
            return known
        picked = dict(
            (
                await db.execute(
                    select(Answer.choice_id, func.count())
                    .join(Participant, Participant.id == Answer.participant_id)
                    .where(Participant.session_id == session.id, Answer.question_id == question.id)
                    .group_by(Answer.choice_id)
                )
            ).all()
        )
        standing = (
            await db.scalars(
                select(Participant)
                .where(Participant.session_id == session.id)
                .order_by(Participant.live_rank)
            )
        ).all()
        revealed = _Revealed(
            correct_choice_id=question.correct_choice_id,
            votes=[
                schemas.LiveVote(choice_id=c.id, count=picked.get(c.id, 0))
                for c in question.choices
            ],
            top=[schemas.LiveEntry(**_entry(p, previous=True)) for p in standing[:TOP]],
            scores=[p.score for p in standing],
        )
        self._revealed[key] = revealed
        if len(self._revealed) > 256:
            self._revealed.popitem(last=False)
        return revealed

    def _outcome(
        self, participant: Participant, answer: Answer | None, revealed: _Revealed
    ) -> schemas.LiveOutcome:
        rank = participant.live_rank or len(revealed.scores)
        above = revealed.scores[rank - 2] if 1 < rank <= len(revealed.scores) + 1 else None
        return schemas.LiveOutcome(
            answered=answer is not None,
            choice_id=answer.choice_id if answer else None,
            correct=bool(answer and answer.correct),
            late=bool(answer and answer.late),
            points_awarded=answer.points_awarded if answer else 0,
            streak_bonus=answer.streak_bonus if answer else 0,
            streak=participant.streak,
            score=participant.score,
            rank=rank,
            behind=None if above is None else above - participant.score,
        )

    async def _podium(
        self, db: AsyncSession, session: QuizSession, participant: Participant | None
    ) -> schemas.LivePodium:
        everyone = ranked(
            await db.scalars(select(Participant).where(Participant.session_id == session.id))
        )
        entries = [
            schemas.LeaderboardEntry(**{**_entry(p, previous=False), "rank": rank})
            for rank, p in enumerate(everyone, start=1)
        ]
        me = next((e for e in entries if participant and e.participant_id == participant.id), None)
        return schemas.LivePodium(top=entries[:PODIUM], me=me)

    # --- answering ------------------------------------------------------------------------

    async def answer(
        self, raw_code: str, user: TokenUser, question_id: str, choice_id: str
    ) -> schemas.LiveAnswerResult:
        answered_at = utcnow()
        async with self._sessions() as db:
            session, questions = await self._row(db, raw_code)
            participant = await db.scalar(
                select(Participant).where(
                    Participant.session_id == session.id, Participant.user_id == user.id
                )
            )
            if participant is None:
                raise Forbidden("You have not joined this session")
            if session.status != "open":
                raise Conflict(CLOSED)
            question = next((q for q in questions if q.id == question_id), None)
            if question is None or question.id != session.question_id:
                raise Conflict(ENDED if question is not None else "No such question here")
            choice = next((c for c in question.choices if c.id == choice_id), None)
            if choice is None:
                raise Unprocessable("That choice does not belong to this question")
            started_at = session.question_started_at or answered_at
            scored = score_answer(
                points=question.points,
                time_limit_s=question.time_limit_s,
                correct=choice.correct,
                served_at=started_at,
                answered_at=answered_at,
                rule=session.scoring,
                streak_bonus=session.streak_bonus,
                streak_before=participant.streak,
            )
            stored = await db.scalar(
                self._answer_sql,
                {
                    "session_id": session.id,
                    "phase_version": session.phase_version,
                    "id": new_id(),
                    "participant_id": participant.id,
                    "question_id": question.id,
                    "choice_id": choice.id,
                    "correct": scored.correct,
                    "late": scored.late,
                    "points_awarded": scored.points_awarded,
                    "streak_bonus": scored.streak_bonus,
                    "streak": scored.streak,
                    "score_after": participant.score + scored.points_awarded,
                    "served_at": started_at,
                    "answered_at": answered_at,
                    "elapsed_ms": scored.elapsed_ms,
                },
            )
            await db.commit()
            if stored is None:
                earlier = await db.scalar(
                    select(Answer).where(
                        Answer.participant_id == participant.id, Answer.question_id == question.id
                    )
                )
                if earlier is None:
                    raise Conflict(ENDED)
                if earlier.choice_id != choice.id:
                    raise Conflict("You already answered this question with a different choice")
                return schemas.LiveAnswerResult(
                    question_id=question.id, choice_id=choice.id, locked_in=True
                )
            participants, answered = await self._counts(db, session)
        await self._play.bus.publish(Event.now("live", session.code))
        if answered >= participants or scored.late:
            await self._advance(session.code, session.phase_version, "end", automatic=True)
        return schemas.LiveAnswerResult(
            question_id=question.id, choice_id=choice.id, locked_in=True
        )

    # --- changing phase --------------------------------------------------------------------

    async def act(self, raw_code: str, action: Action, phase_version: int) -> schemas.LiveState:
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
            if session.status != "open":
                if automatic:
                    return False
                raise Conflict(CLOSED)
            step = _step(action, session.phase, session.question_index, len(questions))
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
                    QuizSession.status == "open",
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
        await self._play.bus.publish(Event.now("live", code))
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
        task = asyncio.create_task(self._end_on_time(code, version))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _end_on_time(self, code: str, version: int) -> None:
        try:
            await self._advance(code, version, "end", automatic=True)
        except Exception:
            log.exception("live_deadline_failed", session_code=code)

    async def finish_for_close(self, raw_code: str) -> None:
        """Before a live session closes: the running question's answers into the totals."""
        async with self._sessions() as db:
            session, _ = await self._row(db, raw_code)
        if session.status == "open" and session.phase == "question":
            await self._advance(session.code, session.phase_version, "finish", automatic=True)

    def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()


# The host's view: no participant of its own.
_HOST = TokenUser("", "admin", False)

"""Sessions: opening and closing runs of a quiz, joining, serving questions and scoring answers."""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth import service as auth_service
from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import is_id, utcnow
from vocabquiz.errors import Conflict, Forbidden, NotFound, Unprocessable
from vocabquiz.events import Event, EventBus
from vocabquiz.leaderboard.store import Standing
from vocabquiz.observability import metrics
from vocabquiz.observability.timing import timed
from vocabquiz.quizzes.models import Question, Quiz
from vocabquiz.sessions import choice_order, schemas
from vocabquiz.sessions.codes import new_code, normalize_code
from vocabquiz.sessions.models import Answer, Participant, QuizSession
from vocabquiz.sessions.scoring import deadline_of, score_answer
from vocabquiz.sessions.standings import Standings, ranked, standing_of

CLOSED = "This session is closed"


@dataclass(frozen=True, slots=True)
class ChoiceContent:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True, slots=True)
class QuestionContent:
    id: str
    prompt: str
    time_limit_s: int | None
    points: int
    choices: tuple[ChoiceContent, ...]

    @property
    def correct_choice_id(self) -> str:
        return next(c.id for c in self.choices if c.correct)


class QuizContents:
    """Questions of the quizzes being played, kept in memory: a quiz cannot change while it has
    an open session, and answers are only taken on open sessions."""

    def __init__(self, capacity: int = 512) -> None:
        self._capacity = capacity
        self._by_session: OrderedDict[str, tuple[QuestionContent, ...]] = OrderedDict()

    async def of(self, db: AsyncSession, session: QuizSession) -> tuple[QuestionContent, ...]:
        content = self._by_session.get(session.id)
        if content is not None:
            self._by_session.move_to_end(session.id)
            return content
        questions = (
            await db.scalars(
                select(Question)
                .where(Question.quiz_id == session.quiz_id)
                .order_by(Question.position)
            )
        ).all()
        content = tuple(
            QuestionContent(
                id=q.id,
                prompt=q.prompt,
                time_limit_s=q.time_limit_s,
                points=q.points,
                choices=tuple(ChoiceContent(c.id, c.text, c.correct) for c in q.choices),
            )
            for q in questions
        )
        if session.status == "open":
            self._by_session[session.id] = content
            if len(self._by_session) > self._capacity:
                self._by_session.popitem(last=False)
        return content


@dataclass
class Play:
    """What every playing request needs: the shared collaborators."""

    standings: Standings
    bus: EventBus
    contents: QuizContents


async def _end_reads(db: AsyncSession) -> None:
    """End the read transaction before using the standings: a rebuild opens its own database
    session, and SQLite's single writer lock must not be held by this one meanwhile."""
    await db.commit()


# --- reading sessions ---------------------------------------------------------------------------


def _code(raw: str) -> str:
    code = normalize_code(raw)
    if code is None:
        raise NotFound("Session not found")
    return code


async def session_by_code(db: AsyncSession, raw_code: str) -> QuizSession:
    session = await db.scalar(select(QuizSession).where(QuizSession.code == _code(raw_code)))
    if session is None:
        raise NotFound("Session not found")
    return session


# The statements of the playing path are built once: building and keying a statement costs more
# CPU than PostgreSQL spends running it.
_SESSION_AND_PARTICIPANT = (
    select(QuizSession, Participant)
    .outerjoin(
        Participant,
        (Participant.session_id == QuizSession.id) & (Participant.user_id == bindparam("user_id")),
    )
    .where(QuizSession.code == bindparam("code"))
)
# Start the clock of a question, unless a concurrent request for the same turn just did.
_SERVE = (
    update(Participant)
    .where(
        Participant.id == bindparam("participant_id"),
        Participant.answered_count == bindparam("index"),
        (Participant.served_question_id.is_(None))
        | (Participant.served_question_id != bindparam("question_id")),
    )
    .values(served_question_id=bindparam("question_id"), served_at=bindparam("now"))
    .returning(Participant.served_at)
    .execution_options(synchronize_session=False)
)
# Record an answer's effect; the guard on answered_count lets exactly one of several concurrent
# answers through.
_MOVE_ON = (
    update(Participant)
    .where(
        Participant.id == bindparam("participant_id"),
        Participant.answered_count == bindparam("index"),
        Participant.served_question_id == bindparam("question_id"),
    )
    .values(
        score=bindparam("new_score"),
        answered_count=bindparam("new_answered_count"),
        correct_count=bindparam("new_correct_count"),
        streak=bindparam("new_streak"),
        reached_at=bindparam("new_reached_at"),
        served_question_id=None,
        served_at=None,
    )
    .execution_options(synchronize_session=False)
)
_INSERT_ANSWER = insert(Answer)


async def session_and_participant(
    db: AsyncSession, raw_code: str, user_id: str
) -> tuple[QuizSession, Participant | None]:
    row = (
        await db.execute(_SESSION_AND_PARTICIPANT, {"user_id": user_id, "code": _code(raw_code)})
    ).first()
    if row is None:
        raise NotFound("Session not found")
    return row[0], row[1]


async def _session_outs(db: AsyncSession, sessions: list[QuizSession]) -> list[schemas.SessionOut]:
    if not sessions:
        return []
    ids = [s.id for s in sessions]
    quiz_ids = {s.quiz_id for s in sessions}
    participants = dict(
        (
            await db.execute(
                select(Participant.session_id, func.count())
                .where(Participant.session_id.in_(ids))
                .group_by(Participant.session_id)
            )
        ).all()
    )
    quizzes = {
        quiz_id: (title, count)
        for quiz_id, title, count in await db.execute(
            select(Quiz.id, Quiz.title, func.count(Question.id))
            .outerjoin(Question, Question.quiz_id == Quiz.id)
            .where(Quiz.id.in_(quiz_ids))
            .group_by(Quiz.id, Quiz.title)
        )
    }
    return [
        schemas.SessionOut(
            id=s.id,
            code=s.code,
            quiz_id=s.quiz_id,
            quiz_title=quizzes[s.quiz_id][0],
            status=s.status,
            question_count=quizzes[s.quiz_id][1],
            participant_count=participants.get(s.id, 0),
            created_at=s.created_at,
            closed_at=s.closed_at,
            scoring=s.scoring,
            streak_bonus=s.streak_bonus,
        )
        for s in sessions
    ]


async def session_out(db: AsyncSession, session: QuizSession) -> schemas.SessionOut:
    return (await _session_outs(db, [session]))[0]


async def get_session(db: AsyncSession, raw_code: str) -> schemas.SessionOut:
    return await session_out(db, await session_by_code(db, raw_code))


async def list_sessions(db: AsyncSession, quiz_id: str) -> list[schemas.SessionOut]:
    if not is_id(quiz_id) or await db.get(Quiz, quiz_id) is None:
        raise NotFound("Quiz not found")
    sessions = (
        await db.scalars(
            select(QuizSession)
            .where(QuizSession.quiz_id == quiz_id)
            .order_by(QuizSession.created_at.desc(), QuizSession.id)
        )
    ).all()
    return await _session_outs(db, list(sessions))


# --- opening and closing ------------------------------------------------------------------------


async def open_session(db: AsyncSession, quiz_id: str, play: Play) -> schemas.SessionOut:
    quiz = await db.get(Quiz, quiz_id) if is_id(quiz_id) else None
    if quiz is None:
        raise NotFound("Quiz not found")
    if not await db.scalar(select(func.count(Question.id)).where(Question.quiz_id == quiz_id)):
        raise Conflict("This quiz has no questions yet; add one before opening a session")
    for _ in range(20):
        session = QuizSession(
            code=new_code(),
            quiz_id=quiz_id,
            status="open",
            scoring=quiz.scoring,
            streak_bonus=quiz.streak_bonus,
        )
        db.add(session)
        try:
            await db.commit()
            break
        except IntegrityError:
            await db.rollback()  # the code is taken: draw another
    else:
        raise Conflict("Could not find a free session code; try again")
    metrics.SESSIONS_OPENED.inc()
    await play.standings.store.load(session.code, [], 0)
    return await session_out(db, session)


async def close_session(db: AsyncSession, raw_code: str, play: Play) -> schemas.SessionOut:
    session = await session_by_code(db, raw_code)
    closed = await db.execute(
        update(QuizSession)
        .where(QuizSession.id == session.id, QuizSession.status == "open")
        .values(status="closed", closed_at=utcnow())
    )
    await db.commit()
    await db.refresh(session)
    if closed.rowcount:  # type: ignore[attr-defined]
        answers = await db.scalar(
            select(func.count(Answer.id))
            .join(Participant, Participant.id == Answer.participant_id)
            .where(Participant.session_id == session.id)
        )
        metrics.SESSION_ANSWERS.observe(answers or 0)
        await play.bus.publish(Event.now("session", session.code))
    return await session_out(db, session)


# --- joining --------------------------------------------------------------------------------------


def participant_out(participant: Participant, code: str) -> schemas.ParticipantOut:
    return schemas.ParticipantOut(
        id=participant.id,
        session_code=code,
        display_name=participant.display_name,
        score=participant.score,
        answered_count=participant.answered_count,
        correct_count=participant.correct_count,
        streak=participant.streak,
        joined_at=participant.joined_at,
    )


async def join_session(
    db: AsyncSession, raw_code: str, user: TokenUser, play: Play
) -> schemas.ParticipantOut:
    session, participant = await session_and_participant(db, raw_code, user.id)
    if participant is not None:
        return participant_out(participant, session.code)
    if session.status != "open":
        raise Conflict(CLOSED)
    account = await auth_service.signed_in_user(db, user.id)
    code = session.code
    now = utcnow()
    participant = Participant(
        session_id=session.id,
        user_id=user.id,
        display_name=account.display_name,
        joined_at=now,
        reached_at=now,
    )
    db.add(participant)
    try:
        await db.commit()
    except IntegrityError:
        # The same user joined at the same moment from elsewhere: that participant is the one.
        await db.rollback()
        _, participant = await session_and_participant(db, raw_code, user.id)
        if participant is None:
            raise
        return participant_out(participant, code)
    await play.standings.put(code, standing_of(participant))
    await play.bus.publish(Event.now("leaderboard", code))
    return participant_out(participant, code)


# --- playing --------------------------------------------------------------------------------------


async def _player(
    db: AsyncSession, raw_code: str, user: TokenUser
) -> tuple[QuizSession, Participant]:
    session, participant = await session_and_participant(db, raw_code, user.id)
    if participant is None:
        raise Forbidden("You have not joined this session")
    if session.status != "open":
        raise Conflict(CLOSED)
    return session, participant


def _turn(
    participant_id: str,
    index: int,
    content: tuple[QuestionContent, ...],
    served_at: datetime | None,
) -> schemas.Turn:
    if index >= len(content):
        return schemas.Turn(
            finished=True,
            index=len(content),
            total=len(content),
            question=None,
            served_at=None,
            deadline=None,
        )
    q = content[index]
    return schemas.Turn(
        finished=False,
        index=index,
        total=len(content),
        question=schemas.TurnQuestion(
            id=q.id,
            prompt=q.prompt,
            choices=[
                schemas.TurnChoice(id=c.id, text=c.text)
                for c in choice_order.for_participant(participant_id, q.choices)
            ],
            time_limit_s=q.time_limit_s,
            points=q.points,
        ),
        served_at=served_at,
        deadline=deadline_of(served_at, q.time_limit_s) if served_at else None,
    )


async def current_turn(
    db: AsyncSession, raw_code: str, user: TokenUser, play: Play
) -> schemas.Turn:
    session, participant = await _player(db, raw_code, user)
    content = await play.contents.of(db, session)
    index = participant.answered_count
    if index >= len(content):
        return _turn(participant.id, index, content, None)
    question = content[index]
    if participant.served_question_id == question.id and participant.served_at is not None:
        return _turn(participant.id, index, content, participant.served_at)
    served_at = (
        await db.execute(
            _SERVE,
            {
                "participant_id": participant.id,
                "index": index,
                "question_id": question.id,
                "now": utcnow(),
            },
        )
    ).scalar_one_or_none()
    await db.commit()
    if served_at is not None:
        return _turn(participant.id, index, content, served_at)
    # A concurrent request for this participant got there first: read what it did.
    await db.refresh(participant)
    if participant.answered_count != index:
        return await current_turn(db, raw_code, user, play)
    return _turn(participant.id, index, content, participant.served_at)


def _result(answer: Answer, question: QuestionContent, rank: int) -> schemas.AnswerResult:
    return schemas.AnswerResult(
        question_id=question.id,
        choice_id=answer.choice_id or "",
        correct=answer.correct,
        correct_choice_id=question.correct_choice_id,
        late=answer.late,
        points_awarded=answer.points_awarded,
        streak_bonus=answer.streak_bonus,
        streak=answer.streak,
        score=answer.score_after,
        rank=rank,
    )


async def _replay(
    db: AsyncSession,
    code: str,
    participant_id: str,
    question: QuestionContent,
    choice_id: str,
    play: Play,
) -> schemas.AnswerResult | None:
    """The stored result of an answer sent again; 409 for a different choice; None if unanswered."""
    answer = await db.scalar(
        select(Answer).where(
            Answer.participant_id == participant_id, Answer.question_id == question.id
        )
    )
    if answer is None:
        return None
    if answer.choice_id != choice_id:
        raise Conflict("You already answered this question with a different choice")
    participant = await db.get(Participant, participant_id, populate_existing=True)
    assert participant is not None
    await _end_reads(db)
    # The first request may not have updated the standings yet: make sure they hold this answer.
    rank = await play.standings.put(code, standing_of(participant))
    return _result(answer, question, rank)


async def submit_answer(
    db: AsyncSession, raw_code: str, user: TokenUser, data: schemas.AnswerIn, play: Play
) -> schemas.AnswerResult:
    answered_at = utcnow()
    session, participant = await _player(db, raw_code, user)
    content = await play.contents.of(db, session)
    question = next((q for q in content if q.id == data.question_id), None)
    if question is None:
        raise Conflict("That question is not the one being served to you")
    served = (
        participant.served_question_id == question.id
        and participant.served_at is not None
        and participant.answered_count < len(content)
        and content[participant.answered_count].id == question.id
    )
    if not served:
        replayed = await _replay(db, session.code, participant.id, question, data.choice_id, play)
        if replayed is None:
            raise Conflict("That question is not the one being served to you")
        return replayed
    choice = next((c for c in question.choices if c.id == data.choice_id), None)
    if choice is None:
        raise Unprocessable("That choice does not belong to this question")
    assert participant.served_at is not None
    scored = score_answer(
        points=question.points,
        time_limit_s=question.time_limit_s,
        correct=choice.correct,
        served_at=participant.served_at,
        answered_at=answered_at,
        rule=session.scoring,
        streak_bonus=session.streak_bonus,
        streak_before=participant.streak,
    )
    # A rollback expires the loaded rows: keep what is needed afterwards.
    code, participant_id = session.code, participant.id
    index = participant.answered_count
    new_score = participant.score + scored.points_awarded
    reached_at = answered_at if scored.points_awarded > 0 else participant.reached_at
    values = {
        "participant_id": participant.id,
        "question_id": question.id,
        "choice_id": choice.id,
        "correct": scored.correct,
        "late": scored.late,
        "points_awarded": scored.points_awarded,
        "streak_bonus": scored.streak_bonus,
        "streak": scored.streak,
        "score_after": new_score,
        "served_at": participant.served_at,
        "answered_at": answered_at,
        "elapsed_ms": scored.elapsed_ms,
    }
    with timed("insert_answer"):
        moved = await db.execute(
            _MOVE_ON,
            {
                "participant_id": participant.id,
                "index": index,
                "question_id": question.id,
                "new_score": new_score,
                "new_answered_count": index + 1,
                "new_correct_count": participant.correct_count + int(scored.correct),
                "new_streak": scored.streak,
                "new_reached_at": reached_at,
            },
        )
        stored = bool(moved.rowcount)  # type: ignore[attr-defined]
        if stored:
            # A plain INSERT: the ORM's unit of work costs more than the statement itself.
            await db.execute(_INSERT_ANSWER, values)
            try:
                await db.commit()
            except IntegrityError:
                stored = False
        if not stored:
            await db.rollback()
    if not stored:
        replayed = await _replay(db, code, participant_id, question, data.choice_id, play)
        if replayed is None:
            raise Conflict("That question is not the one being served to you")
        return replayed
    result = "late" if scored.late else ("correct" if scored.correct else "wrong")
    metrics.ANSWERS.labels(result=result).inc()
    standing = Standing(
        participant_id=participant.id,
        display_name=participant.display_name,
        score=new_score,
        answered_count=index + 1,
        correct_count=participant.correct_count + int(scored.correct),
        reached_at=reached_at,
        joined_at=participant.joined_at,
        streak=scored.streak,
    )
    rank = await play.standings.put(code, standing)
    await play.bus.publish(Event.now("leaderboard", code))
    return _result(Answer(**values), question, rank)


# --- reading standings and results ----------------------------------------------------------------


async def leaderboard(
    db: AsyncSession, raw_code: str, user: TokenUser, limit: int, play: Play
) -> schemas.LeaderboardOut:
    session, participant = await session_and_participant(db, raw_code, user.id)
    await _end_reads(db)
    board = await play.standings.board(session.code, limit)
    me = None
    if participant is not None:
        me = (await play.standings.entries_of(session.code, [participant.id])).get(participant.id)
    return schemas.LeaderboardOut(
        session_code=session.code,
        status=session.status,
        participant_count=board.participant_count,
        version=board.version,
        entries=[schemas.LeaderboardEntry(**e.as_dict()) for e in board.entries],
        me=schemas.LeaderboardEntry(**me.as_dict()) if me else None,
    )


async def results(
    db: AsyncSession, raw_code: str
) -> tuple[list[schemas.ParticipantResult], list[Question]]:
    session = await session_by_code(db, raw_code)
    participants = ranked(
        (await db.scalars(select(Participant).where(Participant.session_id == session.id))).all()
    )
    answers = (
        await db.scalars(
            select(Answer)
            .join(Participant, Participant.id == Answer.participant_id)
            .where(Participant.session_id == session.id)
            .order_by(Answer.answered_at)
        )
    ).all()
    by_participant: dict[str, list[schemas.AnswerRecord]] = {}
    for a in answers:
        by_participant.setdefault(a.participant_id, []).append(
            schemas.AnswerRecord(
                question_id=a.question_id,
                choice_id=a.choice_id,
                correct=a.correct,
                late=a.late,
                points_awarded=a.points_awarded,
                streak_bonus=a.streak_bonus,
                streak=a.streak,
                elapsed_ms=a.elapsed_ms,
                answered_at=a.answered_at,
            )
        )
    questions = (
        await db.scalars(
            select(Question).where(Question.quiz_id == session.quiz_id).order_by(Question.position)
        )
    ).all()
    rows = [
        schemas.ParticipantResult(
            **participant_out(p, session.code).model_dump(),
            rank=rank,
            answers=by_participant.get(p.id, []),
        )
        for rank, p in enumerate(participants, start=1)
    ]
    return rows, list(questions)


def _cell(value: object) -> object:
    """Keep spreadsheet programs from running a name as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def results_csv(rows: list[schemas.ParticipantResult], questions: list[Question]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["rank", "name", "score", "answered", "correct"]
        + [_cell(f"Q{i + 1}: {q.prompt}") for i, q in enumerate(questions)]
    )
    for row in rows:
        points = {a.question_id: a.points_awarded for a in row.answers}
        writer.writerow(
            [row.rank, _cell(row.display_name), row.score, row.answered_count, row.correct_count]
            + [points.get(q.id, "") for q in questions]
        )
    return out.getvalue()


async def history(db: AsyncSession, user: TokenUser, play: Play) -> list[schemas.HistoryEntry]:
    rows = (
        await db.execute(
            select(Participant, QuizSession)
            .join(QuizSession, QuizSession.id == Participant.session_id)
            .where(Participant.user_id == user.id)
            .order_by(Participant.joined_at.desc(), Participant.id)
        )
    ).all()
    outs = {s.id: s for s in await _session_outs(db, [s for _, s in rows])}
    missed = dict(
        (
            await db.execute(
                select(Answer.participant_id, func.count())
                .where(
                    Answer.participant_id.in_([p.id for p, _ in rows]),
                    (Answer.correct.is_(False)) | (Answer.late.is_(True)),
                )
                .group_by(Answer.participant_id)
            )
        ).all()
    )
    await _end_reads(db)
    entries = []
    for participant, session in rows:
        mine = await play.standings.entries_of(session.code, [participant.id])
        entry = mine.get(participant.id)
        out = outs[session.id]
        entries.append(
            schemas.HistoryEntry(
                session_code=session.code,
                quiz_title=out.quiz_title,
                status=out.status,
                score=participant.score,
                rank=entry.rank if entry else 0,
                participant_count=out.participant_count,
                answered_count=participant.answered_count,
                correct_count=participant.correct_count,
                missed_count=missed.get(participant.id, 0),
                joined_at=participant.joined_at,
            )
        )
    return entries


async def practice(db: AsyncSession, raw_code: str, user: TokenUser) -> schemas.Practice:
    """The questions this player missed in a session, with their answers: they have seen them."""
    session, participant = await session_and_participant(db, raw_code, user.id)
    if participant is None:
        raise Forbidden("You have not joined this session")
    missed = (
        await db.scalars(
            select(Question)
            .join(Answer, Answer.question_id == Question.id)
            .where(
                Answer.participant_id == participant.id,
                (Answer.correct.is_(False)) | (Answer.late.is_(True)),
            )
            .order_by(Question.position)
        )
    ).all()
    title = await db.scalar(select(Quiz.title).where(Quiz.id == session.quiz_id))
    return schemas.Practice(
        session_code=session.code,
        quiz_title=title or "",
        questions=[
            schemas.PracticeQuestion(
                id=q.id,
                prompt=q.prompt,
                choices=[
                    schemas.PracticeChoice(id=c.id, text=c.text, correct=c.correct)
                    for c in choice_order.for_participant(participant.id, q.choices)
                ],
            )
            for q in missed
        ],
    )

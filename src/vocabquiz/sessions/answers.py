"""The answer path: serving a participant's question and starting its clock, taking an answer,
an answer sent again, and the standings a player reads. Written for speed (the playing routes
call it for every request): one statement per step through the PlayStore, results as plain
dicts in the shape of the documented schemas (Turn, AnswerResult, LeaderboardOut)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from fastapi.exceptions import RequestValidationError

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import new_id, utcnow
from vocabquiz.errors import Conflict, ErrorCode, Forbidden, NotFound, Unprocessable
from vocabquiz.events import EventBus
from vocabquiz.leaderboard import frames
from vocabquiz.observability import metrics
from vocabquiz.observability.timing import timed
from vocabquiz.sessions import choice_order
from vocabquiz.sessions.codes import normalize_code
from vocabquiz.sessions.models import SessionStatus
from vocabquiz.sessions.play_store import (
    AnswerRow,
    Move,
    ParticipantRow,
    PlayStore,
    QuestionContent,
    SessionRow,
)
from vocabquiz.sessions.scoring import Score, deadline_of, score_answer
from vocabquiz.sessions.standings import Standings, standing_of

CLOSED = "This session is closed"
LIVE = "This session is live: its host shows each question (see /api/sessions/{code}/live)"
NOT_SERVED = "That question is not the one being served to you"
NO_CHOICE = "Pick a choice: an answer without one is taken only once the question's time is up"


def no_choice(message: str = NO_CHOICE) -> RequestValidationError:
    """A null choice where one is needed: refused as the body's fault, like any invalid field."""
    return RequestValidationError(
        [{"type": "choice_needed", "loc": ("body", "choice_id"), "msg": message, "input": None}]
    )


# The counters' children looked up once: `labels()` costs more than `inc()`.
_ANSWERS = {r: metrics.ANSWERS.labels(result=r) for r in ("correct", "wrong", "late")}


@dataclass(frozen=True, slots=True)
class QuizContent:
    questions: tuple[QuestionContent, ...]
    by_id: dict[str, QuestionContent]


class QuizContents:
    """Questions of the quizzes being played, kept in memory, by quiz and version (its
    updated_at, which every change of its questions moves): sessions of the same quiz share
    them, and a changed quiz is read again. Read once however many players ask at once."""

    def __init__(self, capacity: int = 256) -> None:
        self._capacity = capacity
        self._by_quiz: OrderedDict[tuple[str, datetime], asyncio.Future[QuizContent]] = (
            OrderedDict()
        )

    async def of(self, store: PlayStore, session: SessionRow) -> QuizContent:
        key = (session.quiz_id, session.quiz_version)
        loading = self._by_quiz.get(key)
        if loading is not None:
            self._by_quiz.move_to_end(key)
            return await asyncio.shield(loading)
        loading = self._by_quiz[key] = asyncio.get_running_loop().create_future()
        if len(self._by_quiz) > self._capacity:
            self._by_quiz.popitem(last=False)
        try:
            questions = await store.questions(session.quiz_id)
        except BaseException as exc:
            self._by_quiz.pop(key, None)
            loading.set_exception(exc)
            loading.exception()  # the waiters, if any, raise it; no "never retrieved" warning
            raise
        content = QuizContent(questions, {q.id: q for q in questions})
        loading.set_result(content)
        return content


class Turns:
    """Each participant's row as this process last wrote or read it (with its session's), so
    that serving the next question and taking the answer need no read. A stale entry does no
    harm: a participant's totals change only together with answered_count, and both writes are
    guarded by answered_count, the served question and the session being open, so they refuse
    and the turn is read afresh."""

    def __init__(self, capacity: int = 100_000) -> None:
        self._capacity = capacity
        self._served: dict[tuple[str, str], tuple[SessionRow, ParticipantRow]] = {}

    def remember(self, session: SessionRow, participant: ParticipantRow, user_id: str) -> None:
        if len(self._served) >= self._capacity:
            for old in list(islice(self._served, self._capacity // 10 or 1)):
                del self._served[old]
        self._served[session.code, user_id] = (session, participant)

    def known(self, code: str, user_id: str) -> tuple[SessionRow, ParticipantRow] | None:
        return self._served.get((code, user_id))

    def forget(self, code: str, user_id: str) -> None:
        self._served.pop((code, user_id), None)


@dataclass
class Play:
    """What every playing request needs: the shared collaborators."""

    store: PlayStore
    standings: Standings
    bus: EventBus
    contents: QuizContents
    turns: Turns = field(default_factory=Turns)


def session_code(raw: str) -> str:
    code = normalize_code(raw)
    if code is None:
        raise NotFound("Session not found", ErrorCode.SESSION_NOT_FOUND)
    return code


async def viewer(
    play: Play, raw_code: str, user: TokenUser
) -> tuple[SessionRow, ParticipantRow | None]:
    """The session and, when the user takes part, their participant."""
    found = await play.store.player(session_code(raw_code), user.id)
    if found is None:
        raise NotFound("Session not found", ErrorCode.SESSION_NOT_FOUND)
    return found


async def _player(play: Play, raw_code: str, user: TokenUser) -> tuple[SessionRow, ParticipantRow]:
    session, participant = await viewer(play, raw_code, user)
    if participant is None:
        raise Forbidden("You have not joined this session", ErrorCode.NOT_JOINED)
    if session.status != SessionStatus.OPEN:
        raise Conflict(CLOSED, ErrorCode.SESSION_CLOSED)
    if session.mode == "live":
        raise Conflict(LIVE, ErrorCode.SESSION_IS_LIVE)
    return session, participant


def _turn(
    participant_id: str, index: int, content: QuizContent, served_at: datetime | None
) -> dict[str, Any]:
    total = len(content.questions)
    if index >= total:
        return {
            "finished": True,
            "index": total,
            "total": total,
            "question": None,
            "served_at": None,
            "deadline": None,
        }
    q = content.questions[index]
    return {
        "finished": False,
        "index": index,
        "total": total,
        "question": {
            "id": q.id,
            "prompt": q.prompt,
            "choices": [
                {"id": c.id, "text": c.text}
                for c in choice_order.for_participant(participant_id, q.choices)
            ],
            "time_limit_s": q.time_limit_s,
            "points": q.points,
        },
        "served_at": served_at,
        "deadline": deadline_of(served_at, q.time_limit_s) if served_at else None,
    }


async def current_turn(play: Play, raw_code: str, user: TokenUser) -> dict[str, Any]:
    """The participant's question; the first read of it serves it and starts its clock."""
    known = play.turns.known(session_code(raw_code), user.id)
    if known is not None and known[1].served_question_id is None:
        # This process took the participant's last answer: serve the next question without a
        # read. The write refuses if anything moved since, and the turn is read afresh.
        turn = await _serve(play, *known, user)
        if turn is not None:
            return turn
    session, participant = await _player(play, raw_code, user)
    content = await play.contents.of(play.store, session)
    index = participant.answered_count
    if index < len(content.questions):
        question = content.questions[index]
        if participant.served_question_id == question.id and participant.served_at is not None:
            play.turns.remember(session, participant, user.id)
            return _turn(participant.id, index, content, participant.served_at)
    turn = await _serve(play, session, participant, user)
    # None: a concurrent request for this participant got there first; read what it did.
    return turn if turn is not None else await current_turn(play, raw_code, user)


async def _serve(
    play: Play, session: SessionRow, participant: ParticipantRow, user: TokenUser
) -> dict[str, Any] | None:
    """Serve the question at the participant's turn as given and start its clock; None when
    the write refuses (served or answered meanwhile, or the session closed)."""
    content = await play.contents.of(play.store, session)
    index = participant.answered_count
    if index >= len(content.questions):
        return _turn(participant.id, index, content, None)
    question = content.questions[index]
    served_at = await play.store.serve(session.id, participant.id, index, question.id, utcnow())
    if served_at is None:
        play.turns.forget(session.code, user.id)
        return None
    served = participant._replace(served_question_id=question.id, served_at=served_at)
    play.turns.remember(session, served, user.id)
    return _turn(participant.id, index, content, served_at)


def _result(answer: AnswerRow, question: QuestionContent, rank: int) -> dict[str, Any]:
    return {
        "question_id": question.id,
        "choice_id": answer.choice_id,
        "correct": answer.correct,
        "correct_choice_id": question.correct_choice_id,
        "late": answer.late,
        "points_awarded": answer.points_awarded,
        "streak_bonus": answer.streak_bonus,
        "streak": answer.streak,
        "score": answer.score_after,
        "rank": rank,
    }


async def _replay(
    play: Play, code: str, participant_id: str, question: QuestionContent, choice_id: str | None
) -> dict[str, Any]:
    """The stored result of an answer sent again; 409 for a different choice or none stored."""
    found = await play.store.stored_answer(participant_id, question.id)
    if found is None:
        raise Conflict(NOT_SERVED, ErrorCode.QUESTION_NOT_SERVED)
    answer, participant = found
    if answer.choice_id != choice_id:
        raise Conflict(
            "You already answered this question with a different choice", ErrorCode.ALREADY_ANSWERED
        )
    # The first request may not have updated the standings yet: make sure they hold this answer.
    rank = await play.standings.put(code, standing_of(participant))
    return _result(answer, question, rank)


async def submit_answer(
    play: Play, raw_code: str, user: TokenUser, question_id: str, choice_id: str | None
) -> dict[str, Any]:
    answered_at = utcnow()
    code = session_code(raw_code)
    known = play.turns.known(code, user.id)
    if known is not None and known[1].served_question_id == question_id:
        # The question this process served: no read. If anything moved since, the guarded
        # write refuses, and the answer takes the reading path below.
        result = await _take(play, *known, question_id, choice_id, answered_at, user)
        if result is not None:
            return result
    session, participant = await _player(play, raw_code, user)
    result = await _take(play, session, participant, question_id, choice_id, answered_at, user)
    if result is None:
        question = (await play.contents.of(play.store, session)).by_id[question_id]
        return await _replay(play, session.code, participant.id, question, choice_id)
    return result


def answer_row(
    participant_id: str,
    question_id: str,
    choice_id: str | None,
    scored: Score,
    score_before: int,
    served_at: datetime,
    answered_at: datetime,
) -> AnswerRow:
    """The answer as stored, from its scoring and the participant's score before it."""
    return AnswerRow(
        id=new_id(),
        participant_id=participant_id,
        question_id=question_id,
        choice_id=choice_id,
        correct=scored.correct,
        late=scored.late,
        points_awarded=scored.points_awarded,
        streak_bonus=scored.streak_bonus,
        streak=scored.streak,
        score_after=score_before + scored.points_awarded,
        served_at=served_at,
        answered_at=answered_at,
        elapsed_ms=scored.elapsed_ms,
    )


async def _take(
    play: Play,
    session: SessionRow,
    participant: ParticipantRow,
    question_id: str,
    choice_id: str | None,
    answered_at: datetime,
    user: TokenUser,
) -> dict[str, Any] | None:
    """Score and record an answer to the question served to `participant` as given; None when
    the write's guard refuses it (another answer to this turn, the session closed, or totals
    that moved since they were read)."""
    content = await play.contents.of(play.store, session)
    question = content.by_id.get(question_id)
    if question is None:
        raise Conflict(NOT_SERVED, ErrorCode.QUESTION_NOT_SERVED)
    index = participant.answered_count
    served_at = participant.served_at
    served = (
        participant.served_question_id == question.id
        and index < len(content.questions)
        and content.questions[index].id == question.id
    )
    if not served or served_at is None:
        return await _replay(play, session.code, participant.id, question, choice_id)
    choice = None
    if choice_id is not None:
        choice = next((c for c in question.choices if c.id == choice_id), None)
        if choice is None:
            raise Unprocessable(
                "That choice does not belong to this question", ErrorCode.CHOICE_INVALID
            )
    scored = score_answer(
        points=question.points,
        time_limit_s=question.time_limit_s,
        correct=choice is not None and choice.correct,
        served_at=served_at,
        answered_at=answered_at,
        rule=session.scoring,
        streak_bonus=session.streak_bonus,
        streak_before=participant.streak,
    )
    if choice is None and not scored.late:
        raise no_choice()
    choice_id = choice.id if choice is not None else None
    answer = answer_row(
        participant.id, question.id, choice_id, scored, participant.score, served_at, answered_at
    )
    score = answer.score_after
    correct_count = participant.correct_count + int(scored.correct)
    reached_at = answered_at if scored.points_awarded > 0 else participant.reached_at
    move = Move(
        session.id, participant.id, index, question.id, score, correct_count, scored.streak,
        reached_at,
    )  # fmt: skip
    with timed("insert_answer"):
        display_name = await play.store.record(move, answer)
    if display_name is None:
        play.turns.forget(session.code, user.id)
        return None
    _ANSWERS["late" if scored.late else ("correct" if scored.correct else "wrong")].inc()
    moved = ParticipantRow(
        id=participant.id,
        display_name=display_name,
        score=score,
        answered_count=index + 1,
        correct_count=correct_count,
        streak=scored.streak,
        joined_at=participant.joined_at,
        reached_at=reached_at,
        served_question_id=None,
        served_at=None,
    )
    play.turns.remember(session, moved, user.id)
    rank = await play.standings.put(session.code, standing_of(moved))
    return _result(answer, question, rank)


async def leaderboard(play: Play, raw_code: str, user: TokenUser, limit: int) -> dict[str, Any]:
    session, participant = await viewer(play, raw_code, user)
    mine = [participant.id] if participant is not None else []
    board = await play.standings.board(session.code, limit, mine)
    me = board.mine.get(mine[0]) if mine else None
    return frames.standings_body(
        session.code, session.status, board.participant_count, board.version, board.entries, me
    )

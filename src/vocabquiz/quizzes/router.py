from __future__ import annotations

from fastapi import APIRouter, Response, status

from vocabquiz.dependencies import Admin, Db
from vocabquiz.quizzes import service
from vocabquiz.quizzes.schemas import (
    QuestionIn,
    QuestionOut,
    QuizIn,
    QuizOut,
    QuizPatch,
    QuizSummary,
)

router = APIRouter(prefix="/api/quizzes", tags=["quizzes"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_quiz(body: QuizIn, admin: Admin, db: Db) -> QuizOut:
    return QuizOut.model_validate(await service.create_quiz(db, body, admin.id))


@router.get("")
async def list_quizzes(_admin: Admin, db: Db) -> list[QuizSummary]:
    return await service.list_quizzes(db)


@router.get("/{quiz_id}")
async def get_quiz(quiz_id: str, _admin: Admin, db: Db) -> QuizOut:
    return QuizOut.model_validate(await service.get_quiz(db, quiz_id))


@router.patch("/{quiz_id}")
async def update_quiz(quiz_id: str, body: QuizPatch, _admin: Admin, db: Db) -> QuizOut:
    return QuizOut.model_validate(await service.update_quiz(db, quiz_id, body))


@router.delete("/{quiz_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_quiz(quiz_id: str, _admin: Admin, db: Db) -> Response:
    await service.delete_quiz(db, quiz_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{quiz_id}/questions", status_code=status.HTTP_201_CREATED)
async def add_question(quiz_id: str, body: QuestionIn, _admin: Admin, db: Db) -> QuestionOut:
    return QuestionOut.model_validate(await service.add_question(db, quiz_id, body))


@router.put("/{quiz_id}/questions/{question_id}")
async def replace_question(
    quiz_id: str, question_id: str, body: QuestionIn, _admin: Admin, db: Db
) -> QuestionOut:
    return QuestionOut.model_validate(
        await service.replace_question(db, quiz_id, question_id, body)
    )


@router.delete("/{quiz_id}/questions/{question_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_question(quiz_id: str, question_id: str, _admin: Admin, db: Db) -> Response:
    await service.delete_question(db, quiz_id, question_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""The demo quiz: a real vocabulary quiz, so that a newcomer can play at once."""

from __future__ import annotations

from sqlalchemy import select

from vocabquiz.db import migrate, open_database
from vocabquiz.quizzes import service as quizzes
from vocabquiz.quizzes.models import Quiz
from vocabquiz.quizzes.schemas import ChoiceIn, QuestionIn, QuizIn
from vocabquiz.sessions import service as sessions
from vocabquiz.sessions.models import QuizSession, SessionStatus
from vocabquiz.settings import Settings

TITLE = "Everyday English: words that matter"
DESCRIPTION = (
    "Fifteen questions on useful B1-B2 words: meanings, words from meanings, synonyms and "
    "words in context."
)

# (prompt, correct answer, wrong answers)
QUESTIONS: list[tuple[str, str, list[str]]] = [
    (
        'What does "reluctant" mean?',
        "unwilling and hesitant",
        ["very excited", "extremely tired", "slightly confused"],
    ),
    (
        'What does "thrifty" mean?',
        "careful with money",
        ["easily frightened", "full of energy", "badly organised"],
    ),
    (
        'What does "vivid" mean?',
        "very bright and clear",
        ["hard to remember", "quiet and calm", "old and faded"],
    ),
    (
        'What does "to postpone" mean?',
        "to move to a later time",
        ["to cancel for ever", "to finish early", "to announce publicly"],
    ),
    (
        'Which word means "a strong feeling of wanting to know something"?',
        "curiosity",
        ["anxiety", "gratitude", "jealousy"],
    ),
    ('Which word means "happening every year"?', "annual", ["ancient", "eventual", "occasional"]),
    (
        'Which word means "to make something less severe or painful"?',
        "alleviate",
        ["aggravate", "abandon", "accumulate"],
    ),
    ('Choose the synonym of "enormous".', "huge", ["tiny", "narrow", "ordinary"]),
    ('Choose the synonym of "brave".', "courageous", ["cautious", "careless", "cheerful"]),
    (
        'Choose the synonym of "to begin".',
        "to commence",
        ["to conclude", "to conceal", "to compare"],
    ),
    ('Choose the opposite of "generous".', "mean", ["kind", "wealthy", "honest"]),
    (
        "She felt ___ after the long walk, so she went straight to bed.",
        "exhausted",
        ["exhausting", "excited", "energetic"],
    ),
    (
        "The film was so ___ that half the audience fell asleep.",
        "boring",
        ["bored", "thrilling", "frightened"],
    ),
    (
        "Could you ___ me your pen for a minute? I've forgotten mine.",
        "lend",
        ["borrow", "give back", "owe"],
    ),
    ("He apologised for his ___ behaviour at the party.", "rude", ["polite", "grateful", "rural"]),
]


def demo_quiz() -> QuizIn:
    questions = []
    for number, (prompt, answer, wrong) in enumerate(QUESTIONS):
        # Vary where the right answer sits, so the demo does not teach "always press 1".
        choices = [ChoiceIn(text=w, correct=False) for w in wrong]
        choices.insert(number % (len(wrong) + 1), ChoiceIn(text=answer, correct=True))
        questions.append(QuestionIn(prompt=prompt, choices=choices, time_limit_s=20, points=1000))
    return QuizIn(title=TITLE, description=DESCRIPTION, questions=questions)


async def load_demo(settings: Settings) -> str:
    """Create the demo quiz (once) and an open session of it (unless one is open); its code."""
    await migrate(settings.database_url)
    database = open_database(settings)
    try:
        async with database.sessions() as db:
            quiz_id = await db.scalar(select(Quiz.id).where(Quiz.title == TITLE))
            if quiz_id is None:
                quiz = await quizzes.create_quiz(db, demo_quiz(), author_id=None)
                # Nobody's: the school's, for every teacher to duplicate.
                quiz.shared = True
                await db.commit()
                quiz_id = quiz.id
            code = await db.scalar(
                select(QuizSession.code).where(
                    QuizSession.quiz_id == quiz_id, QuizSession.status == SessionStatus.OPEN
                )
            )
            if code is None:
                # The running server builds its standings from the database on first use.
                code = (await sessions.open_session(db, quiz_id, opened_by=None)).code
            return code
    finally:
        await database.dispose()

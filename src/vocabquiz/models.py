"""Every table, imported in one place for migrations and tests."""

from vocabquiz.auth.models import User
from vocabquiz.quizzes.models import Choice, Question, Quiz
from vocabquiz.sessions.models import Answer, Participant, QuizSession

__all__ = ["Answer", "Choice", "Participant", "Question", "Quiz", "QuizSession", "User"]

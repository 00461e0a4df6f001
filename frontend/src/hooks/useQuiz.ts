import { useQuery } from '@tanstack/react-query'
import { unwrap } from '../api/client'
import { getQuiz, listQuizSessions } from '../client'

/** A quiz with its questions, for the admin screens of one quiz. */
export function useQuiz(quizId: string) {
  return useQuery({ queryKey: ['quiz', quizId], queryFn: () => unwrap(getQuiz({ path: { quiz_id: quizId } })) })
}

/** The sessions of a quiz, newest first: an open one locks its questions. */
export function useQuizSessions(quizId: string) {
  return useQuery({
    queryKey: ['quiz-sessions', quizId],
    queryFn: () => unwrap(listQuizSessions({ path: { quiz_id: quizId } })),
  })
}

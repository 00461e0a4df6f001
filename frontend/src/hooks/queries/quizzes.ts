import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import type { Question, QuestionInput, Quiz, Session, SessionMode } from '../../api/types'
import {
  addQuestion,
  createQuiz,
  deleteQuestion,
  deleteQuiz,
  getQuiz,
  listQuizSessions,
  listQuizzes,
  openSession,
  replaceQuestion,
  updateQuiz,
} from '../../client'
import type { QuizDetails } from '../../components/QuizDetailsForm'

export const quizKeys = {
  /** The teacher's quizzes, with how many questions and sessions each has. */
  all: ['quizzes'] as const,
  /** One quiz with its questions. */
  detail: (quizId: string) => ['quiz', quizId] as const,
  /** The sessions of a quiz, newest first. */
  sessions: (quizId: string) => ['quiz-sessions', quizId] as const,
}

/** A quiz whose questions changed is read again, and so is the list, which counts them. */
export function invalidateQuiz(queryClient: QueryClient, quizId: string) {
  void queryClient.invalidateQueries({ queryKey: quizKeys.detail(quizId) })
  void queryClient.invalidateQueries({ queryKey: quizKeys.all })
}

/** Whether a quiz's questions are locked: the players of an open session are answering them. */
export function hasOpenSession(sessions: Session[] | undefined): boolean {
  return (sessions ?? []).some((s) => s.status === 'open')
}

function quizFields(details: QuizDetails) {
  return {
    title: details.title,
    description: details.description,
    scoring: details.scoring,
    streak_bonus: details.streakBonus,
  }
}

export function useQuizzes() {
  return useQuery({ queryKey: quizKeys.all, queryFn: () => unwrap(listQuizzes()) })
}

/** A quiz with its questions, for the admin screens of one quiz. */
export function useQuiz(quizId: string) {
  return useQuery({ queryKey: quizKeys.detail(quizId), queryFn: () => unwrap(getQuiz({ path: { quiz_id: quizId } })) })
}

/** The sessions of a quiz, newest first: an open one locks its questions. */
export function useQuizSessions(quizId: string) {
  return useQuery({
    queryKey: quizKeys.sessions(quizId),
    queryFn: () => unwrap(listQuizSessions({ path: { quiz_id: quizId } })),
  })
}

/** A new quiz has no questions yet: they are added on its own screen. */
export function useCreateQuiz(onCreated: (quiz: Quiz) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (details: QuizDetails) => unwrap(createQuiz({ body: { ...quizFields(details), questions: [] } })),
    onSuccess: (quiz) => {
      void queryClient.invalidateQueries({ queryKey: quizKeys.all })
      onCreated(quiz)
    },
  })
}

export function useUpdateQuiz(quizId: string, onSaved: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (details: QuizDetails) => unwrap(updateQuiz({ path: { quiz_id: quizId }, body: quizFields(details) })),
    onSuccess: () => {
      invalidateQuiz(queryClient, quizId)
      onSaved()
    },
  })
}

export function useDeleteQuiz(quizId: string, onDeleted: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(deleteQuiz({ path: { quiz_id: quizId } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: quizKeys.all })
      onDeleted()
    },
  })
}

/** Adds a question, or replaces the one with `id`. */
export function useSaveQuestion(quizId: string, onSaved: (vars: { id?: string }) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: QuestionInput }) =>
      unwrap(
        id
          ? replaceQuestion({ path: { quiz_id: quizId, question_id: id }, body: input })
          : addQuestion({ path: { quiz_id: quizId }, body: input }),
      ),
    onSuccess: (_question, vars) => {
      invalidateQuiz(queryClient, quizId)
      onSaved(vars)
    },
  })
}

export function useDeleteQuestion(quizId: string, question: Question, onDeleted: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(deleteQuestion({ path: { quiz_id: quizId, question_id: question.id } })),
    onSuccess: () => {
      invalidateQuiz(queryClient, quizId)
      onDeleted()
    },
  })
}

/** Opens a session of the quiz; the quiz's sessions and the list (which counts them) are read again. */
export function useOpenSession(quizId: string, onOpened: (session: Session) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (mode: SessionMode) => unwrap(openSession({ path: { quiz_id: quizId }, body: { mode } })),
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: quizKeys.sessions(quizId) })
      void queryClient.invalidateQueries({ queryKey: quizKeys.all })
      onOpened(session)
    },
  })
}

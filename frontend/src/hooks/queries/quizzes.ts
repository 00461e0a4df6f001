import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { retryNetworkOnly } from '../../api/errors'
import type { Question, QuestionInput, Quiz, QuizScope, QuizSummary, Session, SessionMode } from '../../api/types'
import {
  addQuestion,
  createQuiz,
  deleteQuestion,
  deleteQuiz,
  duplicateQuiz,
  getQuiz,
  handOverQuiz,
  listQuizSessions,
  listQuizzes,
  openSession,
  replaceQuestion,
  updateQuiz,
} from '../../client'
import type { QuizDetails } from '../../components/QuizDetailsForm'
import { teacherKeys } from './teachers'

export const quizKeys = {
  /** Every list of quizzes, with how many questions and sessions each has. */
  all: ['quizzes'] as const,
  /** One list: the teacher's own, the school's shared ones, or all of them. */
  list: (scope: QuizScope) => ['quizzes', scope] as const,
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

/** How many quizzes a list asks for at a time: the school library of thirty teachers runs long. */
export const QUIZ_PAGE_SIZE = 50

/** A list of quizzes, newest first, a page at a time. */
export function useQuizzes(scope: QuizScope) {
  const query = useInfiniteQuery({
    queryKey: quizKeys.list(scope),
    // One more than a page is asked for: it shows whether there is a next page without fetching an empty one.
    queryFn: ({ pageParam }) => unwrap(listQuizzes({ query: { scope, limit: QUIZ_PAGE_SIZE + 1, offset: pageParam } })),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.length > QUIZ_PAGE_SIZE ? pages.length * QUIZ_PAGE_SIZE : undefined),
  })
  const pages = query.data?.pages.map((page) => page.slice(0, QUIZ_PAGE_SIZE)) ?? []
  return { ...query, quizzes: distinctQuizzes(pages) }
}

/** The pages as one list: a quiz created between two pages moves the rest down, so one may come twice. */
function distinctQuizzes(pages: QuizSummary[][]): QuizSummary[] {
  const byId = new Map<string, QuizSummary>()
  for (const quiz of pages.flat()) if (!byId.has(quiz.id)) byId.set(quiz.id, quiz)
  return [...byId.values()]
}

/** A quiz with its questions, for the screens of one quiz; one the caller may not see is a 404 at once. */
export function useQuiz(quizId: string) {
  return useQuery({
    queryKey: quizKeys.detail(quizId),
    queryFn: () => unwrap(getQuiz({ path: { quiz_id: quizId } })),
    retry: retryNetworkOnly,
  })
}

/** The sessions of a quiz, newest first: an open one locks its questions. Only its owner and admins may ask. */
export function useQuizSessions(quizId: string, enabled = true) {
  return useQuery({
    queryKey: quizKeys.sessions(quizId),
    queryFn: () => unwrap(listQuizSessions({ path: { quiz_id: quizId } })),
    enabled,
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

/** Shares a quiz with the school (every teacher may read and duplicate it), or stops sharing it. */
export function useShareQuiz(quizId: string, onChanged: (quiz: Quiz) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (shared: boolean) => unwrap(updateQuiz({ path: { quiz_id: quizId }, body: { shared } })),
    onSuccess: (quiz) => {
      invalidateQuiz(queryClient, quizId)
      onChanged(quiz)
    },
  })
}

/** Copies a quiz the caller may read into their own library, unshared. */
export function useDuplicateQuiz(onCopied: (copy: Quiz) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (quizId: string) => unwrap(duplicateQuiz({ path: { quiz_id: quizId } })),
    onSuccess: (copy) => {
      void queryClient.invalidateQueries({ queryKey: quizKeys.all })
      onCopied(copy)
    },
  })
}

/** An admin gives a quiz to another teacher; the teachers' quiz counts change with it. */
export function useHandOverQuiz(quizId: string, onHandedOver: (quiz: Quiz) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) => unwrap(handOverQuiz({ path: { quiz_id: quizId }, body: { user_id: userId } })),
    onSuccess: (quiz) => {
      invalidateQuiz(queryClient, quizId)
      void queryClient.invalidateQueries({ queryKey: teacherKeys.all })
      onHandedOver(quiz)
    },
  })
}

import { useQuery } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { quizAnalytics, sessionAnalytics } from '../../client'

export const analyticsKeys = {
  session: (code: string) => ['analytics', 'session', code] as const,
  quiz: (quizId: string) => ['analytics', 'quiz', quizId] as const,
}

/** How each question went: in one session when there is a code, else in all sessions of the quiz. */
export function useAnalytics({ code, quizId }: { code: string | null; quizId: string }) {
  return useQuery({
    queryKey: code ? analyticsKeys.session(code) : analyticsKeys.quiz(quizId),
    queryFn: () => unwrap(code ? sessionAnalytics({ path: { code } }) : quizAnalytics({ path: { quiz_id: quizId } })),
  })
}

import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query'
import { downloadFile, unwrap } from '../../api/client'
import type { Participant, Session } from '../../api/types'
import { closeSession, getResults, getSession, joinSession } from '../../client'
import { quizKeys } from './quizzes'

export const sessionKeys = {
  detail: (code: string) => ['session', code] as const,
  /** Every player's score and answers, best first. */
  results: (code: string) => ['results', code] as const,
}

export function useSession(code: string, options: Pick<UseQueryOptions<Session>, 'retry'> = {}) {
  return useQuery({
    queryKey: sessionKeys.detail(code),
    queryFn: () => unwrap(getSession({ path: { code } })),
    ...options,
  })
}

/** Closes a session: its answer is the closed session, and the quiz's sessions are read again. */
export function useCloseSession(code: string, onClosed: (closed: Session) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(closeSession({ path: { code } })),
    onSuccess: (closed) => {
      queryClient.setQueryData(sessionKeys.detail(code), closed)
      void queryClient.invalidateQueries({ queryKey: quizKeys.sessions(closed.quiz_id) })
      onClosed(closed)
    },
  })
}

export function useJoinSession(onJoined: (participant: Participant) => void) {
  return useMutation({
    mutationFn: (code: string) => unwrap(joinSession({ path: { code } })),
    onSuccess: onJoined,
  })
}

export function useResults(code: string) {
  return useQuery({ queryKey: sessionKeys.results(code), queryFn: () => unwrap(getResults({ path: { code } })) })
}

/** The results as a CSV file for the gradebook, saved by the browser. */
export function useResultsDownload(code: string) {
  return useMutation({
    mutationFn: () =>
      downloadFile(`/api/sessions/${encodeURIComponent(code)}/results?format=csv`, `vocabquiz-${code}.csv`),
  })
}

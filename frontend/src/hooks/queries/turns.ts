import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { unwrap, unwrapWithClock } from '../../api/client'
import { isApiError, retryNetworkOnly } from '../../api/errors'
import { readAsPlayer } from '../../api/readAsPlayer'
import type { AnswerResult, Turn } from '../../api/types'
import { getTurn, submitAnswer } from '../../client'
import { historyKeys } from './history'
import { sessionKeys } from './sessions'

export const turnKeys = {
  /** The question a player of a self-paced session is on, with its clock. */
  current: (code: string) => ['turn', code] as const,
}

/** A turn as received, with how far the server's clock is ahead of ours (for the countdown). */
export type LoadedTurn = { data: Turn; serverOffsetMs: number }

/**
 * The current question; someone who arrives without having joined (e.g. a shared link) joins first.
 * The server keeps the served question (and its clock) until it is answered, so a refresh resumes it:
 * it is never read again behind the player's back.
 */
export function useTurn(code: string) {
  return useQuery<LoadedTurn>({
    queryKey: turnKeys.current(code),
    queryFn: () => readAsPlayer(code, () => unwrapWithClock(getTurn({ path: { code } }))),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: retryNetworkOnly,
  })
}

/** Forgets the answered question, so that the next one is read. */
export function useNextTurn(code: string) {
  const queryClient = useQueryClient()
  return useCallback(() => void queryClient.resetQueries({ queryKey: turnKeys.current(code) }), [queryClient, code])
}

/**
 * Answers the current question. No choice (null) only once the time is up: the player goes on
 * without picking, and it scores nothing. An answer changes the player's history; a refusal because
 * the server moved on without us (another tab answered, the session closed) reads the session again.
 */
export function useSubmitAnswer(
  code: string,
  callbacks: { onAnswered: (result: AnswerResult) => void; onError: (error: Error) => void },
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (vars: { questionId: string; choiceId: string | null }) =>
      unwrap(submitAnswer({ path: { code }, body: { question_id: vars.questionId, choice_id: vars.choiceId } })),
    onSuccess: (result) => {
      callbacks.onAnswered(result)
      void queryClient.invalidateQueries({ queryKey: historyKeys.mine })
    },
    onError: (error) => {
      if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(code) })
      callbacks.onError(error)
    },
  })
}

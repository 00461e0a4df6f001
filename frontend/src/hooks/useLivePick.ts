import { useCallback, useState } from 'react'
import { isApiError } from '../api/errors'
import type { LiveState } from '../api/types'
import { useLiveAnswer } from './queries/live'

/**
 * A player's pick for the live question on screen: the one the server has (`mine`), one on its way,
 * one that didn't get there; and whether the time is up (the local clock ran out in this phase, or
 * the server refused the answer because the question had ended).
 */
export function useLivePick(code: string, state: LiveState | undefined, refresh: () => void) {
  const version = state?.phase_version ?? null
  // The phase version the local clock ran out in: a new question starts with a fresh clock.
  const [expiredIn, setExpiredIn] = useState<number | null>(null)
  const answer = useLiveAnswer(code)

  const question = state?.phase === 'question' ? state.question : null
  const forThisQuestion = answer.variables !== undefined && answer.variables.version === version
  const mine = state?.my_choice_id ?? null
  const refused = answer.isError && forThisQuestion && isApiError(answer.error, 409)
  const timeUp = mine === null && (expiredIn === version || refused)

  const choose = useCallback(
    (choiceId: string) => {
      if (!question || version === null || mine || answer.isPending || timeUp) return
      answer.mutate({ questionId: question.id, choiceId, version })
    },
    [question, version, mine, answer, timeUp],
  )

  const onExpire = useCallback(() => {
    setExpiredIn(version)
    refresh() // the server ends the question if nobody else has
  }, [version, refresh])

  return {
    mine,
    timeUp,
    choose,
    onExpire,
    sending: answer.isPending,
    pending: answer.isPending && forThisQuestion ? answer.variables.choiceId : null,
    failed:
      answer.isError && forThisQuestion && !refused
        ? { error: answer.error, resend: () => answer.variables && answer.mutate(answer.variables) }
        : null,
  }
}

export type LivePick = ReturnType<typeof useLivePick>

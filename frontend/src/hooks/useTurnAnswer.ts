import type { UseQueryResult } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/errors'
import type { AnswerResult } from '../api/types'
import { feedbackAnnouncement } from '../components/AnswerFeedback'
import { useNextTurn, useSubmitAnswer, type LoadedTurn } from './queries/turns'
import { choiceText } from '../lib/choiceText'

/**
 * A self-paced player's answer to the question on screen: the pick, the server's result, whether
 * the time ran out, and what a screen reader hears. `next` clears it all and reads the next question,
 * which then takes the focus (`promptHeading`) and is announced.
 */
export function useTurnAnswer(code: string, turnQuery: UseQueryResult<LoadedTurn>) {
  const { t } = useTranslation()
  const turn = turnQuery.data?.data
  const question = turn?.question ?? null
  const [chosenId, setChosenId] = useState<string | null>(null)
  const [result, setResult] = useState<AnswerResult | null>(null)
  const [timeUp, setTimeUp] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const promptHeading = useRef<HTMLHeadingElement>(null)
  // Set by "Next question": the question that comes next then takes the focus and is announced.
  const movedOn = useRef(false)
  const nextTurn = useNextTurn(code)

  const answer = useSubmitAnswer(code, {
    onAnswered: (answerResult) => {
      setResult(answerResult)
      setAnnouncement(
        feedbackAnnouncement(answerResult, question ? choiceText(question, answerResult.correct_choice_id) : '', t),
      )
    },
    // No longer a player here (removed while the stream was down): reading the turn says why.
    onError: (error) => {
      if (isApiError(error, 403)) void turnQuery.refetch()
    },
  })

  const choose = useCallback(
    (choiceId: string) => {
      if (!question || answer.isPending || result) return
      setChosenId(choiceId)
      answer.mutate({ questionId: question.id, choiceId })
    },
    [question, answer, result],
  )

  // Time's up and nothing picked: go on without an answer (the server takes it as late, 0 points).
  const skip = useCallback(() => {
    if (!question || answer.isPending || result) return
    answer.mutate({ questionId: question.id, choiceId: null })
  }, [question, answer, result])

  const next = useCallback(() => {
    movedOn.current = true
    setChosenId(null)
    setResult(null)
    setTimeUp(false)
    setAnnouncement('')
    answer.reset()
    nextTurn()
  }, [answer, nextTurn])

  // The button pressed to go on is gone with the old question: the new one takes the focus, and says
  // where the player is (its progress line is not read on its own).
  useEffect(() => {
    if (!question || !turn || !movedOn.current) return
    movedOn.current = false
    promptHeading.current?.focus()
    setAnnouncement(
      t('play.turn.announceQuestion', {
        current: Math.min(turn.index + 1, turn.total),
        total: turn.total,
        prompt: question.prompt,
      }),
    )
  }, [question?.id]) // Only a new question, not a new copy of the same one.

  const onExpire = useCallback(() => {
    setTimeUp(true)
    setAnnouncement(t('play.turn.announceTimeUp'))
  }, [t])

  return { chosenId, result, timeUp, announcement, answer, choose, skip, next, onExpire, promptHeading }
}

export type TurnAnswer = ReturnType<typeof useTurnAnswer>

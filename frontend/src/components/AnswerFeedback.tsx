import { Text } from '@chakra-ui/react'
import type { AnswerResult } from '../api/types'
import { ordinal } from '../lib/ordinal'
import { FeedbackPanel } from './FeedbackPanel'

export function feedbackHeadline(result: Pick<AnswerResult, 'correct' | 'late'>): {
  title: string
  emoji: string
  palette: string
} {
  if (result.correct && !result.late) return { title: 'Correct!', emoji: '🎉', palette: 'green' }
  if (result.late) return { title: "Time's up", emoji: '⏰', palette: 'orange' }
  return { title: 'Not quite', emoji: '💡', palette: 'red' }
}

/**
 * The streak part of the points in words: "incl. +200 streak bonus", "3 in a row", or both; empty
 * when neither applies (no bonus and no run of two or more).
 */
export function streakParts(result: Pick<AnswerResult, 'streak' | 'streak_bonus'>): {
  bonus: string | null
  run: string | null
} {
  return {
    bonus: result.streak_bonus > 0 ? `incl. +${result.streak_bonus.toLocaleString()} streak bonus` : null,
    run: result.streak >= 2 ? `${result.streak} in a row` : null,
  }
}

/** What happened with the answer just given: right or wrong, the right answer, points won. */
export function AnswerFeedback({
  result,
  correctText,
  isLast,
  onNext,
  nextLoading,
}: {
  result: AnswerResult
  correctText: string
  isLast: boolean
  onNext: () => void
  nextLoading?: boolean
}) {
  const { title, emoji, palette } = feedbackHeadline(result)
  const streak = streakParts(result)
  return (
    <FeedbackPanel
      palette={palette}
      emoji={emoji}
      title={
        <>
          {title}
          {result.points_awarded > 0 && ` +${result.points_awarded.toLocaleString()} points`}
        </>
      }
      lastLabel="See my results"
      isLast={isLast}
      onNext={onNext}
      nextLoading={nextLoading}
      testId="answer-feedback"
    >
      {(streak.bonus || streak.run) && (
        <Text fontWeight="bold" color="orange.fg" data-testid="streak-line">
          {streak.bonus}
          {streak.bonus && streak.run && ' · '}
          {streak.run && (
            <Text as="span" whiteSpace="nowrap">
              <span aria-hidden>🔥 </span>
              {streak.run}
            </Text>
          )}
        </Text>
      )}
      {!result.correct && (
        <Text fontSize="md">
          The answer was <strong>{correctText}</strong>.
        </Text>
      )}
      {result.correct && result.late && <Text fontSize="md">Right answer, but too late to score.</Text>}
      <Text fontSize="sm" color="fg.muted" mt="1">
        Your score: {result.score.toLocaleString()} · {ordinal(result.rank)} place
      </Text>
    </FeedbackPanel>
  )
}

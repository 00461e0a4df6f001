import { Text } from '@chakra-ui/react'
import type { AnswerResult } from '../api/types'
import { ordinal } from '../lib/ordinal'
import { FeedbackPanel } from './FeedbackPanel'
import { streakParts, StreakLine } from './StreakLine'

export function feedbackHeadline(result: Pick<AnswerResult, 'correct' | 'late'>): {
  title: string
  emoji: string
  palette: string
} {
  if (result.correct && !result.late) return { title: 'Correct!', emoji: '🎉', palette: 'green' }
  if (result.late) return { title: "Time's up", emoji: '⏰', palette: 'orange' }
  return { title: 'Not quite', emoji: '💡', palette: 'red' }
}

/** The feedback in one sentence or a few, for screen readers: what the panel below says. */
export function feedbackAnnouncement(result: AnswerResult, correctText: string): string {
  const { title } = feedbackHeadline(result)
  const streak = streakParts(result)
  const bonus = result.streak_bonus > 0 ? `, including ${result.streak_bonus} streak bonus` : ''
  return [
    /[.!?]$/.test(title) ? title : `${title}.`,
    result.choice_id === null ? 'The time ran out before you answered.' : '',
    !result.correct && correctText ? `The answer was ${correctText}.` : '',
    result.late && result.choice_id === result.correct_choice_id ? 'Right answer, but too late to score.' : '',
    result.points_awarded > 0 ? `Plus ${result.points_awarded} points${bonus}.` : '',
    streak.run ? `${streak.run}!` : '',
  ]
    .filter(Boolean)
    .join(' ')
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
      <StreakLine result={result} />
      {result.choice_id === null && <Text fontSize="md">The time ran out before you answered.</Text>}
      {!result.correct && (
        <Text fontSize="md">
          The answer was <strong>{correctText}</strong>.
        </Text>
      )}
      {result.late && result.choice_id === result.correct_choice_id && (
        <Text fontSize="md">Right answer, but too late to score.</Text>
      )}
      <Text fontSize="sm" color="fg.muted" mt="1">
        Your score: {result.score.toLocaleString()} · {ordinal(result.rank)} place
      </Text>
    </FeedbackPanel>
  )
}

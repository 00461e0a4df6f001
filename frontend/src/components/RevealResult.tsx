import { Heading, HStack, Stack, Text } from '@chakra-ui/react'
import type { LiveOutcome } from '../api/types'
import { ordinal } from '../lib/ordinal'
import { feedbackHeadline } from './AnswerFeedback'
import { ResultBox } from './ResultBox'
import { StreakLine } from './StreakLine'

/** The headline of a player's result: right, wrong, or no answer in time. */
export function revealHeadline(outcome: LiveOutcome): { title: string; emoji: string; palette: string } {
  if (!outcome.answered) return { title: "Time's up", emoji: '⏰', palette: 'orange' }
  return feedbackHeadline(outcome)
}

/** Where the player stands after a question, in words: "2nd place · 150 points behind #1". */
export function standingLine(outcome: LiveOutcome): string {
  if (outcome.rank === 1) return "1st place: you're in the lead!"
  if (outcome.behind === null) return `${ordinal(outcome.rank)} place`
  if (outcome.behind === 0) return `${ordinal(outcome.rank)} place, level with #${outcome.rank - 1}`
  const points = outcome.behind === 1 ? 'point' : 'points'
  return `${ordinal(outcome.rank)} place · ${outcome.behind.toLocaleString()} ${points} behind #${outcome.rank - 1}`
}

/** A player's own result of the question just revealed: right or wrong, points, streak and place. */
export function RevealResult({
  outcome,
  correctChoiceId,
  correctText,
}: {
  outcome: LiveOutcome
  correctChoiceId: string
  correctText: string
}) {
  // A late answer is never counted as correct; the right pick, too late, is still worth saying.
  const rightTooLate = outcome.late && outcome.choice_id === correctChoiceId
  const { title, emoji, palette } = revealHeadline(outcome)
  return (
    <ResultBox palette={palette} testId="reveal-result">
      <HStack gap="3" align="start">
        <Text fontSize="4xl" lineHeight="1" aria-hidden>
          {emoji}
        </Text>
        <Stack gap="1">
          <Heading as="h3" size="xl" color="colorPalette.fg">
            {title}
            {outcome.points_awarded > 0 && ` +${outcome.points_awarded.toLocaleString()} points`}
          </Heading>
          <StreakLine result={outcome} />
          {!outcome.answered && <Text>You didn't answer this one.</Text>}
          {!outcome.correct && (
            <Text>
              The answer was <strong>{correctText}</strong>.
            </Text>
          )}
          {rightTooLate && <Text>Right answer, but too late to score.</Text>}
          <Text fontWeight="bold" fontSize="lg" mt="1" data-testid="standing-line">
            {standingLine(outcome)}
          </Text>
          <Text fontSize="sm" color="fg.muted">
            Your score: {outcome.score.toLocaleString()}
          </Text>
        </Stack>
      </HStack>
    </ResultBox>
  )
}

import { Heading, HStack, Stack, Text } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { Trans, useTranslation } from 'react-i18next'
import type { LiveOutcome } from '../api/types'
import { useFormat } from '../hooks/useFormat'
import { feedbackHeadline } from './AnswerFeedback'
import { ResultBox } from './ResultBox'
import { StreakLine } from './StreakLine'

type Format = ReturnType<typeof useFormat>

/** The headline of a player's result: right, wrong, or no answer in time (which reads as a late one). */
export function revealHeadline(outcome: LiveOutcome, t: TFunction): ReturnType<typeof feedbackHeadline> {
  return feedbackHeadline(outcome.answered ? outcome : { correct: false, late: true }, t)
}

/** Where the player stands after a question, in words: "2nd place · 150 points behind #1". */
export function standingLine(outcome: LiveOutcome, t: TFunction, f: Format): string {
  if (outcome.rank === 1) return t('live.reveal.leading')
  const place = f.place(outcome.rank)
  const above = f.number(outcome.rank - 1)
  if (outcome.behind === null) return t('live.reveal.place', { place })
  if (outcome.behind === 0) return t('live.reveal.level', { place, above })
  const points = t('live.reveal.points', { count: outcome.behind })
  return t('live.reveal.behind', { place, points, above })
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
  const { t } = useTranslation()
  const f = useFormat()
  // A late answer is never counted as correct; the right pick, too late, is still worth saying.
  const rightTooLate = outcome.late && outcome.choice_id === correctChoiceId
  const { title, emoji, palette } = revealHeadline(outcome, t)
  return (
    <ResultBox palette={palette} testId="reveal-result">
      <HStack gap="3" align="start">
        <Text fontSize="4xl" lineHeight="1" aria-hidden>
          {emoji}
        </Text>
        <Stack gap="1">
          <Heading as="h3" size="xl" color="colorPalette.fg">
            {title}
            {outcome.points_awarded > 0 && ` ${t('live.reveal.plusPoints', { count: outcome.points_awarded })}`}
          </Heading>
          <StreakLine result={outcome} />
          {!outcome.answered && <Text>{t('live.reveal.noAnswer')}</Text>}
          {!outcome.correct && (
            <Text>
              <Trans
                i18nKey="live.reveal.answerWas"
                values={{ answer: correctText }}
                components={[<strong key="answer" />]}
              />
            </Text>
          )}
          {rightTooLate && <Text>{t('live.reveal.rightTooLate')}</Text>}
          <Text fontWeight="bold" fontSize="lg" mt="1" data-testid="standing-line">
            {standingLine(outcome, t, f)}
          </Text>
          <Text fontSize="sm" color="fg.muted">
            {t('live.reveal.score', { score: outcome.score })}
          </Text>
        </Stack>
      </HStack>
    </ResultBox>
  )
}

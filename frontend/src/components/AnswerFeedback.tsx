import { Text } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { Trans, useTranslation } from 'react-i18next'
import type { AnswerResult } from '../api/types'
import { useFormat } from '../hooks/useFormat'
import { FeedbackPanel } from './FeedbackPanel'
import { StreakLine } from './StreakLine'

/**
 * The headline of an answer's result, as shown and as a spoken sentence, with its emoji and colour;
 * `t` is the caller's (from useTranslation).
 */
export function feedbackHeadline(
  result: Pick<AnswerResult, 'correct' | 'late'>,
  t: TFunction,
): { title: string; spoken: string; emoji: string; palette: string } {
  if (result.correct && !result.late)
    return {
      title: t('play.feedback.correct'),
      spoken: t('play.feedback.announceCorrect'),
      emoji: '🎉',
      palette: 'green',
    }
  if (result.late)
    return {
      title: t('play.feedback.timeUp'),
      spoken: t('play.feedback.announceTimeUp'),
      emoji: '⏰',
      palette: 'orange',
    }
  return {
    title: t('play.feedback.notQuite'),
    spoken: t('play.feedback.announceNotQuite'),
    emoji: '💡',
    palette: 'red',
  }
}

/** The feedback in one sentence or a few, for screen readers: what the panel below says. */
export function feedbackAnnouncement(result: AnswerResult, correctText: string, t: TFunction): string {
  const points = result.points_awarded
  return [
    feedbackHeadline(result, t).spoken,
    result.choice_id === null ? t('play.feedback.noAnswer') : '',
    !result.correct && correctText ? t('play.feedback.announceAnswer', { answer: correctText }) : '',
    result.late && result.choice_id === result.correct_choice_id ? t('play.feedback.tooLate') : '',
    points > 0 && result.streak_bonus > 0
      ? t('play.feedback.announcePointsWithBonus', { count: points, bonus: result.streak_bonus })
      : points > 0
        ? t('play.feedback.announcePoints', { count: points })
        : '',
    result.streak >= 2 ? t('play.feedback.announceRun', { count: result.streak }) : '',
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
  const { t } = useTranslation()
  const f = useFormat()
  const { title, emoji, palette } = feedbackHeadline(result, t)
  return (
    <FeedbackPanel
      palette={palette}
      emoji={emoji}
      title={
        <>
          {title}
          {result.points_awarded > 0 && ` ${t('play.feedback.points', { count: result.points_awarded })}`}
        </>
      }
      lastLabel={t('play.feedback.seeResults')}
      isLast={isLast}
      onNext={onNext}
      nextLoading={nextLoading}
      testId="answer-feedback"
    >
      <StreakLine result={result} />
      {result.choice_id === null && <Text fontSize="md">{t('play.feedback.noAnswer')}</Text>}
      {!result.correct && (
        <Text fontSize="md">
          <Trans
            i18nKey="play.feedback.answerWas"
            values={{ answer: correctText }}
            components={[<strong key="answer" />]}
          />
        </Text>
      )}
      {result.late && result.choice_id === result.correct_choice_id && (
        <Text fontSize="md">{t('play.feedback.tooLate')}</Text>
      )}
      <Text fontSize="sm" color="fg.muted" mt="1">
        {t('play.feedback.score', { score: result.score, place: f.place(result.rank) })}
      </Text>
    </FeedbackPanel>
  )
}

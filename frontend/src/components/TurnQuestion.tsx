import { Box, Button, Stack, Text } from '@chakra-ui/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/errors'
import type { Turn } from '../api/types'
import type { TurnAnswer } from '../hooks/useTurnAnswer'
import { choiceText } from '../lib/choiceText'
import { AnswerButtons } from './AnswerButtons'
import { AnswerFeedback } from './AnswerFeedback'
import { AnswerNotSent } from './AnswerNotSent'
import { CountdownBar } from './CountdownBar'
import { PlayerQuestionCard } from './PlayerQuestionCard'
import { InlineError } from './StateViews'
import { TimeUpNotice } from './TimeUpNotice'
import { ForwardArrow } from './Arrows'

/** Once the clock has run out: the player may go on without an answer, or still pick one. */
function TimeUpSkip({ play }: { play: TurnAnswer }) {
  const { t } = useTranslation()
  const { answer } = play
  return (
    <Stack gap="3" data-testid="time-up">
      <TimeUpNotice>{t('play.turn.timeUp')}</TimeUpNotice>
      <Button
        alignSelf="start"
        size="xl"
        onClick={play.skip}
        loading={answer.isPending && answer.variables?.choiceId === null}
        disabled={answer.isPending}
        data-testid="skip-question"
      >
        {t('play.turn.skip')} <ForwardArrow />
      </Button>
    </Stack>
  )
}

/** The question's clock, which stops at the pick; or that it has none. */
function TurnTimer({
  turn,
  questionId,
  serverOffsetMs,
  play,
}: {
  turn: Turn
  questionId: string
  serverOffsetMs: number | undefined
  play: TurnAnswer
}) {
  const { t } = useTranslation()
  if (!turn.deadline || !turn.served_at)
    return (
      <Text fontSize="sm" color="fg.muted">
        {t('play.turn.noTimeLimit')}
      </Text>
    )
  return (
    <CountdownBar
      key={questionId}
      servedAt={turn.served_at}
      deadline={turn.deadline}
      serverOffsetMs={serverOffsetMs}
      stopped={play.chosenId !== null}
      onExpire={play.onExpire}
    />
  )
}

/** The question a self-paced player is on: their clock, the answers, and how their answer went. */
export function TurnQuestion({
  turn,
  question,
  serverOffsetMs,
  play,
}: {
  turn: Turn
  question: NonNullable<Turn['question']>
  serverOffsetMs: number | undefined
  play: TurnAnswer
}) {
  const { t } = useTranslation()
  const { chosenId, result, answer } = play
  const answerButtons = useRef<HTMLDivElement>(null)

  // Focusing "Next question" scrolls it into view, which on a phone can push the pick up under the
  // sticky header and strip: bring the pick back down, just under them (the buttons' scroll margin).
  useEffect(() => {
    if (!result) return
    const index = question.choices.findIndex((c) => c.id === result.choice_id)
    answerButtons.current?.querySelectorAll('button')[index]?.scrollIntoView({ block: 'nearest' })
  }, [result]) // Once per answer.

  const refused = answer.isError && isApiError(answer.error, 409)
  return (
    <PlayerQuestionCard
      index={turn.index}
      total={turn.total}
      points={question.points}
      prompt={question.prompt}
      promptRef={play.promptHeading}
      timer={<TurnTimer turn={turn} questionId={question.id} serverOffsetMs={serverOffsetMs} play={play} />}
      keyTip={question.choices.length}
    >
      {play.timeUp && !result && <TimeUpSkip play={play} />}
      <Box ref={answerButtons} css={{ '& button': { scrollMarginTop: { base: '24', lg: '16' } } }}>
        <AnswerButtons
          choices={question.choices}
          onAnswer={play.choose}
          disabled={answer.isPending || result !== null}
          chosenId={chosenId}
          correctId={result?.correct_choice_id ?? null}
        />
      </Box>
      {answer.isError && !refused && (
        <AnswerNotSent error={answer.error} onResend={() => answer.variables && answer.mutate(answer.variables)} />
      )}
      {refused && (
        <Stack gap="2">
          <InlineError error={answer.error} title={t('play.turn.refused')} />
          <Button alignSelf="start" variant="outline" onClick={play.next}>
            {t('play.turn.continue')}
          </Button>
        </Stack>
      )}
      {result && (
        <AnswerFeedback
          result={result}
          correctText={choiceText(question, result.correct_choice_id)}
          isLast={turn.index + 1 >= turn.total}
          onNext={play.next}
        />
      )}
    </PlayerQuestionCard>
  )
}

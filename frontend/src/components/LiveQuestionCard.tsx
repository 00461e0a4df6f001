import { Box, HStack, Spinner, Text } from '@chakra-ui/react'
import { Trans, useTranslation } from 'react-i18next'
import { LuLock } from 'react-icons/lu'
import type { LiveQuestion, LiveReveal, LiveState } from '../api/types'
import type { LivePick } from '../hooks/useLivePick'
import { choiceText } from '../lib/choiceText'
import { AnswerButtons } from './AnswerButtons'
import { AnswerNotSent } from './AnswerNotSent'
import { LiveCountdown } from './LiveCountdown'
import { PlayerQuestionCard } from './PlayerQuestionCard'
import { RevealResult } from './RevealResult'
import { TimeUpNotice } from './TimeUpNotice'

function LockedIn({ choice }: { choice: string }) {
  const { t } = useTranslation()
  return (
    <HStack
      colorPalette="purple"
      bg="colorPalette.subtle"
      color="colorPalette.fg"
      p="4"
      borderRadius="xl"
      gap="3"
      data-testid="locked-in"
    >
      <LuLock aria-hidden />
      <Box>
        <Text fontWeight="black" fontSize="lg">
          {t('live.question.lockedIn')}
        </Text>
        <Text>
          <Trans i18nKey="live.question.youPicked" values={{ choice }} components={[<strong key="choice" />]} />
        </Text>
      </Box>
    </HStack>
  )
}

/** The answer once the question has ended, with how the player did if they played. */
function RevealedAnswer({ reveal, question }: { reveal: LiveReveal; question: LiveQuestion }) {
  const correctText = choiceText(question, reveal.correct_choice_id)
  if (reveal.me)
    return <RevealResult outcome={reveal.me} correctChoiceId={reveal.correct_choice_id} correctText={correctText} />
  return (
    <Text fontSize="lg">
      <Trans i18nKey="live.reveal.answerWas" values={{ answer: correctText }} components={[<strong key="answer" />]} />
    </Text>
  )
}

/** A live question as a player sees it: the answers until the question ends, then how it went. */
export function LiveQuestionCard({
  state,
  question,
  serverOffsetMs,
  pick,
  answeredCount,
  participantCount,
}: {
  state: LiveState
  question: LiveQuestion
  serverOffsetMs: number | undefined
  pick: LivePick
  answeredCount: number
  participantCount: number
}) {
  const { t } = useTranslation()
  const { mine, timeUp } = pick
  const reveal = state.phase === 'reveal' ? state.reveal : null
  const timer = !reveal && (
    <LiveCountdown
      state={state}
      serverOffsetMs={serverOffsetMs}
      onExpire={pick.onExpire}
      untimed={
        <Text fontSize="sm" color="fg.muted">
          {t('live.question.untimed')}
        </Text>
      }
    />
  )
  return (
    <PlayerQuestionCard
      index={state.question_index ?? 0}
      total={state.question_count}
      points={question.points}
      prompt={question.prompt}
      timer={timer}
      keyTip={!reveal && !mine && !timeUp ? question.choices.length : null}
    >
      {reveal && <RevealedAnswer reveal={reveal} question={question} />}
      {timeUp && !reveal && <TimeUpNotice testId="time-up">{t('live.question.timeUp')}</TimeUpNotice>}
      <AnswerButtons
        choices={question.choices}
        onAnswer={pick.choose}
        disabled={reveal !== null || mine !== null || pick.sending || timeUp}
        chosenId={reveal?.me?.choice_id ?? mine ?? pick.pending}
        correctId={reveal?.correct_choice_id ?? null}
      />
      {!reveal && mine && <LockedIn choice={choiceText(question, mine)} />}
      {pick.failed && <AnswerNotSent error={pick.failed.error} onResend={pick.failed.resend} />}
      {!reveal && (
        <Text fontSize="sm" color="fg.muted" data-testid="answered-count">
          {t('live.question.answered', { answered: answeredCount, count: participantCount })}
        </Text>
      )}
      {reveal && (
        <Text color="fg.muted" display="flex" alignItems="center" gap="2">
          <Spinner size="xs" aria-hidden /> {t('live.question.waitingForTeacher')}
        </Text>
      )}
    </PlayerQuestionCard>
  )
}

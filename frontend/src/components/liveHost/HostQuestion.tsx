import { Button, Flex, Heading, HStack, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuSkipForward, LuSquare } from 'react-icons/lu'
import type { LiveQuestion, LiveState } from '../../api/types'
import type { LiveHost } from '../../hooks/useLiveHost'
import { ChoiceTiles } from '../ChoiceTiles'
import { LiveCountdown } from '../LiveCountdown'
import { QuizProgress } from '../QuizProgress'
import { InlineError } from '../StateViews'
import { EndGameButton, SpaceHint } from './HostControls'

/** A question running, big enough for the room: its choices, the clock, and how many have answered. */
export function HostQuestion({
  state,
  question,
  serverOffsetMs,
  onExpire,
  answeredCount,
  participantCount,
  host,
}: {
  state: LiveState
  question: LiveQuestion
  serverOffsetMs: number | undefined
  onExpire: () => void
  answeredCount: number
  participantCount: number
  host: LiveHost
}) {
  const { t } = useTranslation()
  return (
    <Stack gap={{ base: '5', xl: '8' }} flex="1" as="section" aria-labelledby="question-prompt">
      <QuizProgress index={state.question_index ?? 0} total={state.question_count} points={question.points} />
      <Heading
        dir="auto"
        as="h2"
        id="question-prompt"
        size={{ base: '3xl', lg: '5xl', '2xl': '6xl' }}
        textAlign="center"
        lineHeight="short"
        py={{ base: '2', xl: '6' }}
      >
        {question.prompt}
      </Heading>
      <LiveCountdown
        state={state}
        serverOffsetMs={serverOffsetMs}
        onExpire={onExpire}
        size="lg"
        untimed={
          <Text textAlign="center" color="fg.muted" fontSize="lg">
            {t('host.hostQuestion.untimed')}
          </Text>
        }
      />
      <ChoiceTiles choices={question.choices} />
      <Flex
        justify="space-between"
        align="center"
        gap="4"
        wrap="wrap"
        mt="auto"
        pt="4"
        borderTopWidth="1px"
        borderColor="border"
      >
        <Text fontSize={{ base: '2xl', xl: '4xl' }} fontWeight="black" data-testid="answered-count">
          {t('host.hostQuestion.answered', { count: answeredCount, total: participantCount })}
        </Text>
        <HStack gap="3" wrap="wrap">
          <SpaceHint to="end" />
          <Button size="2xl" onClick={() => host.run('end')} loading={host.pending} data-testid="main-action">
            <LuSquare /> {t('host.hostQuestion.end')}
          </Button>
          <Button size="2xl" variant="outline" onClick={() => host.run('skip')} disabled={host.pending}>
            <LuSkipForward /> {t('host.hostQuestion.skip')}
          </Button>
          <EndGameButton host={host} />
        </HStack>
      </Flex>
      <InlineError error={host.error} title={t('host.stepFailed')} />
    </Stack>
  )
}

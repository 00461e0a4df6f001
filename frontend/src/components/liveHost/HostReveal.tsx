import { Box, Button, Flex, Grid, Heading, Stack, Text } from '@chakra-ui/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { LuTrophy } from 'react-icons/lu'
import type { LiveQuestion, LiveReveal, LiveState } from '../../api/types'
import type { LiveHost } from '../../hooks/useLiveHost'
import { choiceText } from '../../lib/choiceText'
import { Leaderboard } from '../Leaderboard'
import { PlayerActions } from '../PlayerActions'
import { QuizProgress } from '../QuizProgress'
import { InlineError } from '../StateViews'
import { VoteBars } from '../VoteBars'
import { EndGameButton, SpaceHint } from './HostControls'
import { ForwardArrow } from '../Arrows'

function TopPlayers({ code, reveal }: { code: string; reveal: LiveReveal }) {
  const { t } = useTranslation()
  const previousRanks = useMemo(
    () => new Map(reveal.top.map((entry) => [entry.participant_id, entry.previous_rank])),
    [reveal],
  )
  return (
    <Stack gap="4" as="section" aria-labelledby="top-heading">
      <Heading as="h3" id="top-heading" size={{ base: 'xl', xl: '2xl' }}>
        {t('host.hostReveal.top', { count: reveal.top.length })}
      </Heading>
      {reveal.top.length === 0 ? (
        <Text color="fg.muted">{t('host.hostReveal.nobodyScored')}</Text>
      ) : (
        <Leaderboard
          entries={reveal.top}
          size="lg"
          label={t('host.topPlayers')}
          previousRanks={previousRanks}
          rowActions={(row) => <PlayerActions code={code} player={row} />}
          actionsOnHover
        />
      )}
    </Stack>
  )
}

/** After a question: the right answer, how the room voted, the top players, and on to the next. */
export function HostReveal({
  code,
  state,
  question,
  reveal,
  host,
}: {
  code: string
  state: LiveState
  question: LiveQuestion
  reveal: LiveReveal
  host: LiveHost
}) {
  const { t } = useTranslation()
  const last = (state.question_index ?? 0) + 1 >= state.question_count
  return (
    <Stack gap={{ base: '5', xl: '8' }} flex="1" as="section" aria-labelledby="reveal-heading">
      <QuizProgress index={state.question_index ?? 0} total={state.question_count} />
      <Box textAlign="center">
        <Text dir="auto" fontSize={{ base: 'xl', xl: '3xl' }} color="fg.muted" fontWeight="semibold">
          {question.prompt}
        </Text>
        <Heading as="h2" id="reveal-heading" size={{ base: '3xl', lg: '5xl' }} lineHeight="short">
          <Text as="span" color="green.fg">
            {choiceText(question, reveal.correct_choice_id)}
          </Text>
        </Heading>
      </Box>
      <Grid
        templateColumns={{ base: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }}
        gap={{ base: '6', xl: '10' }}
        alignItems="start"
      >
        <VoteBars choices={question.choices} votes={reveal.votes} correctId={reveal.correct_choice_id} size="lg" />
        <TopPlayers code={code} reveal={reveal} />
      </Grid>
      <Flex justify="end" align="center" gap="3" wrap="wrap" mt="auto" pt="4" borderTopWidth="1px">
        <SpaceHint to={last ? 'podium' : 'next'} />
        <Button size="2xl" onClick={() => host.run('next')} loading={host.pending} data-testid="main-action">
          {last ? (
            <>
              <LuTrophy /> {t('host.hostReveal.showPodium')}
            </>
          ) : (
            <>
              {t('host.hostReveal.next')} <ForwardArrow />
            </>
          )}
        </Button>
        {!last && <EndGameButton host={host} />}
      </Flex>
      <InlineError error={host.error} title={t('host.stepFailed')} />
    </Stack>
  )
}

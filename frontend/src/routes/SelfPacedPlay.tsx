import { Box, Container, Grid, VisuallyHidden } from '@chakra-ui/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/errors'
import type { Leaderboard, Session } from '../api/types'
import { FinalRank } from '../components/FinalRank'
import { LeaderboardPanel } from '../components/LeaderboardPanel'
import { PlayHeader } from '../components/PlayHeader'
import { RankStrip } from '../components/RankStrip'
import { RemovedView } from '../components/RemovedView'
import { ScoringBadges } from '../components/ScoringRule'
import { ErrorState, LoadingState } from '../components/StateViews'
import { TurnQuestion } from '../components/TurnQuestion'
import { UnknownCodeView } from '../components/UnknownCodeView'
import { useTurn } from '../hooks/queries/turns'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useRemoval } from '../hooks/useRemoval'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { useTurnAnswer, type TurnAnswer } from '../hooks/useTurnAnswer'

/** Whether the standings can still change: someone listed has questions left, or not everyone is listed. */
function othersStillPlaying(leaderboard: Leaderboard | null | undefined, total: number): boolean {
  if (!leaderboard) return true
  if (leaderboard.participant_count > leaderboard.entries.length) return true
  return leaderboard.entries.some((entry) => entry.answered_count < total)
}

type Stage = 'loading' | 'unknown-code' | 'failed' | 'ended' | 'finished' | 'answering'

/** Where the player is: the session is over (it closed, or the server says so), they are done, or answering. */
function stageOf(turnQuery: ReturnType<typeof useTurn>, closed: boolean, answered: boolean): Stage {
  if (turnQuery.isPending) return 'loading'
  if (turnQuery.isError) {
    if (isApiError(turnQuery.error, 404)) return 'unknown-code'
    return isApiError(turnQuery.error, 409) || closed ? 'ended' : 'failed'
  }
  const turn = turnQuery.data.data
  if (turn.finished || !turn.question) return 'finished'
  return closed && !answered ? 'ended' : 'answering'
}

/** What the player sees beside the leaderboard: their question, or why there is none. */
function TurnScreen({
  stage,
  code,
  turnQuery,
  play,
  closed,
  leaderboard,
  total,
}: {
  stage: Stage
  code: string
  turnQuery: ReturnType<typeof useTurn>
  play: TurnAnswer
  closed: boolean
  leaderboard: Leaderboard | null
  total: number
}) {
  const { t } = useTranslation()
  const turn = turnQuery.data?.data
  switch (stage) {
    case 'loading':
      return <LoadingState label={t('play.turn.loading')} />
    case 'unknown-code':
      return <UnknownCodeView code={code} />
    case 'failed':
      return (
        <ErrorState
          error={turnQuery.error}
          title={t('play.turn.loadFailed')}
          onRetry={() => void turnQuery.refetch()}
        />
      )
    case 'ended':
    case 'finished':
      return (
        <FinalRank
          ended={stage === 'ended'}
          me={leaderboard?.me}
          participantCount={leaderboard?.participant_count ?? 0}
          total={total}
          stillRunning={stage === 'finished' && !closed && othersStillPlaying(leaderboard, total)}
        />
      )
    case 'answering':
      return turn?.question ? (
        <TurnQuestion
          turn={turn}
          question={turn.question}
          serverOffsetMs={turnQuery.data?.serverOffsetMs}
          play={play}
        />
      ) : null
  }
}

/** A session each player goes through at their own pace, beside the live leaderboard. */
export function SelfPacedPlay({ code, session }: { code: string; session: Session | undefined }) {
  const { t } = useTranslation()
  useDocumentTitle(session?.quiz_title ?? t('play.selfPaced.documentTitle'))
  const turnQuery = useTurn(code)
  // The stream waits for the first turn: reading it joins a player who came by a link, and a
  // stream asked for before the join is refused for good. It then stays open from turn to turn.
  const [joined, setJoined] = useState(false)
  if (!joined && turnQuery.data !== undefined) setJoined(true)
  const events = useSessionEvents(code, { limit: 10, enabled: joined })
  const closed = (events.session?.status ?? events.leaderboard?.status ?? session?.status) === 'closed'
  const play = useTurnAnswer(code, turnQuery)

  // A stream refused on reconnecting may mean this player was removed while it was down.
  const streamRefused = events.status === 'stopped' && events.httpStatus === 403
  useEffect(() => {
    if (streamRefused && !events.removed) void turnQuery.refetch()
  }, [streamRefused]) // Once per refusal.

  const removal = useRemoval(events.removed, turnQuery.error)
  if (removal !== null) return <RemovedView message={removal} />

  const leaderboard = events.leaderboard
  const turn = turnQuery.data?.data
  const total = turn?.total ?? session?.question_count ?? 0
  const stage = stageOf(turnQuery, closed, play.result !== null)
  return (
    <Container maxW="6xl" py={{ base: '4', md: '8' }}>
      <PlayHeader title={session?.quiz_title ?? t('play.selfPaced.untitled')} code={code} />
      {session && (
        <Box mt="-2" mb="4">
          <ScoringBadges scoring={session.scoring} streakBonus={session.streak_bonus} size="sm" forPlayers />
        </Box>
      )}
      {/* On a phone the leaderboard is below the question: the player's place stays in sight above it. */}
      {stage === 'answering' && <RankStrip leaderboard={leaderboard} />}
      <Grid
        templateColumns={{ base: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' }}
        gap={{ base: '4', md: '6' }}
        alignItems="start"
      >
        <Box>
          <TurnScreen
            stage={stage}
            code={code}
            turnQuery={turnQuery}
            play={play}
            closed={closed}
            leaderboard={leaderboard}
            total={total}
          />
        </Box>
        <LeaderboardPanel leaderboard={leaderboard} status={events.status} closed={closed} />
      </Grid>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="answer-announcer">
        {play.announcement}
      </VisuallyHidden>
    </Container>
  )
}

import { Box, Flex, Grid, Heading, HStack, Progress, Stack, Text, VStack } from '@chakra-ui/react'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useParams } from 'react-router'
import { LuFlag, LuUsers } from 'react-icons/lu'
import { unwrap } from '../api/client'
import type { LeaderboardEntry } from '../api/types'
import { getSession } from '../client'
import { JoinQrCode } from '../components/JoinQrCode'
import { Leaderboard } from '../components/Leaderboard'
import { LiveIndicator } from '../components/LiveIndicator'
import { Logo } from '../components/Logo'
import { PlayerActions } from '../components/PlayerActions'
import { RankAnnouncer } from '../components/RankAnnouncer'
import { ScoringBadges } from '../components/ScoringRule'
import { ScreenControls } from '../components/ScreenControls'
import { SessionCodeDisplay } from '../components/SessionCodeDisplay'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useJoinLinkBase } from '../hooks/useJoinLinkBase'
import { useRowsThatFit } from '../hooks/useRowsThatFit'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { useWindowSize } from '../hooks/useWindowSize'
import { normalizeJoinCode } from '../lib/joinCode'

// The server's most: the standings of a whole class, for counting who has finished.
const STANDINGS_LIMIT = 100
// A large row and the gap under it, until one is on screen to measure; below the list, the "and K more" line.
const ROW = { rowHeight: 104, gap: 12, reserve: 88, min: 3 }
// From this window width the board is wide enough for two columns of rows, when one is not enough.
const TWO_COLUMNS_FROM = 1536
// Below this window height the join card is made smaller, so the screen never needs scrolling.
const SHORT_WINDOW = 900

/** Players who have answered every question of the quiz. */
function finishedCount(entries: LeaderboardEntry[], questionCount: number): number {
  if (questionCount <= 0) return 0
  return entries.filter((entry) => entry.answered_count >= questionCount).length
}

/** The leaderboard for a projector: big, readable from the back row, with the code to join. */
export default function AdminProjector() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useQuery({ queryKey: ['session', code], queryFn: () => unwrap(getSession({ path: { code } })) })
  const events = useSessionEvents(code, { limit: STANDINGS_LIMIT })
  const joinAddress = useJoinLinkBase()
  const fit = useRowsThatFit(ROW)
  const width = useWindowSize('width')
  const height = useWindowSize('height')
  const short = height < SHORT_WINDOW
  useDocumentTitle(session.data ? `${session.data.quiz_title}: leaderboard` : 'Leaderboard')

  const data = events.session ?? session.data
  const closed = data?.status === 'closed' || events.leaderboard?.status === 'closed'
  const board = events.leaderboard
  const players = board?.participant_count ?? data?.participant_count ?? 0
  const questionCount = data?.question_count ?? 0
  const finished = finishedCount(board?.entries ?? [], questionCount)
  // Beyond the standings sent, some may have finished too: the count is then a floor.
  const partial = board !== null && board.entries.length < board.participant_count
  // Kept the same between renders, so the rows only glide when the standings change.
  // fit.count rows fit in a column: a wide screen takes a second column before leaving players out.
  const columns = width >= TWO_COLUMNS_FROM && (board?.entries.length ?? 0) > fit.count ? 2 : 1
  const shown = useMemo(
    () => (board ? [...board.entries].sort((a, b) => a.rank - b.rank).slice(0, fit.count * columns) : []),
    [board, fit.count, columns],
  )
  const more = players - shown.length

  return (
    <Flex
      direction="column"
      minH="100dvh"
      bg="app.bg"
      px={{ base: '4', md: '10' }}
      py={{ base: '4', md: short ? '4' : '6' }}
      gap={short ? '4' : '6'}
    >
      <HStack justify="space-between" gap="3" wrap="wrap">
        <HStack gap="4">
          <Logo size="lg" />
          <Heading as="h1" size={{ base: 'xl', md: '3xl' }} truncate maxW="60vw">
            {data?.quiz_title ?? 'Leaderboard'}
          </Heading>
        </HStack>
        <HStack gap="2" wrap="wrap">
          <LiveIndicator status={events.status} closed={closed} />
          <ScreenControls code={code} backLabel="Back" />
        </HStack>
      </HStack>
      {session.isPending ? (
        <LoadingState />
      ) : session.isError ? (
        <ErrorState error={session.error} title="This session didn't load" onRetry={() => void session.refetch()} />
      ) : (
        <Grid
          flex="1"
          templateColumns={{ base: '1fr', xl: 'minmax(0, 2fr) minmax(0, 3fr)' }}
          gap={{ base: '6', xl: '12' }}
          alignItems="start"
        >
          <VStack gap={short ? '4' : '6'} bg="app.card" borderRadius="3xl" p={short ? '6' : '8'} boxShadow="lg">
            {closed ? (
              <Text fontSize="4xl" fontWeight="black" textAlign="center">
                🏁 That's a wrap!
              </Text>
            ) : (
              <>
                <SessionCodeDisplay code={code} base={joinAddress.base} size="xl" />
                <JoinQrCode
                  code={code}
                  base={joinAddress.base}
                  size={short ? Math.max(140, Math.round(height * 0.22)) : 260}
                />
              </>
            )}
            <HStack fontSize="3xl" fontWeight="bold" gap="3">
              <LuUsers aria-hidden />
              <Text data-testid="participant-count">
                {players} {players === 1 ? 'player' : 'players'}
              </Text>
            </HStack>
            {players > 0 && questionCount > 0 && (
              <Stack gap="2" w="full" maxW="sm">
                <HStack fontSize="2xl" fontWeight="bold" gap="3" justify="center">
                  <LuFlag aria-hidden />
                  <Text data-testid="finished-count">
                    {partial ? 'At least ' : ''}
                    {finished} of {players} finished
                  </Text>
                </HStack>
                <Progress.Root value={finished} max={players} size="lg" colorPalette="green" aria-hidden>
                  <Progress.Track borderRadius="full">
                    <Progress.Range />
                  </Progress.Track>
                </Progress.Root>
              </Stack>
            )}
            {data && (
              <ScoringBadges
                scoring={data.scoring}
                streakBonus={data.streak_bonus}
                size="lg"
                forPlayers
                justify="center"
              />
            )}
          </VStack>
          <Stack gap="4">
            {!board ? (
              <LoadingState label="Waiting for the standings…" />
            ) : board.entries.length === 0 ? (
              <EmptyView
                icon={<LuUsers />}
                title="Waiting for players"
                description="Scan the QR code or type the code to join."
              />
            ) : (
              <Stack gap="4">
                {/* Only the rows that fit on the screen: the back row cannot scroll. */}
                <Box ref={fit.ref}>
                  <Leaderboard
                    entries={shown}
                    size="lg"
                    label="Top players"
                    rowActions={(row) => <PlayerActions code={code} player={row} />}
                    actionsOnHover
                    columns={columns}
                  />
                </Box>
                {more > 0 && (
                  <Text
                    fontSize="2xl"
                    fontWeight="semibold"
                    color="fg.muted"
                    textAlign="center"
                    data-testid="more-players"
                  >
                    and {more} more {more === 1 ? 'player' : 'players'}
                  </Text>
                )}
              </Stack>
            )}
            <RankAnnouncer me={null} leader={board?.entries[0]} participantCount={board?.participant_count ?? 0} />
          </Stack>
        </Grid>
      )}
    </Flex>
  )
}

import { Box, Flex, Grid, Heading, HStack, Stack, Text, VStack } from '@chakra-ui/react'
import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { LuUsers } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { getSession } from '../client'
import { JoinQrCode } from '../components/JoinQrCode'
import { Leaderboard } from '../components/Leaderboard'
import { LiveIndicator } from '../components/LiveIndicator'
import { Logo } from '../components/Logo'
import { RankAnnouncer } from '../components/RankAnnouncer'
import { ScoringBadges } from '../components/ScoringRule'
import { ScreenControls } from '../components/ScreenControls'
import { SessionCodeDisplay } from '../components/SessionCodeDisplay'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { normalizeJoinCode } from '../lib/joinCode'

/** The leaderboard for a projector: big, readable from the back row, with the code to join. */
export default function AdminProjector() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useQuery({ queryKey: ['session', code], queryFn: () => unwrap(getSession({ path: { code } })) })
  const events = useSessionEvents(code, { limit: 10 })
  useDocumentTitle(session.data ? `${session.data.quiz_title}: leaderboard` : 'Leaderboard')

  const data = events.session ?? session.data
  const closed = data?.status === 'closed' || events.leaderboard?.status === 'closed'
  const board = events.leaderboard

  return (
    <Flex direction="column" minH="100dvh" bg="app.bg" px={{ base: '4', md: '10' }} py={{ base: '4', md: '6' }} gap="6">
      <HStack justify="space-between" gap="3" wrap="wrap">
        <HStack gap="4">
          <Logo size="lg" />
          <Heading as="h1" size={{ base: 'xl', md: '3xl' }} truncate maxW="60vw">
            {data?.quiz_title ?? 'Leaderboard'}
          </Heading>
        </HStack>
        <HStack gap="2">
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
          <VStack gap="6" bg="app.card" borderRadius="3xl" p="8" boxShadow="lg">
            {closed ? (
              <Text fontSize="4xl" fontWeight="black" textAlign="center">
                🏁 That's a wrap!
              </Text>
            ) : (
              <>
                <SessionCodeDisplay code={code} size="xl" />
                <JoinQrCode code={code} size={260} />
              </>
            )}
            <HStack fontSize="3xl" fontWeight="bold" gap="3">
              <LuUsers aria-hidden />
              <Text data-testid="participant-count">
                {board?.participant_count ?? data?.participant_count ?? 0}{' '}
                {(board?.participant_count ?? data?.participant_count) === 1 ? 'player' : 'players'}
              </Text>
            </HStack>
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
              <Box>
                <Leaderboard entries={board.entries} size="lg" label="Top players" />
              </Box>
            )}
            <RankAnnouncer me={null} leader={board?.entries[0]} participantCount={board?.participant_count ?? 0} />
          </Stack>
        </Grid>
      )}
    </Flex>
  )
}

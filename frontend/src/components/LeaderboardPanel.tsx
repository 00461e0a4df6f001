import { Box, Card, Heading, HStack, Skeleton, Stack, Text } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LuUsers } from 'react-icons/lu'
import type { StreamStatus } from '../api/sessionEvents'
import type { Leaderboard as Standings } from '../api/types'
import { EmptyView } from './StateViews'
import { Leaderboard, type LeaderboardRow } from './Leaderboard'
import { LiveIndicator } from './LiveIndicator'
import { RankAnnouncer } from './RankAnnouncer'

/** The leaderboard card beside the question and on the teacher's screen. */
export function LeaderboardPanel({
  leaderboard,
  status,
  closed,
  rowActions,
}: {
  leaderboard: Standings | null
  status: StreamStatus
  closed?: boolean
  /** The teacher's controls for each player's row. */
  rowActions?: (row: LeaderboardRow) => ReactNode
}) {
  const { t } = useTranslation()
  const isClosed = closed ?? leaderboard?.status === 'closed'
  return (
    <Card.Root bg="app.card" borderRadius="2xl" as="section" aria-labelledby="leaderboard-heading">
      <Card.Body gap="4" p={{ base: '4', md: '5' }}>
        <HStack justify="space-between" wrap="wrap" gap="2">
          <Heading as="h2" id="leaderboard-heading" size="lg">
            {t('play.leaderboard.title')}
          </Heading>
          <LiveIndicator status={status} closed={isClosed} />
        </HStack>
        {leaderboard && (
          <Text fontSize="sm" color="fg.muted" display="flex" alignItems="center" gap="1.5">
            <LuUsers aria-hidden /> {t('play.leaderboard.players', { count: leaderboard.participant_count })}
          </Text>
        )}
        {status === 'stopped' && !leaderboard ? (
          <Text color="fg.muted">{t('play.leaderboard.unavailable')}</Text>
        ) : !leaderboard ? (
          <Stack gap="2" aria-hidden>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height="12" borderRadius="xl" />
            ))}
          </Stack>
        ) : leaderboard.entries.length === 0 && !leaderboard.me ? (
          <EmptyView
            title={t('play.leaderboard.emptyTitle')}
            description={t('play.leaderboard.emptyDescription')}
            icon={<LuUsers />}
          />
        ) : (
          <Box>
            <Leaderboard entries={leaderboard.entries} me={leaderboard.me} rowActions={rowActions} />
          </Box>
        )}
        <RankAnnouncer
          me={leaderboard?.me}
          leader={leaderboard?.entries[0]}
          participantCount={leaderboard?.participant_count ?? 0}
        />
      </Card.Body>
    </Card.Root>
  )
}

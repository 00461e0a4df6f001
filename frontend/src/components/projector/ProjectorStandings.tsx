import { Box, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuUsers } from 'react-icons/lu'
import { useMemo } from 'react'
import type { Leaderboard as Standings } from '../../api/types'
import { useRowsThatFit } from '../../hooks/useRowsThatFit'
import { useWindowSize } from '../../hooks/useWindowSize'
import { Leaderboard } from '../Leaderboard'
import { PlayerActions } from '../PlayerActions'
import { RankAnnouncer } from '../RankAnnouncer'
import { EmptyView, LoadingState } from '../StateViews'

// A large row and the gap under it, until one is on screen to measure; below the list, the "and K more" line.
const ROW = { rowHeight: 104, gap: 12, reserve: 88, min: 3 }
// From this window width the board is wide enough for two columns of rows, when one is not enough.
const TWO_COLUMNS_FROM = 1536

/** The standings on the projector: only the rows that fit on the screen, since the back row cannot scroll. */
export function ProjectorStandings({
  code,
  board,
  players,
}: {
  code: string
  board: Standings | null
  players: number
}) {
  const { t } = useTranslation()
  const fit = useRowsThatFit(ROW)
  const width = useWindowSize('width')
  // fit.count rows fit in a column: a wide screen takes a second column before leaving players out.
  const columns = width >= TWO_COLUMNS_FROM && (board?.entries.length ?? 0) > fit.count ? 2 : 1
  // Kept the same between renders, so the rows only glide when the standings change.
  const shown = useMemo(
    () => (board ? [...board.entries].sort((a, b) => a.rank - b.rank).slice(0, fit.count * columns) : []),
    [board, fit.count, columns],
  )
  const more = players - shown.length
  return (
    <Stack gap="4">
      {!board ? (
        <LoadingState label={t('host.projector.waitingForStandings')} />
      ) : board.entries.length === 0 ? (
        <EmptyView
          icon={<LuUsers />}
          title={t('host.projector.waitingForPlayers')}
          description={t('host.projector.howToJoin')}
        />
      ) : (
        <Stack gap="4">
          <Box ref={fit.ref}>
            <Leaderboard
              entries={shown}
              size="lg"
              label={t('host.topPlayers')}
              rowActions={(row) => <PlayerActions code={code} player={row} />}
              actionsOnHover
              columns={columns}
            />
          </Box>
          {more > 0 && (
            <Text fontSize="2xl" fontWeight="semibold" color="fg.muted" textAlign="center" data-testid="more-players">
              {t('host.projector.morePlayers', { count: more })}
            </Text>
          )}
        </Stack>
      )}
      <RankAnnouncer me={null} leader={board?.entries[0]} participantCount={board?.participant_count ?? 0} />
    </Stack>
  )
}

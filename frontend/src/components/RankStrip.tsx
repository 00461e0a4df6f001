import { Box, HStack, Text, VisuallyHidden } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { Leaderboard, LeaderboardEntry } from '../api/types'
import { useFormat } from '../hooks/useFormat'

/** The players ranked just above and below the player, when the standings list them. */
export function rankNeighbours(
  entries: LeaderboardEntry[],
  me: LeaderboardEntry,
): { above: LeaderboardEntry | undefined; below: LeaderboardEntry | undefined } {
  const others = entries.filter((entry) => entry.participant_id !== me.participant_id)
  return {
    above: others.find((entry) => entry.rank === me.rank - 1),
    below: others.find((entry) => entry.rank === me.rank + 1),
  }
}

function Neighbour({ entry, place }: { entry: LeaderboardEntry; place: 'above' | 'below' }) {
  const { t } = useTranslation()
  const f = useFormat()
  const points = { count: entry.score }
  return (
    <HStack gap="1" minW="0" data-testid={`rank-strip-${place}`}>
      {/* The spaces between the parts are for screen readers and copied text; the gap lays them out. */}
      <Text as="span" color="fg.muted" aria-hidden>
        ·
      </Text>{' '}
      <Text dir="auto" as="span" truncate minW="0">
        {entry.display_name}
      </Text>{' '}
      <Text as="span" fontWeight="bold" fontVariantNumeric="tabular-nums" flexShrink="0">
        {f.number(entry.score)}
      </Text>{' '}
      <Text as="span" color="fg.muted" aria-hidden>
        {place === 'above' ? '↑' : '↓'}
      </Text>
      <VisuallyHidden>
        {' '}
        {place === 'above' ? t('play.rankStrip.ahead', points) : t('play.rankStrip.behind', points)}
      </VisuallyHidden>
    </HStack>
  )
}

/**
 * The player's place and the players either side of it, in one line that stays in sight under the
 * header while answering on a phone (the full leaderboard is further down there).
 */
export function RankStrip({ leaderboard }: { leaderboard: Leaderboard | null }) {
  const { t } = useTranslation()
  const f = useFormat()
  const me = leaderboard?.me
  if (!leaderboard || !me) return null
  const { above, below } = rankNeighbours(leaderboard.entries, me)
  return (
    <Box
      as="section"
      aria-label={t('play.rankStrip.label')}
      data-testid="rank-strip"
      hideFrom="lg"
      position="sticky"
      // Just under the app header: a small button's height, its padding and its border.
      top="calc(3.25rem + 1px)"
      zIndex="docked"
      mb="4"
      px="3"
      py="1.5"
      bg="app.card"
      borderWidth="1px"
      borderRadius="xl"
      boxShadow="sm"
      fontSize="sm"
      whiteSpace="nowrap"
    >
      <HStack gap="1.5" minW="0">
        <Text as="span" fontWeight="black" flexShrink="0" data-testid="rank-strip-rank">
          <VisuallyHidden>{t('play.rankStrip.place')} </VisuallyHidden>
          <span aria-hidden>#</span>
          {f.number(me.rank)}{' '}
          <Text as="span" fontWeight="medium" color="fg.muted">
            {t('play.rankStrip.of', { total: leaderboard.participant_count })}
          </Text>
        </Text>{' '}
        {above && <Neighbour entry={above} place="above" />}{' '}
        <HStack gap="1" flexShrink="0" data-testid="rank-strip-me">
          <Text as="span" color="fg.muted" aria-hidden>
            ·
          </Text>{' '}
          <Text as="span" px="1.5" borderRadius="md" bg="me.bg" fontWeight="extrabold">
            {t('play.rankStrip.you')}{' '}
            <Text as="span" fontVariantNumeric="tabular-nums">
              {f.number(me.score)}
            </Text>
            <VisuallyHidden> {t('play.leaderboard.points', { count: me.score })}</VisuallyHidden>
          </Text>
        </HStack>{' '}
        {below && <Neighbour entry={below} place="below" />}
      </HStack>
    </Box>
  )
}

import { Badge, Flex, Text } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LeaderboardEntry } from '../api/types'

/** The players who have joined, by name, as they arrive; those beyond the list are counted. */
export function PlayerNames({
  entries,
  count,
  size = 'md',
  actions,
}: {
  entries: LeaderboardEntry[]
  count: number
  size?: 'md' | 'lg'
  /** The teacher's controls for a player, beside their name. */
  actions?: (entry: LeaderboardEntry) => ReactNode
}) {
  const { t } = useTranslation()
  const big = size === 'lg'
  const more = count - entries.length
  return (
    <Flex
      as="ul"
      aria-label={t('host.playerNames.label')}
      wrap="wrap"
      gap={big ? '3' : '2'}
      listStyleType="none"
      m="0"
      p="0"
    >
      {entries.map((entry) => (
        <Badge
          as="li"
          key={entry.participant_id}
          size="lg"
          variant="surface"
          colorPalette="purple"
          borderRadius="full"
          px={big ? '5' : '3'}
          py={big ? '2' : '1'}
          fontSize={big ? '2xl' : 'md'}
          fontWeight="bold"
          maxW="full"
          data-testid="player-name"
        >
          <Text as="span" truncate>
            {entry.display_name}
          </Text>
          {actions?.(entry)}
        </Badge>
      ))}
      {more > 0 && (
        <Text as="li" alignSelf="center" fontSize={big ? '2xl' : 'md'} color="fg.muted" fontWeight="semibold">
          {t('host.playerNames.more', { count: more })}
        </Text>
      )}
    </Flex>
  )
}

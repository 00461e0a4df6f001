import { Box, Flex, Text, VisuallyHidden } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { LeaderboardEntry } from '../api/types'
import { useFormat } from '../hooks/useFormat'

// By rank: medal, colour and step height (small screen, big screen).
const STEPS = [
  { medal: '🥇', palette: 'yellow', small: '24', big: '80' },
  { medal: '🥈', palette: 'gray', small: '16', big: '56' },
  { medal: '🥉', palette: 'orange', small: '12', big: '40' },
] as const
// Where each of the first three stands in the reading direction: second, first, third.
const VISUAL_ORDER = [2, 1, 3]

/** One of the three: medal, name and points over a step as high as the place. */
function PodiumStep({
  entry,
  order,
  isMe,
  big,
}: {
  entry: LeaderboardEntry
  order: number
  isMe: boolean
  big: boolean
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const step = STEPS[Math.min(entry.rank, 3) - 1] ?? STEPS[2]
  return (
    <Flex
      as="li"
      direction="column"
      align="center"
      flex="1"
      maxW={big ? '96' : '48'}
      minW="0"
      order={order}
      aria-current={isMe ? 'true' : undefined}
    >
      <Text fontSize={big ? '6xl' : '4xl'} lineHeight="1" aria-hidden>
        {step.medal}
      </Text>
      <Text
        fontSize={big ? '4xl' : 'lg'}
        fontWeight="black"
        textAlign="center"
        lineClamp={2}
        wordBreak="break-word"
        mt="2"
      >
        <VisuallyHidden>{`${t('live.podium.place', { rank: f.number(entry.rank) })} `}</VisuallyHidden>
        {entry.display_name}
        {isMe && (
          <Text as="span" fontWeight="medium" color="fg.muted">
            {' '}
            {t('live.podium.you')}
          </Text>
        )}
      </Text>
      <Text fontSize={big ? '2xl' : 'md'} fontWeight="bold" color="fg.muted" fontVariantNumeric="tabular-nums">
        {t('live.podium.points', { count: entry.score })}
      </Text>
      <Box
        aria-hidden
        mt="3"
        w="full"
        h={big ? { base: step.small, lg: step.big } : step.small}
        colorPalette={step.palette}
        bg="colorPalette.subtle"
        borderWidth="2px"
        borderColor={isMe ? 'me.border' : 'colorPalette.muted'}
        borderTopRadius="2xl"
        display="grid"
        placeItems="center"
        fontSize={big ? '6xl' : '3xl'}
        fontWeight="black"
        color="colorPalette.fg"
      >
        {f.number(entry.rank)}
      </Box>
    </Flex>
  )
}

/** The top three on steps: first in the middle and highest. In the page's order they read 1, 2, 3. */
export function Podium({
  top,
  meId,
  size = 'md',
}: {
  top: LeaderboardEntry[]
  meId?: string | null
  size?: 'md' | 'lg'
}) {
  const { t } = useTranslation()
  const big = size === 'lg'
  return (
    <Flex
      as="ol"
      aria-label={t('live.podium.label')}
      listStyleType="none"
      m="0"
      p="0"
      justify="center"
      align="end"
      gap={big ? '6' : '3'}
      data-testid="podium"
    >
      {top.slice(0, 3).map((entry, index) => (
        <PodiumStep
          key={entry.participant_id}
          entry={entry}
          order={VISUAL_ORDER[index]}
          isMe={entry.participant_id === meId}
          big={big}
        />
      ))}
    </Flex>
  )
}

import { Badge, Box, Flex, HStack, Text, VisuallyHidden } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LuArrowDown, LuArrowUp } from 'react-icons/lu'
import { useFormat } from '../hooks/useFormat'
import type { LeaderboardRow } from './Leaderboard'

const MEDALS = ['🥇', '🥈', '🥉']

function Rank({ row, big }: { row: LeaderboardRow; big: boolean }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <Box
      minW={big ? '14' : '9'}
      textAlign="center"
      fontWeight="black"
      fontSize={big ? '3xl' : 'lg'}
      fontVariantNumeric="tabular-nums"
    >
      <VisuallyHidden>{t('play.leaderboard.rank')} </VisuallyHidden>
      {/* A medal is for points: none at 0. */}
      {row.rank <= 3 && row.score > 0 ? (
        <>
          <span aria-hidden>{MEDALS[row.rank - 1]}</span>
          <VisuallyHidden>{f.number(row.rank)}</VisuallyHidden>
        </>
      ) : (
        f.number(row.rank)
      )}
    </Box>
  )
}

function NameAndCounts({ row, big }: { row: LeaderboardRow; big: boolean }) {
  const { t } = useTranslation()
  const f = useFormat()
  const streak = t('play.leaderboard.streak', { count: row.streak })
  return (
    <Box flex="1" minW="0">
      <Text dir="auto" fontWeight={row.isMe ? 'extrabold' : 'semibold'} fontSize={big ? '3xl' : 'md'} truncate>
        {row.display_name}
        {row.isMe && (
          <Text as="span" fontWeight="medium" color="fg.muted">
            {' '}
            {t('play.leaderboard.you')}
          </Text>
        )}
      </Text>
      <HStack gap="2" wrap="wrap" rowGap="0">
        <Text fontSize={big ? 'lg' : 'xs'} color="fg.muted">
          {t('play.leaderboard.correctOf', { correct: row.correct_count, answered: row.answered_count })}
        </Text>
        {row.streak >= 2 && (
          <Badge
            colorPalette="orange"
            variant="subtle"
            size={big ? 'lg' : 'sm'}
            borderRadius="full"
            data-testid="streak-badge"
            title={streak}
          >
            <span aria-hidden>🔥 {f.number(row.streak)}</span>
            <VisuallyHidden>{streak}</VisuallyHidden>
          </Badge>
        )}
      </HStack>
    </Box>
  )
}

function RankMove({ move, big }: { move: number; big: boolean }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <HStack
      gap="0.5"
      fontSize={big ? 'lg' : 'xs'}
      fontWeight="bold"
      color={move > 0 ? 'green.fg' : 'red.fg'}
      aria-label={move > 0 ? t('play.leaderboard.up', { count: move }) : t('play.leaderboard.down', { count: -move })}
      data-testid="rank-move"
    >
      {move > 0 ? <LuArrowUp aria-hidden /> : <LuArrowDown aria-hidden />}
      <span aria-hidden>{f.number(Math.abs(move))}</span>
    </HStack>
  )
}

/** The teacher's controls at a row's end; `onHover`, over it while pointed at or focused (the board stays clean). */
export function RowActions({ onHover, children }: { onHover: boolean; children: ReactNode }) {
  if (!onHover) return children
  return (
    <Box
      position="absolute"
      top="1"
      insetEnd="1"
      bg="app.card"
      borderRadius="lg"
      boxShadow="md"
      opacity="0"
      transition="opacity 0.15s"
      _groupHover={{ opacity: 1 }}
      _focusWithin={{ opacity: 1 }}
    >
      {children}
    </Box>
  )
}

/** One row of the standings: rank (a medal for the top three), name, counts, move, score. */
export function LeaderboardItem({
  row,
  rowRef,
  move,
  big,
  actions,
  hoverGroup,
}: {
  row: LeaderboardRow
  rowRef: (el: HTMLElement | null) => void
  move: number | undefined
  big: boolean
  actions: ReactNode
  /** The row is the group whose hover shows its actions. */
  hoverGroup: boolean
}) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <Box
      as="li"
      ref={rowRef}
      data-testid="leaderboard-row"
      data-me={row.isMe || undefined}
      aria-current={row.isMe ? 'true' : undefined}
      mt={row.detached ? (big ? '6' : '4') : undefined}
      position="relative"
      className={hoverGroup ? 'group' : undefined}
    >
      {row.detached && (
        <Text
          aria-hidden
          position="absolute"
          top={big ? '-7' : '-5'}
          insetX="0"
          textAlign="center"
          color="fg.muted"
          lineHeight="1"
        >
          ⋯
        </Text>
      )}
      <Flex
        align="center"
        gap={big ? '5' : '3'}
        px={big ? '6' : '3'}
        py={big ? '4' : '2.5'}
        borderRadius={big ? '2xl' : 'xl'}
        bg={row.isMe ? 'me.bg' : 'app.card'}
        borderWidth={row.isMe ? '2px' : '1px'}
        borderColor={row.isMe ? 'me.border' : 'border'}
        boxShadow={row.isMe ? 'md' : 'xs'}
      >
        <Rank row={row} big={big} />
        <NameAndCounts row={row} big={big} />
        {move !== undefined && <RankMove move={move} big={big} />}
        <Text
          fontWeight="black"
          fontSize={big ? '4xl' : 'lg'}
          fontVariantNumeric="tabular-nums"
          color={row.isMe ? 'fg' : 'colorPalette.fg'}
        >
          {f.number(row.score)}
          <VisuallyHidden> {t('play.leaderboard.points', { count: row.score })}</VisuallyHidden>
        </Text>
        {actions}
      </Flex>
    </Box>
  )
}

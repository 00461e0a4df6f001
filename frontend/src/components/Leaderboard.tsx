import { Badge, Box, Flex, HStack, Text, VisuallyHidden } from '@chakra-ui/react'
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { LuArrowDown, LuArrowUp } from 'react-icons/lu'
import type { LeaderboardEntry } from '../api/types'

const MEDALS = ['🥇', '🥈', '🥉']
const MOVE_BADGE_MS = 3000

export type LeaderboardRow = LeaderboardEntry & { isMe: boolean; detached: boolean }

/**
 * The rows to show: the entries in rank order, and the player's own row, highlighted, added
 * after a gap when it is not among them.
 */
export function leaderboardRows(
  entries: LeaderboardEntry[],
  me: LeaderboardEntry | null | undefined,
): LeaderboardRow[] {
  const rows = [...entries]
    .sort((a, b) => a.rank - b.rank)
    .map((e) => ({ ...e, isMe: me?.participant_id === e.participant_id, detached: false }))
  if (me && !rows.some((r) => r.isMe)) rows.push({ ...me, isMe: true, detached: true })
  return rows
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** Live standings; rows glide to their new place when ranks change. */
export function Leaderboard({
  entries,
  me,
  size = 'md',
  label = 'Leaderboard',
  previousRanks,
  rowActions,
  actionsOnHover = false,
  columns = 1,
}: {
  entries: LeaderboardEntry[]
  me?: LeaderboardEntry | null
  size?: 'md' | 'lg'
  label?: string
  /** Ranks before the last question (null: not ranked then): each row then shows its move since, to stay. */
  previousRanks?: ReadonlyMap<string, number | null>
  /** The teacher's controls for a row (rename, remove), at its end. */
  rowActions?: (row: LeaderboardRow) => ReactNode
  /** Keep the controls out of sight until the row is hovered or they have the focus (a projected board). */
  actionsOnHover?: boolean
  /** Side by side columns, filled top to bottom (ranks 1–6 on the left, 7–12 on the right). */
  columns?: number
}) {
  const rows = useMemo(() => leaderboardRows(entries, me), [entries, me])
  const rowElements = useRef(new Map<string, HTMLElement>())
  const lastTops = useRef(new Map<string, number>())
  const lastRanks = useRef(new Map<string, number>())
  const [moves, setMoves] = useState<Record<string, number>>({})
  const timers = useRef<ReturnType<typeof setTimeout>[]>([])

  // FLIP: measure where each row was and where it is now, then slide it from there.
  useLayoutEffect(() => {
    const tops = new Map<string, number>()
    rowElements.current.forEach((el, id) => tops.set(id, el.getBoundingClientRect().top))
    if (!prefersReducedMotion()) {
      tops.forEach((top, id) => {
        const before = lastTops.current.get(id)
        const el = rowElements.current.get(id)
        if (before !== undefined && before !== top && el && typeof el.animate === 'function') {
          el.animate([{ transform: `translateY(${before - top}px)` }, { transform: 'translateY(0)' }], {
            duration: 450,
            easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
          })
        }
      })
    }
    lastTops.current = tops
  }, [rows])

  // Remember who went up or down, for a small arrow that fades after a few seconds.
  useEffect(() => {
    const changed: Record<string, number> = {}
    for (const row of rows) {
      const before = lastRanks.current.get(row.participant_id)
      if (before !== undefined && before !== row.rank) changed[row.participant_id] = before - row.rank
    }
    lastRanks.current = new Map(rows.map((r) => [r.participant_id, r.rank]))
    if (Object.keys(changed).length === 0) return
    setMoves((m) => ({ ...m, ...changed }))
    timers.current.push(
      setTimeout(() => {
        setMoves((m) => {
          const next = { ...m }
          for (const id of Object.keys(changed)) if (next[id] === changed[id]) delete next[id]
          return next
        })
      }, MOVE_BADGE_MS),
    )
  }, [rows])

  useEffect(() => () => timers.current.forEach(clearTimeout), [])

  const big = size === 'lg'
  return (
    <Box
      as="ol"
      aria-label={label}
      listStyleType="none"
      m="0"
      p="0"
      display={columns > 1 ? 'grid' : 'flex'}
      flexDirection="column"
      gridAutoFlow="column"
      gridTemplateRows={columns > 1 ? `repeat(${Math.ceil(rows.length / columns)}, auto)` : undefined}
      gridTemplateColumns={columns > 1 ? `repeat(${columns}, minmax(0, 1fr))` : undefined}
      gap={big ? '3' : '2'}
      columnGap={columns > 1 ? (big ? '5' : '3') : undefined}
    >
      {rows.map((row) => {
        const before = previousRanks?.get(row.participant_id)
        const move = previousRanks
          ? before != null && before !== row.rank
            ? before - row.rank
            : undefined
          : moves[row.participant_id]
        return (
          <Box
            as="li"
            key={row.participant_id}
            ref={(el: HTMLElement | null) => {
              if (el) rowElements.current.set(row.participant_id, el)
              else rowElements.current.delete(row.participant_id)
            }}
            data-testid="leaderboard-row"
            data-me={row.isMe || undefined}
            aria-current={row.isMe ? 'true' : undefined}
            mt={row.detached ? (big ? '6' : '4') : undefined}
            position="relative"
            className={rowActions && actionsOnHover ? 'group' : undefined}
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
              <Box
                minW={big ? '14' : '9'}
                textAlign="center"
                fontWeight="black"
                fontSize={big ? '3xl' : 'lg'}
                fontVariantNumeric="tabular-nums"
              >
                <VisuallyHidden>Rank </VisuallyHidden>
                {/* A medal is for points: none at 0. */}
                {row.rank <= 3 && row.score > 0 ? (
                  <>
                    <span aria-hidden>{MEDALS[row.rank - 1]}</span>
                    <VisuallyHidden>{row.rank}</VisuallyHidden>
                  </>
                ) : (
                  row.rank
                )}
              </Box>
              <Box flex="1" minW="0">
                <Text fontWeight={row.isMe ? 'extrabold' : 'semibold'} fontSize={big ? '3xl' : 'md'} truncate>
                  {row.display_name}
                  {row.isMe && (
                    <Text as="span" fontWeight="medium" color="fg.muted">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Text>
                <HStack gap="2" wrap="wrap" rowGap="0">
                  <Text fontSize={big ? 'lg' : 'xs'} color="fg.muted">
                    {row.correct_count} correct of {row.answered_count}
                  </Text>
                  {row.streak >= 2 && (
                    <Badge
                      colorPalette="orange"
                      variant="subtle"
                      size={big ? 'lg' : 'sm'}
                      borderRadius="full"
                      data-testid="streak-badge"
                      title={`${row.streak} right in a row`}
                    >
                      <span aria-hidden>🔥 {row.streak}</span>
                      <VisuallyHidden>{row.streak} right in a row</VisuallyHidden>
                    </Badge>
                  )}
                </HStack>
              </Box>
              {move !== undefined && (
                <HStack
                  gap="0.5"
                  fontSize={big ? 'lg' : 'xs'}
                  fontWeight="bold"
                  color={move > 0 ? 'green.fg' : 'red.fg'}
                  aria-label={move > 0 ? `up ${move}` : `down ${-move}`}
                  data-testid="rank-move"
                >
                  {move > 0 ? <LuArrowUp aria-hidden /> : <LuArrowDown aria-hidden />}
                  <span aria-hidden>{Math.abs(move)}</span>
                </HStack>
              )}
              <Text
                fontWeight="black"
                fontSize={big ? '4xl' : 'lg'}
                fontVariantNumeric="tabular-nums"
                color={row.isMe ? 'fg' : 'colorPalette.fg'}
              >
                {row.score.toLocaleString()}
                <VisuallyHidden> points</VisuallyHidden>
              </Text>
              {rowActions &&
                (actionsOnHover ? (
                  // Over the row's end while pointed at or focused; the board stays clean otherwise.
                  <Box
                    position="absolute"
                    top="1"
                    right="1"
                    bg="app.card"
                    borderRadius="lg"
                    boxShadow="md"
                    opacity="0"
                    transition="opacity 0.15s"
                    _groupHover={{ opacity: 1 }}
                    _focusWithin={{ opacity: 1 }}
                  >
                    {rowActions(row)}
                  </Box>
                ) : (
                  rowActions(row)
                ))}
            </Flex>
          </Box>
        )
      })}
    </Box>
  )
}

import { Box } from '@chakra-ui/react'
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LeaderboardEntry } from '../api/types'
import { LeaderboardItem, RowActions } from './LeaderboardItem'

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

/**
 * Rows that glide to their new place when the ranks change (FLIP: measure where each row was and
 * where it is now, then slide it from there). Returns the ref to give each row.
 */
function useGlidingRows(rows: LeaderboardRow[]) {
  const rowElements = useRef(new Map<string, HTMLElement>())
  const lastTops = useRef(new Map<string, number>())
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
  return (id: string) => (el: HTMLElement | null) => {
    if (el) rowElements.current.set(id, el)
    else rowElements.current.delete(id)
  }
}

/** Who went up or down since the last standings, for a small arrow that fades after a few seconds. */
function useRankMoves(rows: LeaderboardRow[]): Record<string, number> {
  const lastRanks = useRef(new Map<string, number>())
  const [moves, setMoves] = useState<Record<string, number>>({})
  const timers = useRef<ReturnType<typeof setTimeout>[]>([])
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
  return moves
}

/** Live standings; rows glide to their new place when ranks change. */
export function Leaderboard({
  entries,
  me,
  size = 'md',
  label,
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
  const { t } = useTranslation()
  const rows = useMemo(() => leaderboardRows(entries, me), [entries, me])
  const rowRef = useGlidingRows(rows)
  const moves = useRankMoves(rows)
  const moveOf = (row: LeaderboardRow) => {
    if (!previousRanks) return moves[row.participant_id]
    const before = previousRanks.get(row.participant_id)
    return before != null && before !== row.rank ? before - row.rank : undefined
  }

  const big = size === 'lg'
  return (
    <Box
      as="ol"
      aria-label={label ?? t('play.leaderboard.title')}
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
      {rows.map((row) => (
        <LeaderboardItem
          key={row.participant_id}
          rowRef={rowRef(row.participant_id)}
          row={row}
          move={moveOf(row)}
          big={big}
          actions={rowActions && <RowActions onHover={actionsOnHover}>{rowActions(row)}</RowActions>}
          hoverGroup={Boolean(rowActions && actionsOnHover)}
        />
      ))}
    </Box>
  )
}

import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { LeaderboardEntry } from '../api/types'
import { entry } from '../test/standings'
import { renderWithTheme } from '../test/wrap'
import { Leaderboard, leaderboardRows } from './Leaderboard'

function player(rank: number, name: string, score: number): LeaderboardEntry {
  return entry(rank, `p-${name}`, name, score, { answered_count: 3, correct_count: 2 })
}

const top = [player(1, 'Ana', 3000), player(2, 'Ben', 2500), player(3, 'Cleo', 1200)]

function rowNames() {
  return screen
    .getAllByTestId('leaderboard-row')
    .map((row) => within(row).getByText(/^(Ana|Ben|Cleo|Dev|Sam)/).textContent)
}

describe('leaderboardRows', () => {
  it('orders entries by rank even when they arrive out of order', () => {
    const rows = leaderboardRows([top[2], top[0], top[1]], null)
    expect(rows.map((r) => r.display_name)).toEqual(['Ana', 'Ben', 'Cleo'])
  })

  it('appends the own row after the others when it is outside the entries', () => {
    const me = player(14, 'Sam', 100)
    const rows = leaderboardRows(top, me)
    expect(rows.at(-1)).toMatchObject({ display_name: 'Sam', rank: 14, isMe: true, detached: true })
    expect(rows).toHaveLength(4)
  })

  it('marks the own row in place, without a duplicate, when it is among the entries', () => {
    const rows = leaderboardRows(top, top[1])
    expect(rows).toHaveLength(3)
    expect(rows.filter((r) => r.isMe).map((r) => r.display_name)).toEqual(['Ben'])
  })
})

describe('Leaderboard', () => {
  it('gives no medal for 0 points', () => {
    renderWithTheme(<Leaderboard entries={[player(1, 'Ana', 3000), player(2, 'Ben', 0), player(3, 'Cleo', 0)]} />)
    const rows = screen.getAllByTestId('leaderboard-row')
    expect(rows[0]).toHaveTextContent('🥇')
    expect(rows[1]).not.toHaveTextContent('🥈')
    expect(rows[2]).not.toHaveTextContent('🥉')
    expect(rows[2]).toHaveTextContent('3')
  })

  it('shows the players in rank order with their scores', () => {
    renderWithTheme(<Leaderboard entries={[top[1], top[2], top[0]]} />)
    expect(rowNames()).toEqual(['Ana', 'Ben', 'Cleo'])
    expect(within(screen.getAllByTestId('leaderboard-row')[0]).getByText('3,000')).toBeInTheDocument()
  })

  it('always shows and highlights my own row, even far below the top', () => {
    renderWithTheme(<Leaderboard entries={top} me={player(27, 'Sam', 50)} />)
    const rows = screen.getAllByTestId('leaderboard-row')
    const mine = rows.at(-1)!
    expect(mine).toHaveAttribute('aria-current', 'true')
    expect(mine).toHaveAttribute('data-me')
    expect(within(mine).getByText('27')).toBeInTheDocument()
    expect(within(mine).getByText('(you)')).toBeInTheDocument()
    expect(rows.filter((r) => r.hasAttribute('data-me'))).toHaveLength(1)
  })

  it('reorders rows and shows who moved up when the standings change', () => {
    const { rerender } = renderWithTheme(<Leaderboard entries={top} />)
    expect(screen.queryByTestId('rank-move')).toBeNull()
    rerender(<Leaderboard entries={[player(1, 'Cleo', 4200), player(2, 'Ana', 3000), player(3, 'Ben', 2500)]} />)
    expect(rowNames()).toEqual(['Cleo', 'Ana', 'Ben'])
    const cleo = screen.getAllByTestId('leaderboard-row')[0]
    expect(within(cleo).getByLabelText('up 2')).toBeInTheDocument()
    expect(within(screen.getAllByTestId('leaderboard-row')[1]).getByLabelText('down 1')).toBeInTheDocument()
  })
})

describe('Leaderboard streaks', () => {
  it('shows a streak badge from two right answers in a row', () => {
    renderWithTheme(
      <Leaderboard
        entries={[
          { ...top[0], streak: 3 },
          { ...top[1], streak: 1 },
          { ...top[2], streak: 2 },
        ]}
      />,
    )
    const rows = screen.getAllByTestId('leaderboard-row')
    expect(within(rows[0]).getByTestId('streak-badge')).toHaveTextContent('3 right in a row')
    expect(within(rows[1]).queryByTestId('streak-badge')).toBeNull()
    expect(within(rows[2]).getByTestId('streak-badge')).toHaveTextContent('🔥 2')
  })
})

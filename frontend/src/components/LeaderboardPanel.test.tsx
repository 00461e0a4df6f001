import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { entry, standings } from '../test/standings'
import { renderWithTheme } from '../test/wrap'
import { LeaderboardPanel } from './LeaderboardPanel'

const sam = entry(2, 'b', 'Sam', 0, { correct_count: 0 })
const board = standings([entry(1, 'a', 'Ana', 900, { streak: 1 }), sam], { version: 8, me: sam })

function LivePanel({ fetchImpl }: { fetchImpl: typeof fetch }) {
  const events = useSessionEvents('K7P2QX', { fetchImpl, initialDelayMs: 30 })
  return <LeaderboardPanel leaderboard={events.leaderboard} status={events.status} />
}

describe('LeaderboardPanel with the live stream', () => {
  it('says it is reconnecting while the stream is down, then live again with the standings', async () => {
    let calls = 0
    let releaseSecondAttempt!: () => void
    const fetchImpl = vi.fn(async () => {
      calls += 1
      if (calls === 1) throw new TypeError('Failed to fetch')
      await new Promise<void>((resolve) => (releaseSecondAttempt = resolve))
      const body = `event: leaderboard\nid: 8\ndata: ${JSON.stringify(board)}\n\n`
      return new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode(body))
          },
        }),
      )
    }) as unknown as typeof fetch

    renderWithTheme(<LivePanel fetchImpl={fetchImpl} />)
    expect(await screen.findByText('Reconnecting…')).toBeInTheDocument()
    expect(screen.queryByText('Ana')).toBeNull()

    await waitFor(() => expect(calls).toBe(2))
    releaseSecondAttempt()
    expect(await screen.findByText('Live')).toBeInTheDocument()
    expect(screen.queryByText('Reconnecting…')).toBeNull()
    expect(screen.getByText('Ana')).toBeInTheDocument()
    expect(screen.getByText('2 players', { exact: false })).toBeInTheDocument()
  })

  it('shows the final standings, not a live badge, once the session is closed', () => {
    renderWithTheme(<LeaderboardPanel leaderboard={{ ...board, status: 'closed' }} status="live" />)
    expect(screen.getByText('Final results')).toBeInTheDocument()
    expect(screen.queryByText('Live')).toBeNull()
  })

  it('invites players in when nobody has joined yet', () => {
    renderWithTheme(
      <LeaderboardPanel leaderboard={{ ...board, participant_count: 0, entries: [], me: null }} status="live" />,
    )
    expect(screen.getByText('Nobody here yet')).toBeInTheDocument()
  })
})

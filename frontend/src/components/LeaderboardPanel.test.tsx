import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Leaderboard } from '../api/types'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { renderWithTheme } from '../test/wrap'
import { LeaderboardPanel } from './LeaderboardPanel'

const standings: Leaderboard = {
  session_code: 'K7P2QX',
  status: 'open',
  participant_count: 2,
  version: 8,
  entries: [
    { rank: 1, participant_id: 'a', display_name: 'Ana', score: 900, answered_count: 1, correct_count: 1, streak: 1 },
    { rank: 2, participant_id: 'b', display_name: 'Sam', score: 0, answered_count: 1, correct_count: 0, streak: 0 },
  ],
  me: { rank: 2, participant_id: 'b', display_name: 'Sam', score: 0, answered_count: 1, correct_count: 0, streak: 0 },
}

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
      const body = `event: leaderboard\nid: 8\ndata: ${JSON.stringify(standings)}\n\n`
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
    renderWithTheme(<LeaderboardPanel leaderboard={{ ...standings, status: 'closed' }} status="live" />)
    expect(screen.getByText('Final results')).toBeInTheDocument()
    expect(screen.queryByText('Live')).toBeNull()
  })

  it('invites players in when nobody has joined yet', () => {
    renderWithTheme(
      <LeaderboardPanel leaderboard={{ ...standings, participant_count: 0, entries: [], me: null }} status="live" />,
    )
    expect(screen.getByText('Nobody here yet')).toBeInTheDocument()
  })
})

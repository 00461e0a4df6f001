import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Leaderboard, Session } from '../api/types'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import { liveSession } from '../test/live'
import { qrModules, qrModulesOf } from '../test/qr'
import { renderScreen, teacher } from '../test/render'
import { entry, standings } from '../test/standings'
import AdminProjector from './AdminProjector'

const NAMES = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jade', 'Kai', 'Lou']
const session: Session = { ...liveSession, mode: 'self_paced', question_count: 8, participant_count: 12 }

/** Twelve players, best first; the first `finished` have answered all 8 questions. */
function board(finished: number, participantCount = NAMES.length): Leaderboard {
  const entries = NAMES.map((name, i) =>
    entry(i + 1, `p${i}`, name, 10_000 - i * 500, { answered_count: i < finished ? 8 : 5, correct_count: 4 }),
  )
  return standings(entries, { participant_count: participantCount, version: 30 })
}

function renderProjector(joinLink?: () => Response) {
  const stream = openStream()
  const api = installFakeApi({
    'GET /api/sessions/K7P2QX': () => json(session),
    'GET /api/sessions/K7P2QX/events': () => stream.response,
    ...(joinLink ? { 'GET /api/join-link': joinLink } : {}),
  })
  renderScreen(<AdminProjector />, {
    path: '/admin/sessions/:code/board',
    url: '/admin/sessions/K7P2QX/board',
    user: teacher,
  })
  return { stream, api }
}

function shownNames() {
  const name = new RegExp(`^(${NAMES.join('|')})$`)
  return screen.getAllByTestId('leaderboard-row').map((row) => within(row).getByText(name).textContent)
}

describe('AdminProjector', () => {
  it('shows only the players that fit on the screen, counts the rest and who has finished', async () => {
    // A small screen: 700 px leaves room for five large rows (none can be measured in jsdom).
    vi.stubGlobal('innerHeight', 700)
    const { stream, api } = renderProjector()
    await screen.findByTestId('session-code')
    stream.send('leaderboard', board(6), 30)

    await waitFor(() => expect(shownNames()).toEqual(['Ana', 'Ben', 'Cleo', 'Dev', 'Eli']))
    expect(screen.getByTestId('more-players')).toHaveTextContent('and 7 more players')
    expect(screen.getByTestId('participant-count')).toHaveTextContent('12 players')
    expect(screen.getByTestId('finished-count')).toHaveTextContent('6 of 12 finished')
    // The whole class's standings, to count who has finished.
    expect(api.requests.find((r) => r.path.endsWith('/events'))?.url.searchParams.get('limit')).toBe('100')

    // A taller window shows more of them.
    vi.stubGlobal('innerHeight', 1100)
    act(() => void window.dispatchEvent(new Event('resize')))
    await waitFor(() => expect(shownNames()).toHaveLength(8))
    expect(screen.getByTestId('more-players')).toHaveTextContent('and 4 more players')
  })

  it('shows everyone and no "more" line when all fit', async () => {
    vi.stubGlobal('innerHeight', 2160)
    const { stream } = renderProjector()
    await screen.findByTestId('session-code')
    stream.send('leaderboard', board(12), 30)
    await waitFor(() => expect(shownNames()).toHaveLength(12))
    expect(screen.queryByTestId('more-players')).toBeNull()
    expect(screen.getByTestId('finished-count')).toHaveTextContent('12 of 12 finished')
  })

  it('takes a second column on a wide screen before leaving players out', async () => {
    vi.stubGlobal('innerWidth', 1920)
    vi.stubGlobal('innerHeight', 1080)
    const { stream } = renderProjector()
    await screen.findByTestId('session-code')
    stream.send('leaderboard', board(0), 30)
    await waitFor(() => expect(shownNames()).toHaveLength(12))
    expect(screen.queryByTestId('more-players')).toBeNull()
    expect(screen.getByRole('list', { name: 'Top players' })).toHaveStyle({ display: 'grid' })
  })

  it('says the finished count is a floor when the standings sent are not the whole class', async () => {
    vi.stubGlobal('innerHeight', 700)
    const { stream } = renderProjector()
    await screen.findByTestId('session-code')
    stream.send('leaderboard', board(3, 140), 30)
    await waitFor(() => expect(screen.getByTestId('finished-count')).toHaveTextContent('At least 3 of 140 finished'))
    expect(screen.getByTestId('more-players')).toHaveTextContent('and 135 more players')
  })

  it('puts the address the server offers in the QR code and under the code', async () => {
    renderProjector(() => json({ url: 'http://192.168.1.20:8000', reachable: true, source: 'lan' }))
    await waitFor(() => expect(screen.getByText('192.168.1.20:8000/join')).toBeInTheDocument())
    const qr = screen.getByRole('img', { name: 'QR code to join session K7P2QX' })
    expect(qrModules(qr)).toBe(qrModulesOf('http://192.168.1.20:8000/join/K7P2QX'))
    expect(qrModules(qr)).not.toBe(qrModulesOf(`${window.location.origin}/join/K7P2QX`))
  })
})

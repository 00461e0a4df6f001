import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Leaderboard, LiveState } from '../api/types'
import { installFakeApi, json, openStream, type FakeRequest } from '../test/fakeApi'
import { catQuestion } from '../test/animals'
import { qrModules, qrModulesOf } from '../test/qr'
import { frameOf, liveSession, lobbyState, podiumState, questionState, revealState } from '../test/live'
import { renderScreen, teacher } from '../test/render'
import { entry, standings } from '../test/standings'
import AdminLiveHost from './AdminLiveHost'

function lobbyBoard(names: string[]): Leaderboard {
  const entries = names.map((name, i) => entry(1, `p${i}`, name, 0, { answered_count: 0, correct_count: 0 }))
  return standings(entries, { version: names.length })
}

/** The host's API: GET /live answers `state.current`; `actions` answer POST /live/{action} (or any route). */
function fakeHost(first: LiveState, actions: Record<string, (request: FakeRequest) => Response> = {}) {
  const state = { current: first }
  const stream = openStream()
  const routes: Parameters<typeof installFakeApi>[0] = {
    'GET /api/sessions/K7P2QX': () => json(liveSession),
    'GET /api/sessions/K7P2QX/events': () => stream.response,
    'GET /api/sessions/K7P2QX/live': () => json(state.current),
  }
  for (const [action, handler] of Object.entries(actions))
    routes[action.includes(' ') ? action : `POST /api/sessions/K7P2QX/live/${action}`] = handler
  const api = installFakeApi(routes)
  const liveReads = () => api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/live')).length
  const posts = () => api.requests.filter((r) => r.method === 'POST')
  return { api, stream, state, liveReads, posts }
}

function renderHost() {
  return renderScreen(<AdminLiveHost />, {
    path: '/admin/sessions/:code/live',
    url: '/admin/sessions/K7P2QX/live',
    user: teacher,
  })
}

describe('AdminLiveHost', () => {
  it('shows the lobby as players join, then starts from the phase version it saw', async () => {
    const host = fakeHost(lobbyState({ participant_count: 0, phase_version: 7 }), {
      start: () => {
        host.state.current = questionState({ phase_version: 8, participant_count: 2 })
        return json(host.state.current)
      },
    })
    const user = userEvent.setup({ delay: null })
    renderHost()

    expect(await screen.findByRole('heading', { name: 'Waiting for players' })).toBeInTheDocument()
    expect(screen.getByTestId('session-code')).toHaveTextContent('K7P2QX')
    expect(screen.getByRole('img', { name: 'QR code to join session K7P2QX' })).toBeInTheDocument()
    expect(screen.getByText('Nobody here yet')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Start/ })).toBeDisabled()

    host.stream.send('leaderboard', lobbyBoard(['Sam', 'Ana']), 2)
    await waitFor(() => expect(screen.getAllByTestId('player-name').map((n) => n.textContent)).toEqual(['Sam', 'Ana']))
    expect(screen.getByTestId('participant-count')).toHaveTextContent('2 players')

    await user.click(screen.getByRole('button', { name: /Start/ }))
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    expect(host.posts().map((r) => [r.path, r.body])).toEqual([
      ['/api/sessions/K7P2QX/live/start', { phase_version: 7 }],
    ])
    expect(screen.getAllByTestId('choice-tile').map((t) => t.textContent)).toEqual([
      '1le chien',
      '2le chat',
      "3l'oiseau",
      '4la vache',
    ])
    expect(screen.getByRole('progressbar', { name: 'Time left' })).toBeInTheDocument()
    expect(screen.getByTestId('answered-count')).toHaveTextContent('0 of 2 answered')
    expect(screen.getByTestId('phase-announcer')).toHaveTextContent('Question 1 of 2: the dog')
  })

  it('puts the address the server offers in the lobby, and warns when only this computer can open it', async () => {
    fakeHost(lobbyState(), {
      'GET /api/join-link': () => json({ url: 'http://127.0.0.1:8000', reachable: false, source: 'this_computer' }),
    })
    renderHost()
    const warning = await screen.findByTestId('join-link-warning')
    expect(warning).toHaveTextContent('Only this computer can open this link.')
    expect(warning).toHaveTextContent('restart with make run HOST=0.0.0.0, or set VOCABQUIZ_PUBLIC_URL.')
    expect(screen.getByText('127.0.0.1:8000/join')).toBeInTheDocument()
    expect(qrModules(screen.getByRole('img', { name: 'QR code to join session K7P2QX' }))).toBe(
      qrModulesOf('http://127.0.0.1:8000/join/K7P2QX'),
    )
  })

  it('shows no warning in the lobby when phones can reach the link', async () => {
    fakeHost(lobbyState(), {
      'GET /api/join-link': () => json({ url: 'http://192.168.1.20:8000', reachable: true, source: 'lan' }),
    })
    renderHost()
    expect(await screen.findByText('192.168.1.20:8000/join')).toBeInTheDocument()
    expect(screen.queryByTestId('join-link-warning')).toBeNull()
  })

  it('takes the main step with the space bar', async () => {
    const host = fakeHost(lobbyState(), {
      start: () => json((host.state.current = questionState())),
    })
    const user = userEvent.setup({ delay: null })
    renderHost()
    expect(await screen.findByRole('heading', { name: 'Waiting for players' })).toBeInTheDocument()
    await user.keyboard(' ')
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    expect(host.posts()).toHaveLength(1)
  })

  it('counts answers from the stream, and reads the state again when a step comes too late', async () => {
    const host = fakeHost(questionState({ participant_count: 3 }), {
      end: () => json({ detail: 'The session has moved on' }, 409),
    })
    const user = userEvent.setup({ delay: null })
    renderHost()
    expect(await screen.findByTestId('answered-count')).toHaveTextContent('0 of 3 answered')
    await waitFor(() => expect(screen.getByTestId('answered-count')).toBeInTheDocument())

    // An answer: the frame carries the count, nothing needs reading.
    const reads = host.liveReads()
    host.stream.send('live', frameOf(host.state.current, { answered_count: 2 }))
    await waitFor(() => expect(screen.getByTestId('answered-count')).toHaveTextContent('2 of 3 answered'))
    expect(host.liveReads()).toBe(reads)

    // Meanwhile the clock ended the question; the host's click is refused and the screen catches up.
    host.state.current = revealState(null)
    await user.click(screen.getByRole('button', { name: /End question/ }))
    expect(await screen.findByRole('heading', { name: 'le chien' })).toBeInTheDocument()
    expect(host.posts().map((r) => r.body)).toEqual([{ phase_version: 2 }])
    expect(host.liveReads()).toBeGreaterThan(reads)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('reveals the answer with the votes and the top five, then goes on from there', async () => {
    const host = fakeHost(revealState(null), {
      next: () =>
        json(
          (host.state.current = questionState({
            phase_version: 4,
            question_index: 1,
            question: catQuestion,
            secondsLeft: null,
          })),
        ),
    })
    const user = userEvent.setup({ delay: null })
    renderHost()
    expect(await screen.findByRole('heading', { name: 'le chien' })).toBeInTheDocument()
    const bars = screen.getAllByTestId('vote-bar')
    expect(bars.map((b) => b.textContent)).toEqual([
      'le chien (the right answer)2 players',
      '2le chat1 player',
      "3l'oiseau0 players",
      '4la vache0 players',
    ])
    expect(bars[0]).toHaveAttribute('data-correct', 'true')

    const top = screen.getByRole('list', { name: 'Top players' })
    const rows = within(top).getAllByTestId('leaderboard-row')
    expect(rows.map((r) => within(r).getByText(/Ana|Sam|Leo/).textContent)).toEqual(['Ana', 'Sam', 'Leo'])
    expect(within(rows[0]).getByTestId('rank-move')).toHaveAccessibleName('up 1')
    expect(within(rows[1]).getByTestId('rank-move')).toHaveAccessibleName('down 1')
    expect(within(rows[2]).queryByTestId('rank-move')).toBeNull()

    await user.click(screen.getByRole('button', { name: /Next question/ }))
    expect(await screen.findByRole('heading', { name: 'the cat' })).toBeInTheDocument()
    expect(host.posts().map((r) => [r.path, r.body])).toEqual([
      ['/api/sessions/K7P2QX/live/next', { phase_version: 3 }],
    ])
    expect(screen.getByText("No time limit: end the question when you're ready.")).toBeInTheDocument()
  })

  it('offers the podium after the last question', async () => {
    const host = fakeHost(revealState(null, { question_index: 1 }), {
      next: () => json((host.state.current = podiumState())),
    })
    const user = userEvent.setup({ delay: null })
    renderHost()
    await user.click(await screen.findByRole('button', { name: /Show podium/ }))
    expect(await screen.findByRole('heading', { name: /The podium/ })).toBeInTheDocument()
  })

  it('shows the podium, closes the session and links to the results', async () => {
    const host = fakeHost(podiumState(), {
      'POST /api/sessions/K7P2QX/close': () => {
        host.state.current = podiumState({ status: 'closed', phase: 'closed' })
        return json({ ...liveSession, status: 'closed', closed_at: '2030-01-01T10:30:00Z' })
      },
    })
    const user = userEvent.setup({ delay: null })
    renderHost()
    const podium = await screen.findByTestId('podium')
    expect(
      within(podium)
        .getAllByRole('listitem')
        .map((p) => p.textContent),
    ).toEqual([expect.stringContaining('Ana'), expect.stringContaining('Leo'), expect.stringContaining('Mia')])
    expect(screen.getByRole('link', { name: /Results/ })).toHaveAttribute('href', '/admin/sessions/K7P2QX/results')
    expect(screen.getByRole('link', { name: /Question analytics/ })).toHaveAttribute(
      'href',
      '/admin/sessions/K7P2QX/analytics',
    )
    await user.click(screen.getByRole('button', { name: /Close session/ }))
    expect(await screen.findByRole('heading', { name: /That's a wrap!/ })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Close session/ })).toBeNull()
  })

  it('sends a self-paced session back to its own screen', async () => {
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json({ ...liveSession, mode: 'self_paced' }),
      'GET /api/sessions/K7P2QX/events': () => openStream().response,
      'GET /api/sessions/K7P2QX/live': () => json({ detail: 'This session is self-paced' }, 409),
    })
    renderHost()
    expect(await screen.findByText("This session isn't live")).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Go to the session' })).toHaveAttribute('href', '/admin/sessions/K7P2QX')
  })
})

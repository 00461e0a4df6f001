import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { samJoined } from '../test/animals'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen } from '../test/render'
import Join from './Join'

function renderJoin(url = '/join') {
  const playRoute = { path: '/play/:code', element: <p>Playing now</p> }
  return renderScreen(<Join />, { path: url === '/join' ? '/join' : '/join/:code', url, extraRoutes: [playRoute] })
}

describe('Join', () => {
  it('cleans up what the player types and joins with the normalised code', async () => {
    const api = installFakeApi({
      'GET /api/me/sessions': () => json([]),
      'POST /api/sessions/K7P2QX/join': () => json(samJoined),
    })
    const user = userEvent.setup({ delay: null })
    const { router } = renderJoin()
    const field = screen.getByLabelText('Join code')
    await user.type(field, ' k7p 2qx ')
    expect(field).toHaveValue('K7P2QX')
    await user.click(screen.getByRole('button', { name: /Join/ }))
    expect(await screen.findByText('Playing now')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/play/K7P2QX')
    expect(api.requests.some((r) => r.method === 'POST' && r.path === '/api/sessions/K7P2QX/join')).toBe(true)
  })

  it('does not send a code that is too short, and says how far along it is', async () => {
    const api = installFakeApi({ 'GET /api/me/sessions': () => json([]) })
    const user = userEvent.setup({ delay: null })
    renderJoin()
    await user.type(screen.getByLabelText('Join code'), 'k7p{Enter}')
    expect(screen.getByText("That's 3 of 6 characters. Keep going!")).toBeInTheDocument()
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('points out characters that are never in a code while typing', async () => {
    installFakeApi({ 'GET /api/me/sessions': () => json([]) })
    const user = userEvent.setup({ delay: null })
    renderJoin()
    await user.type(screen.getByLabelText('Join code'), 'k0')
    expect(screen.getByText(/Codes never contain 0/)).toBeInTheDocument()
  })

  it('joins at once from a deep link', async () => {
    installFakeApi({
      'GET /api/me/sessions': () => json([]),
      'POST /api/sessions/K7P2QX/join': () => json(samJoined),
    })
    const { router } = renderJoin('/join/k7p2qx')
    expect(await screen.findByText('Playing now')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/play/K7P2QX')
  })

  it('explains in plain words when the quiz has ended', async () => {
    installFakeApi({
      'GET /api/me/sessions': () => json([]),
      'POST /api/sessions/K7P2QX/join': () => json({ detail: 'Session is closed' }, 409),
    })
    renderJoin('/join/K7P2QX')
    expect(
      await screen.findByText('The quiz K7P2QX has already ended. Ask your teacher for a new code.'),
    ).toBeInTheDocument()
  })

  it("shows a removed player the server's reason when their join is refused", async () => {
    installFakeApi({
      'GET /api/me/sessions': () => json([]),
      'POST /api/sessions/K7P2QX/join': () =>
        json({ detail: 'The teacher removed you from this session; ask them to let you back in' }, 403),
    })
    renderJoin('/join/K7P2QX')
    expect(
      await screen.findByText('The teacher removed you from this session; ask them to let you back in'),
    ).toBeInTheDocument()
    expect(screen.queryByText("You don't have access to this.")).toBeNull()
  })
})

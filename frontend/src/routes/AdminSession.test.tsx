import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { JoinLinkBase } from '../api/types'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import { liveSession } from '../test/live'
import { qrModules, qrModulesOf } from '../test/qr'
import { renderScreen, teacher } from '../test/render'
import { entry, standings } from '../test/standings'
import AdminSession from './AdminSession'

function renderSession(mode: 'live' | 'self_paced', joinLink?: JoinLinkBase | 'fails') {
  installFakeApi({
    'GET /api/sessions/K7P2QX': () => json({ ...liveSession, mode }),
    'GET /api/sessions/K7P2QX/events': () => openStream().response,
    ...(joinLink
      ? { 'GET /api/join-link': () => (joinLink === 'fails' ? json({ detail: 'Boom' }, 500) : json(joinLink)) }
      : {}),
  })
  renderScreen(<AdminSession />, { path: '/admin/sessions/:code', url: '/admin/sessions/K7P2QX', user: teacher })
}

const qrCode = () => screen.getByRole('img', { name: 'QR code to join session K7P2QX' })

describe('AdminSession', () => {
  it('links a live session to its host screen', async () => {
    renderSession('live')
    expect(await screen.findByRole('link', { name: /Host screen/ })).toHaveAttribute(
      'href',
      '/admin/sessions/K7P2QX/live',
    )
  })

  it('has no host screen for a self-paced session', async () => {
    renderSession('self_paced')
    expect(await screen.findByRole('heading', { name: 'Your session is open' })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: /Host screen/ })).toBeNull()
  })

  it('shows, encodes and copies the join link on the address the server offers', async () => {
    renderSession('self_paced', { url: 'http://192.168.1.20:8000', reachable: true, source: 'lan' })
    const user = userEvent.setup({ delay: null })
    expect(await screen.findByText('192.168.1.20:8000/join')).toBeInTheDocument()
    expect(qrModules(qrCode())).toBe(qrModulesOf('http://192.168.1.20:8000/join/K7P2QX'))
    expect(screen.queryByTestId('join-link-warning')).toBeNull()

    await user.click(screen.getByRole('button', { name: /Copy join link/ }))
    expect(await navigator.clipboard.readText()).toBe('http://192.168.1.20:8000/join/K7P2QX')
  })

  it('warns when only this computer can open the link', async () => {
    renderSession('self_paced', { url: 'http://127.0.0.1:8000', reachable: false, source: 'this_computer' })
    const warning = await screen.findByTestId('join-link-warning')
    expect(within(warning).getByText('Only this computer can open this link.')).toBeInTheDocument()
    expect(warning).toHaveTextContent(
      'For a class on the same Wi-Fi, restart with make run HOST=0.0.0.0, or set VOCABQUIZ_PUBLIC_URL.',
    )
    expect(screen.getByText('127.0.0.1:8000/join')).toBeInTheDocument()
  })

  it("falls back to this browser's address, with no warning, when the server's is unknown", async () => {
    renderSession('self_paced', 'fails')
    expect(await screen.findByRole('heading', { name: 'Your session is open' })).toBeInTheDocument()
    await waitFor(() => expect(qrModules(qrCode())).toBe(qrModulesOf(`${window.location.origin}/join/K7P2QX`)))
    expect(screen.getByText(`${window.location.host}/join`)).toBeInTheDocument()
    expect(screen.queryByTestId('join-link-warning')).toBeNull()
  })

  it('renames a player, saying so in the dialog when the name is taken', async () => {
    const stream = openStream()
    const api = installFakeApi({
      'GET /api/sessions/K7P2QX': () => json({ ...liveSession, mode: 'self_paced' }),
      'GET /api/sessions/K7P2QX/events': () => stream.response,
      'GET /api/sessions/K7P2QX/removed': () => json([]),
      'PATCH /api/sessions/K7P2QX/participants/p1': (request) => {
        const name = (request.body as { display_name: string }).display_name
        if (name === 'Ana') return json({ detail: 'Another player here is already called Ana' }, 409)
        return json({ ...zoe, id: 'p1', display_name: name })
      },
    })
    const user = userEvent.setup({ delay: null })
    renderScreen(<AdminSession />, { path: '/admin/sessions/:code', url: '/admin/sessions/K7P2QX', user: teacher })
    await screen.findByRole('heading', { name: 'Your session is open' })
    stream.send('leaderboard', twoZoes, 4)

    await user.click(await screen.findByRole('button', { name: 'Rename Zoe 2' }))
    const dialog = await screen.findByRole('dialog', { name: 'Rename Zoe 2' })
    const field = within(dialog).getByLabelText(/Name on the leaderboard/)
    expect(field).toHaveValue('Zoe 2')
    await user.clear(field)
    await user.type(field, 'Ana{Enter}')
    expect(await within(dialog).findByText('Another player here is already called Ana')).toBeInTheDocument()

    await user.clear(field)
    await user.type(field, 'Zoë B')
    await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { display_name: 'Ana' },
      { display_name: 'Zoë B' },
    ])
  })

  it('removes a player after asking, and lets a removed player back in', async () => {
    const stream = openStream()
    let removed: { user_id: string; display_name: string; removed_at: string }[] = []
    const api = installFakeApi({
      'GET /api/sessions/K7P2QX': () => json({ ...liveSession, mode: 'self_paced' }),
      'GET /api/sessions/K7P2QX/events': () => stream.response,
      'GET /api/sessions/K7P2QX/removed': () => json(removed),
      'DELETE /api/sessions/K7P2QX/participants/p1': () => {
        removed = [{ user_id: 'u-zoe', display_name: 'Zoe 2', removed_at: '2030-01-01T10:05:00Z' }]
        return new Response(null, { status: 204 })
      },
      'DELETE /api/sessions/K7P2QX/removed/u-zoe': () => {
        removed = []
        return new Response(null, { status: 204 })
      },
    })
    const user = userEvent.setup({ delay: null })
    renderScreen(<AdminSession />, { path: '/admin/sessions/:code', url: '/admin/sessions/K7P2QX', user: teacher })
    await screen.findByRole('heading', { name: 'Your session is open' })
    stream.send('leaderboard', twoZoes, 4)
    expect(screen.queryByRole('heading', { name: 'Removed players' })).toBeNull()

    await user.click(await screen.findByRole('button', { name: 'Remove Zoe 2' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Zoe 2?' })
    expect(dialog).toHaveTextContent(
      'Their points and answers are deleted, and they cannot rejoin unless you let them back in.',
    )
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false)
    await user.click(within(dialog).getByRole('button', { name: 'Remove Zoe 2' }))

    const list = await screen.findByTestId('removed-players')
    expect(within(list).getByText('Zoe 2')).toBeInTheDocument()
    await user.click(within(list).getByRole('button', { name: 'Let Zoe 2 back in' }))
    await waitFor(() => expect(screen.queryByTestId('removed-players')).toBeNull())
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/sessions/K7P2QX/participants/p1',
      '/api/sessions/K7P2QX/removed/u-zoe',
    ])
  })
})

const zoe = {
  session_code: 'K7P2QX',
  score: 0,
  answered_count: 0,
  correct_count: 0,
  streak: 0,
  joined_at: '2030-01-01T10:00:00Z',
}

const twoZoes = standings(
  [entry(1, 'p0', 'Zoe', 900, { streak: 1 }), entry(2, 'p1', 'Zoe 2', 0, { correct_count: 0 })],
  { version: 4 },
)

import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { JoinLinkBase } from '../api/types'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import { liveSession } from '../test/live'
import { qrModules, qrModulesOf } from '../test/qr'
import { renderScreen, teacher } from '../test/render'
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
})

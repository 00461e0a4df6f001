import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import { liveSession } from '../test/live'
import { renderScreen, teacher } from '../test/render'
import AdminSession from './AdminSession'

function renderSession(mode: 'live' | 'self_paced') {
  installFakeApi({
    'GET /api/sessions/K7P2QX': () => json({ ...liveSession, mode }),
    'GET /api/sessions/K7P2QX/events': () => openStream().response,
  })
  renderScreen(<AdminSession />, { path: '/admin/sessions/:code', url: '/admin/sessions/K7P2QX', user: teacher })
}

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
})

import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../api/types'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen } from '../test/render'
import History from './History'

const entry: HistoryEntry = {
  session_code: 'K7P2QX',
  quiz_title: 'Animals in French',
  status: 'closed',
  score: 2100,
  rank: 2,
  participant_count: 5,
  answered_count: 4,
  correct_count: 2,
  missed_count: 2,
  joined_at: '2030-01-01T10:00:00Z',
}

describe('History', () => {
  it('offers practice of the missed questions, only where something was missed', async () => {
    installFakeApi({
      'GET /api/me/sessions': () =>
        json([entry, { ...entry, session_code: 'ABCDEF', quiz_title: 'Colours', missed_count: 0, correct_count: 4 }]),
    })
    renderScreen(<History />, { path: '/history', url: '/history' })
    const items = await screen.findAllByRole('listitem')
    expect(within(items[0]).getByRole('link', { name: /Practise 2 missed/ })).toHaveAttribute(
      'href',
      '/practice/K7P2QX',
    )
    expect(within(items[1]).queryByRole('link', { name: /Practise/ })).toBeNull()
  })
})

import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ParticipantResult, Session } from '../api/types'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen, teacher } from '../test/render'
import AdminResults from './AdminResults'

const session: Session = {
  id: 's1',
  code: 'K7P2QX',
  quiz_id: 'z1',
  quiz_title: 'Animals in French',
  status: 'closed',
  question_count: 3,
  participant_count: 1,
  created_at: '2030-01-01T10:00:00Z',
  closed_at: '2030-01-01T10:20:00Z',
  scoring: 'accuracy',
  streak_bonus: true,
}

function answer(correct: boolean, points: number, streak: number, bonus: number) {
  return {
    question_id: null,
    choice_id: null,
    correct,
    late: false,
    points_awarded: points,
    streak,
    streak_bonus: bonus,
    elapsed_ms: 3000,
    answered_at: '2030-01-01T10:01:00Z',
  }
}

const mia: ParticipantResult = {
  id: 'p1',
  session_code: 'K7P2QX',
  display_name: 'Mia',
  score: 3300,
  answered_count: 3,
  correct_count: 3,
  streak: 3,
  joined_at: '2030-01-01T10:00:00Z',
  rank: 1,
  answers: [answer(true, 1000, 1, 0), answer(true, 1100, 2, 100), answer(true, 1200, 3, 200)],
}

describe('AdminResults', () => {
  it('shows the scoring of the session and the streak bonus part of each answer', async () => {
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(session),
      'GET /api/sessions/K7P2QX/results': () => json([mia]),
    })
    renderScreen(<AdminResults />, {
      path: '/admin/sessions/:code/results',
      url: '/admin/sessions/K7P2QX/results',
      user: teacher,
    })
    const row = await screen.findByRole('row', { name: /Mia/ })
    expect(within(row).getByTestId('streak-bonuses')).toHaveTextContent('Streak bonus: Q2 +100 · Q3 +200')
    expect(screen.getByTestId('scoring-badges')).toHaveTextContent('Accuracy scoring')
    expect(screen.getByTestId('scoring-badges')).toHaveTextContent('Streak bonus')
    expect(screen.getByRole('link', { name: /Question analytics/ })).toHaveAttribute(
      'href',
      '/admin/sessions/K7P2QX/analytics',
    )
  })
})

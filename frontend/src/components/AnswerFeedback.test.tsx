import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AnswerResult } from '../api/types'
import { renderWithTheme } from '../test/wrap'
import { AnswerFeedback } from './AnswerFeedback'

const right: AnswerResult = {
  question_id: 'q3',
  choice_id: 'a',
  correct: true,
  correct_choice_id: 'a',
  late: false,
  points_awarded: 850,
  streak_bonus: 200,
  streak: 3,
  score: 2650,
  rank: 1,
}

function renderFeedback(result: AnswerResult) {
  renderWithTheme(<AnswerFeedback result={result} correctText="la maison" isLast={false} onNext={() => {}} />)
  return screen.getByTestId('answer-feedback')
}

describe('AnswerFeedback', () => {
  it('shows the points with the streak bonus part and the run', () => {
    const feedback = renderFeedback(right)
    expect(within(feedback).getByRole('heading')).toHaveTextContent('Correct! +850 points')
    expect(within(feedback).getByTestId('streak-line')).toHaveTextContent('incl. +200 streak bonus · 🔥 3 in a row')
  })

  it('shows a run of two before any bonus counts, and nothing for a single right answer', () => {
    const { unmount } = renderWithTheme(
      <AnswerFeedback
        result={{ ...right, streak: 2, streak_bonus: 0, points_awarded: 650 }}
        correctText=""
        isLast={false}
        onNext={() => {}}
      />,
    )
    expect(screen.getByTestId('streak-line')).toHaveTextContent('🔥 2 in a row')
    expect(screen.getByTestId('streak-line')).not.toHaveTextContent('bonus')
    unmount()
    renderFeedback({ ...right, streak: 1, streak_bonus: 0, points_awarded: 650 })
    expect(screen.queryByTestId('streak-line')).toBeNull()
  })

  it('shows no streak after a wrong answer', () => {
    const feedback = renderFeedback({ ...right, correct: false, points_awarded: 0, streak: 0, streak_bonus: 0 })
    expect(within(feedback).getByText('Not quite')).toBeInTheDocument()
    expect(within(feedback).queryByTestId('streak-line')).toBeNull()
    expect(feedback).toHaveTextContent('The answer was la maison.')
  })
})

import { renderHook, screen } from '@testing-library/react'
import { useTranslation } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import type { LiveOutcome } from '../api/types'
import { useFormat } from '../hooks/useFormat'
import { renderWithTheme } from '../test/wrap'
import { RevealResult, standingLine } from './RevealResult'

const outcome: LiveOutcome = {
  answered: true,
  choice_id: 'a',
  correct: true,
  late: false,
  points_awarded: 1100,
  streak_bonus: 100,
  streak: 3,
  score: 4200,
  rank: 1,
  behind: null,
}

describe('standingLine', () => {
  it('says how far the player is from the one above', () => {
    const { t, f } = renderHook(() => ({ t: useTranslation().t, f: useFormat() })).result.current
    const line = (o: LiveOutcome) => standingLine(o, t, f)
    expect(line(outcome)).toBe("1st place: you're in the lead!")
    expect(line({ ...outcome, rank: 4, behind: 250 })).toBe('4th place · 250 points behind #3')
    expect(line({ ...outcome, rank: 2, behind: 1 })).toBe('2nd place · 1 point behind #1')
    expect(line({ ...outcome, rank: 2, behind: 0 })).toBe('2nd place, level with #1')
  })
})

describe('RevealResult', () => {
  it('shows the points with the streak bonus and the run', () => {
    renderWithTheme(<RevealResult outcome={outcome} correctChoiceId={outcome.choice_id!} correctText="le chien" />)
    expect(screen.getByRole('heading', { name: 'Correct! +1,100 points' })).toBeInTheDocument()
    expect(screen.getByTestId('streak-line')).toHaveTextContent('incl. +100 streak bonus · 🔥 3 in a row')
    expect(screen.queryByText(/The answer was/)).toBeNull()
  })

  it('names the right answer to a player who was right too late', () => {
    renderWithTheme(
      <RevealResult
        outcome={{ ...outcome, correct: false, late: true, points_awarded: 0, streak_bonus: 0 }}
        correctChoiceId={outcome.choice_id!}
        correctText="le chien"
      />,
    )
    expect(screen.getByRole('heading', { name: "Time's up" })).toBeInTheDocument()
    expect(screen.getByText('Right answer, but too late to score.')).toBeInTheDocument()
  })
})

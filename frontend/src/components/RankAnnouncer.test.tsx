import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { RankAnnouncer } from './RankAnnouncer'

const me = (rank: number) => ({
  rank,
  participant_id: 'p-me',
  display_name: 'Sam',
  score: 0,
  answered_count: 0,
  correct_count: 0,
  streak: 0,
})

describe('RankAnnouncer', () => {
  it('stays quiet for the first standings, then politely announces a change of place', () => {
    const { rerender } = renderWithTheme(<RankAnnouncer me={me(5)} leader={undefined} participantCount={9} />)
    const region = screen.getByTestId('rank-announcer')
    expect(region).toHaveAttribute('aria-live', 'polite')
    expect(region).toHaveTextContent('')
    rerender(<RankAnnouncer me={me(2)} leader={undefined} participantCount={9} />)
    expect(region).toHaveTextContent('You moved up to 2nd place of 9.')
    rerender(<RankAnnouncer me={me(3)} leader={undefined} participantCount={9} />)
    expect(region).toHaveTextContent('You moved down to 3rd place of 9.')
  })
})

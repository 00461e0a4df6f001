import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { WordListProblems } from './WordListProblems'

const problems = Array.from({ length: 100 }, (_, i) => ({
  line: 1,
  reason: `unknown column “c${i}”`,
  code: 'unknown_column',
  params: { column: `c${i}`, columns: 'word, meaning' },
}))

describe('WordListProblems', () => {
  it('counts every problem, names the first ones, and says nothing was added only after an import', () => {
    const { unmount } = renderWithTheme(<WordListProblems problems={problems} count={400_000} imported={false} />)
    expect(screen.getByText('The word list has 400,000 problems.')).toBeInTheDocument()
    expect(screen.getByText('…and 399,950 more.')).toBeInTheDocument()
    unmount()
    renderWithTheme(<WordListProblems problems={problems.slice(0, 1)} count={1} imported />)
    expect(screen.getByText('The word list has 1 problem. Nothing was added.')).toBeInTheDocument()
  })
})

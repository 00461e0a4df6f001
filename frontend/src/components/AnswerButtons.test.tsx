import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { AnswerButtons } from './AnswerButtons'

const choices = [
  { id: 'a', text: 'le chien' },
  { id: 'b', text: 'le chat' },
  { id: 'c', text: 'la vache' },
]

describe('AnswerButtons', () => {
  it('answers with the number keys, and ignores numbers without a choice', () => {
    const onAnswer = vi.fn()
    renderWithTheme(<AnswerButtons choices={choices} onAnswer={onAnswer} />)
    fireEvent.keyDown(window, { key: '3' })
    fireEvent.keyDown(window, { key: '5' })
    expect(onAnswer.mock.calls).toEqual([['c']])
  })

  it('ignores keys while disabled and while the player types in a field', () => {
    const onAnswer = vi.fn()
    const { rerender } = renderWithTheme(<AnswerButtons choices={choices} onAnswer={onAnswer} disabled />)
    fireEvent.keyDown(window, { key: '1' })
    rerender(
      <>
        <input aria-label="notes" />
        <AnswerButtons choices={choices} onAnswer={onAnswer} />
      </>,
    )
    fireEvent.keyDown(screen.getByLabelText('notes'), { key: '1' })
    expect(onAnswer).not.toHaveBeenCalled()
  })

  it('marks the right answer and a wrong pick once the result is known', () => {
    renderWithTheme(<AnswerButtons choices={choices} onAnswer={() => {}} disabled chosenId="b" correctId="a" />)
    expect(screen.getByRole('button', { name: 'Answer 1: le chien (the right answer)' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Answer 2: le chat (your answer, not right)' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Answer 3: la vache' })).toBeInTheDocument()
  })
})

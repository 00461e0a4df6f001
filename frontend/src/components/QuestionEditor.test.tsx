import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Question } from '../api/types'
import { renderWithTheme } from '../test/wrap'
import { QuestionEditor } from './QuestionEditor'

function setup(question?: Question) {
  const onSave = vi.fn()
  const user = userEvent.setup({ delay: null })
  renderWithTheme(<QuestionEditor question={question} number={1} onSave={onSave} onCancel={() => {}} />)
  return { onSave, user }
}

describe('QuestionEditor', () => {
  it('does not save an empty question and says what is missing', async () => {
    const { onSave, user } = setup()
    await user.click(screen.getByRole('button', { name: 'Add question' }))
    expect(onSave).not.toHaveBeenCalled()
    expect(screen.getByText('Write the question.')).toBeInTheDocument()
    expect(screen.getAllByText('Write this answer, or remove it.')).toHaveLength(4)
  })

  it('flags an answer that repeats another one, ignoring case, once the field is left', async () => {
    const { user } = setup()
    await user.type(screen.getByLabelText('Answer 1'), 'Le chat')
    await user.type(screen.getByLabelText('Answer 2'), 'le CHAT')
    expect(screen.queryByText(/Same as answer 1/)).toBeNull()
    await user.tab()
    expect(screen.getByText('Same as answer 1. Each answer must be different.')).toBeInTheDocument()
  })

  it('explains the allowed time limit', async () => {
    const { user } = setup()
    const seconds = screen.getByLabelText('Seconds to answer')
    await user.clear(seconds)
    await user.type(seconds, '400')
    await user.tab()
    expect(screen.getByText('Choose between 5 and 300 seconds, or make it untimed.')).toBeInTheDocument()
  })

  it('asks for a correct answer when the marked one is removed', async () => {
    const { onSave, user } = setup()
    await user.click(screen.getByRole('button', { name: 'Remove answer 1' }))
    await user.click(screen.getByRole('button', { name: 'Add question' }))
    expect(screen.getByText('Mark the correct answer.')).toBeInTheDocument()
    expect(onSave).not.toHaveBeenCalled()
  })

  it('keeps between 2 and 6 answers', async () => {
    const { user } = setup()
    await user.click(screen.getByRole('button', { name: 'Remove answer 4' }))
    await user.click(screen.getByRole('button', { name: 'Remove answer 3' }))
    expect(screen.getByRole('button', { name: 'Remove answer 1' })).toBeDisabled()
    for (let i = 0; i < 4; i++) await user.click(screen.getByRole('button', { name: /Add an answer/ }))
    expect(screen.getAllByLabelText(/^Answer \d$/)).toHaveLength(6)
    expect(screen.getByRole('button', { name: /Add an answer/ })).toBeDisabled()
  })

  it('saves a valid question with the chosen correct answer, untimed', async () => {
    const { onSave, user } = setup()
    await user.type(screen.getByLabelText('Question'), 'What is "dog" in Spanish?')
    await user.type(screen.getByLabelText('Answer 1'), 'gato')
    await user.type(screen.getByLabelText('Answer 2'), 'perro')
    await user.click(screen.getByRole('button', { name: 'Remove answer 4' }))
    await user.click(screen.getByRole('button', { name: 'Remove answer 3' }))
    await user.click(screen.getByLabelText('Answer 2 is the correct one'))
    await user.click(screen.getByRole('checkbox', { name: 'Timed question' }))
    const points = screen.getByLabelText('Points')
    await user.clear(points)
    await user.type(points, '500')
    await user.click(screen.getByRole('button', { name: 'Add question' }))
    expect(onSave).toHaveBeenCalledWith({
      prompt: 'What is "dog" in Spanish?',
      choices: [
        { text: 'gato', correct: false },
        { text: 'perro', correct: true },
      ],
      time_limit_s: null,
      points: 500,
    })
  })

  it('starts from the question being edited', async () => {
    setup({
      id: 'q1',
      position: 0,
      prompt: 'Bonjour means…',
      choices: [
        { id: 'c1', text: 'Goodbye', correct: false },
        { id: 'c2', text: 'Hello', correct: true },
      ],
      time_limit_s: 30,
      points: 800,
    })
    expect(screen.getByLabelText('Question')).toHaveValue('Bonjour means…')
    await waitFor(() => expect(screen.getByLabelText('Answer 2 is the correct one')).toBeChecked())
    expect(screen.getByLabelText('Seconds to answer')).toHaveValue('30')
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeInTheDocument()
  })
})

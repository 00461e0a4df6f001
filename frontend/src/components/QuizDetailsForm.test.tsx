import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { QuizDetailsForm } from './QuizDetailsForm'

describe('QuizDetailsForm', () => {
  it('saves the scoring and the streak bonus with the title', async () => {
    const onSubmit = vi.fn()
    const user = userEvent.setup({ delay: null })
    renderWithTheme(
      <QuizDetailsForm
        initial={{ title: 'Feelings', description: '', scoring: 'speed', streakBonus: false }}
        submitLabel="Save"
        onSubmit={onSubmit}
        hasSessions
      />,
    )
    expect(screen.getByRole('radio', { name: /Speed/ })).toBeChecked()
    expect(screen.getByText(/changes apply to the next session/)).toBeInTheDocument()
    await user.click(screen.getByRole('radio', { name: /Accuracy/ }))
    await user.click(screen.getByRole('checkbox', { name: 'Streak bonus' }))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(onSubmit).toHaveBeenCalledWith({
      title: 'Feelings',
      description: '',
      scoring: 'accuracy',
      streakBonus: true,
    })
  })
})

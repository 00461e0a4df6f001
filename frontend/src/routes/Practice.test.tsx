import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Practice as PracticeData } from '../api/types'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen } from '../test/render'
import Practice from './Practice'

const practice: PracticeData = {
  session_code: 'K7P2QX',
  quiz_title: 'Animals in French',
  questions: [
    {
      id: 'q3',
      prompt: 'the house',
      choices: [
        { id: 'a', text: 'la voiture', correct: false },
        { id: 'b', text: 'la maison', correct: true },
      ],
    },
    {
      id: 'q4',
      prompt: 'the book',
      choices: [
        { id: 'c', text: 'le livre', correct: true },
        { id: 'd', text: 'le cahier', correct: false },
        { id: 'e', text: 'le stylo', correct: false },
      ],
    },
  ],
}

function renderPractice(body: unknown, status = 200) {
  const api = installFakeApi({ 'GET /api/me/sessions/K7P2QX/practice': () => json(body, status) })
  const user = userEvent.setup({ delay: null })
  renderScreen(<Practice />, { path: '/practice/:code', url: '/practice/k7p2qx' })
  return { api, user }
}

describe('Practice', () => {
  it('goes through the missed questions, shows right and wrong, then a summary; sends nothing', async () => {
    const { api, user } = renderPractice(practice)
    expect(await screen.findByRole('heading', { name: 'the house' })).toBeInTheDocument()
    expect(screen.getByText('Question 1 of 2')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: /Answer 1: la voiture/ }))
    const wrong = screen.getByTestId('practice-feedback')
    expect(within(wrong).getByText('Not quite')).toBeInTheDocument()
    expect(wrong).toHaveTextContent('The answer is la maison.')
    expect(screen.getByRole('button', { name: /Answer 2: la maison \(the right answer\)/ })).toBeDisabled()
    expect(screen.getByRole('button', { name: /Answer 1: la voiture \(your answer, not right\)/ })).toBeDisabled()

    await user.click(screen.getByRole('button', { name: /Next question/ }))
    expect(screen.getByRole('heading', { name: 'the book' })).toBeInTheDocument()
    expect(screen.queryByTestId('practice-feedback')).toBeNull()
    await user.keyboard('1')
    expect(within(screen.getByTestId('practice-feedback')).getByText('Right!')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: /See how I did/ }))
    const summary = screen.getByTestId('practice-summary')
    expect(within(summary).getByRole('heading', { name: 'You got 1 of 2 right' })).toBeInTheDocument()

    // Only the one missed again, then all of them.
    await user.click(within(summary).getByRole('button', { name: /Practise the 1 I missed/ }))
    expect(screen.getByText('Question 1 of 1')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /la maison/ }))
    await user.click(screen.getByRole('button', { name: /See how I did/ }))
    expect(screen.getByRole('heading', { name: 'You got 1 of 1 right' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /Practise again/ }))
    expect(screen.getByText('Question 1 of 2')).toBeInTheDocument()

    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/me/sessions/K7P2QX/practice'])
  })

  it('says so when nothing was missed', async () => {
    renderPractice({ ...practice, questions: [] })
    expect(await screen.findByText('Nothing to practise')).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'Answers' })).toBeNull()
  })

  it('explains a session the player did not take part in', async () => {
    renderPractice({ detail: 'You did not take part in this session' }, 403)
    expect(await screen.findByText("You didn't play this quiz")).toBeInTheDocument()
  })
})

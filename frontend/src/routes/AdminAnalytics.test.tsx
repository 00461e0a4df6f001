import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { QuestionAnalytics } from '../api/types'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen, teacher } from '../test/render'
import AdminAnalytics from './AdminAnalytics'

const analytics: QuestionAnalytics = {
  quiz_id: 'z1',
  quiz_title: 'Animals in French',
  session_code: 'K7P2QX',
  session_count: 1,
  participant_count: 5,
  answer_count: 9,
  questions: [
    {
      question_id: 'q2',
      position: 1,
      prompt: 'the book',
      answer_count: 5,
      correct_count: 1,
      late_count: 1,
      correct_share: 0.2,
      median_elapsed_ms: 4200,
      choices: [
        { choice_id: 'a', text: 'le cahier', correct: false, picked: 3 },
        { choice_id: 'b', text: 'le livre', correct: true, picked: 1 },
        { choice_id: 'c', text: 'le stylo', correct: false, picked: 1 },
      ],
    },
    {
      question_id: 'q1',
      position: 0,
      prompt: 'the dog',
      answer_count: 4,
      correct_count: 4,
      late_count: 0,
      correct_share: 1,
      median_elapsed_ms: 2000,
      choices: [
        { choice_id: 'd', text: 'le chat', correct: false, picked: 0 },
        { choice_id: 'e', text: 'le chien', correct: true, picked: 4 },
      ],
    },
    {
      question_id: 'q3',
      position: 2,
      prompt: 'the house',
      answer_count: 0,
      correct_count: 0,
      late_count: 0,
      correct_share: null,
      median_elapsed_ms: null,
      choices: [
        { choice_id: 'f', text: 'la maison', correct: true, picked: 0 },
        { choice_id: 'g', text: 'la voiture', correct: false, picked: 0 },
      ],
    },
  ],
}

function renderSessionAnalytics(body: QuestionAnalytics) {
  installFakeApi({ 'GET /api/sessions/K7P2QX/analytics': () => json(body) })
  return renderScreen(<AdminAnalytics />, {
    path: '/admin/sessions/:code/analytics',
    url: '/admin/sessions/k7p2qx/analytics',
    user: teacher,
  })
}

describe('AdminAnalytics', () => {
  it('shows the summary, then the questions and their choice bars in the order given', async () => {
    renderSessionAnalytics(analytics)
    const cards = await screen.findAllByTestId('question-stats')
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Question 2: the book',
      'Question 1: the dog',
      'Question 3: the house',
    ])
    expect(screen.getByText('Players').nextSibling).toHaveTextContent('5')
    expect(screen.getByText('Answers').nextSibling).toHaveTextContent('9')

    const hardest = cards[0]
    expect(within(hardest).getByText('20% right')).toBeInTheDocument()
    expect(within(hardest).getByText('1 of 5 answers')).toBeInTheDocument()
    expect(within(hardest).getByText('Median time 4.2 s')).toBeInTheDocument()
    expect(within(hardest).getByText('1 too late')).toBeInTheDocument()
    const bars = within(hardest).getAllByTestId('choice-bar')
    expect(bars.map((bar) => within(bar).getByText(/^le /).textContent)).toEqual([
      'le cahier',
      'le livre (the right answer)',
      'le stylo',
    ])
    // The right choice is marked; the distractor most picked is called out.
    expect(bars.map((bar) => bar.hasAttribute('data-correct'))).toEqual([false, true, false])
    expect(within(bars[0]).getByText('Most picked wrong answer')).toBeInTheDocument()
    expect(within(bars[0]).getByText('3 · 60%')).toBeInTheDocument()
    expect(bars[0]).toHaveTextContent('3 picked this (60%)')
    expect(within(bars[0]).getByTestId('choice-bar-fill')).toBeInTheDocument()
    expect(within(bars[2]).queryByText('Most picked wrong answer')).toBeNull()

    expect(within(cards[1]).queryByText('Most picked wrong answer')).toBeNull()
    expect(within(cards[2]).getByText('Nobody has answered this question yet.')).toBeInTheDocument()
    expect(within(cards[2]).queryAllByTestId('choice-bar')).toHaveLength(0)
  })

  it('has an empty state while nobody has answered', async () => {
    renderSessionAnalytics({
      ...analytics,
      participant_count: 2,
      answer_count: 0,
      questions: analytics.questions.map((q) => ({
        ...q,
        answer_count: 0,
        correct_count: 0,
        late_count: 0,
        correct_share: null,
        median_elapsed_ms: null,
        choices: q.choices.map((c) => ({ ...c, picked: 0 })),
      })),
    })
    expect(await screen.findByText('Nobody has answered yet')).toBeInTheDocument()
    expect(screen.queryAllByTestId('question-stats')).toHaveLength(0)
    expect(screen.getByRole('link', { name: 'Back to the session' })).toHaveAttribute('href', '/admin/sessions/K7P2QX')
  })

  it('covers all sessions of a quiz from the quiz link', async () => {
    installFakeApi({
      'GET /api/quizzes/z1/analytics': () => json({ ...analytics, session_code: null, session_count: 3 }),
    })
    renderScreen(<AdminAnalytics />, {
      path: '/admin/quizzes/:quizId/analytics',
      url: '/admin/quizzes/z1/analytics',
      user: teacher,
    })
    expect(await screen.findByText('Animals in French · all sessions')).toBeInTheDocument()
    expect(screen.getByText('Sessions').nextSibling).toHaveTextContent('3')
  })
})

import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { AnswerResult, Leaderboard, LeaderboardEntry, Session, Turn } from '../api/types'
import { catQuestion, dogQuestion, samJoined } from '../test/animals'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import { renderScreen } from '../test/render'
import Play from './Play'

const session: Session = {
  id: 's1',
  code: 'K7P2QX',
  quiz_id: 'z1',
  quiz_title: 'Animals in French',
  status: 'open',
  question_count: 2,
  participant_count: 2,
  created_at: '2030-01-01T10:00:00Z',
  closed_at: null,
  scoring: 'speed',
  streak_bonus: false,
}

function turns(): Turn[] {
  const now = Date.now()
  return [
    {
      finished: false,
      index: 0,
      total: 2,
      question: dogQuestion,
      served_at: new Date(now).toISOString(),
      deadline: new Date(now + 20_000).toISOString(),
    },
    {
      finished: false,
      index: 1,
      total: 2,
      question: catQuestion,
      served_at: new Date(now).toISOString(),
      deadline: null,
    },
    { finished: true, index: 2, total: 2, question: null, served_at: null, deadline: null },
  ]
}

const results: Record<string, AnswerResult> = {
  q1: {
    question_id: 'q1',
    choice_id: 'b',
    correct: false,
    correct_choice_id: 'a',
    late: false,
    points_awarded: 0,
    streak_bonus: 0,
    streak: 0,
    score: 0,
    rank: 2,
  },
  q2: {
    question_id: 'q2',
    choice_id: 'e',
    correct: true,
    correct_choice_id: 'e',
    late: false,
    points_awarded: 1000,
    streak_bonus: 0,
    streak: 1,
    score: 1000,
    rank: 1,
  },
}

function standings(myScore: number, myRank: number): Leaderboard {
  const me = {
    rank: myRank,
    participant_id: 'me',
    display_name: 'Sam',
    score: myScore,
    answered_count: 2,
    correct_count: 1,
    streak: 1,
  }
  const other = {
    rank: myRank === 1 ? 2 : 1,
    participant_id: 'o',
    display_name: 'Ana',
    score: 500,
    answered_count: 1,
    correct_count: 1,
    streak: 1,
  }
  return {
    session_code: 'K7P2QX',
    status: 'open',
    participant_count: 2,
    version: 3,
    entries: [me, other].sort((x, y) => x.rank - y.rank),
    me,
  }
}

/** Standings of `count` players with Sam at `myRank`, of whom the top `listed` are sent. */
function crowd(count: number, myRank: number, listed = 10): Leaderboard {
  const names = ['Zoe', 'Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kai', 'Lea']
  const everyone: LeaderboardEntry[] = Array.from({ length: count }, (_, i) => ({
    rank: i + 1,
    participant_id: i + 1 === myRank ? 'me' : `p${i}`,
    display_name: i + 1 === myRank ? 'Sam' : names[i],
    score: 2500 - 200 * i,
    answered_count: 1,
    correct_count: 1,
    streak: 1,
  }))
  return {
    session_code: 'K7P2QX',
    status: 'open',
    participant_count: count,
    version: 5,
    entries: everyone.slice(0, listed),
    me: everyone[myRank - 1],
  }
}

function fakeSession({ firstTurnStatus }: { firstTurnStatus?: number } = {}) {
  const served = turns()
  let position = 0
  let refusals = firstTurnStatus ? 1 : 0
  const stream = openStream()
  const api = installFakeApi({
    'GET /api/sessions/K7P2QX': () => json(session),
    'GET /api/sessions/K7P2QX/events': () => stream.response,
    'POST /api/sessions/K7P2QX/join': () => json(samJoined),
    'GET /api/sessions/K7P2QX/question': () => {
      if (refusals > 0) {
        refusals -= 1
        return json({ detail: 'Join the session first' }, firstTurnStatus)
      }
      return json(served[position])
    },
    'POST /api/sessions/K7P2QX/answers': (request) => {
      const body = request.body as { question_id: string }
      position += 1
      return json(results[body.question_id])
    },
  })
  return { api, stream }
}

function renderPlay() {
  return renderScreen(<Play />, { path: '/play/:code', url: '/play/k7p2qx' })
}

describe('Play', () => {
  it('plays a quiz: answers by key and by click, shows feedback, progress and the final rank', async () => {
    const { api, stream } = fakeSession()
    const user = userEvent.setup({ delay: null })
    renderPlay()

    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    expect(screen.getByText('Question 1 of 2')).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Time left' })).toBeInTheDocument()
    stream.send('leaderboard', standings(0, 2), 3)

    await user.keyboard('2')
    const feedback = await screen.findByTestId('answer-feedback')
    expect(within(feedback).getByText('Not quite')).toBeInTheDocument()
    expect(within(feedback).getByText('le chien')).toBeInTheDocument()
    expect(api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/answers'))?.body).toEqual({
      question_id: 'q1',
      choice_id: 'b',
    })
    expect(screen.getByRole('button', { name: /Answer 1: le chien \(the right answer\)/ })).toBeDisabled()
    expect(screen.getByTestId('answer-announcer')).toHaveTextContent('Not quite')

    await user.click(screen.getByRole('button', { name: /Next question/ }))
    expect(await screen.findByRole('heading', { name: 'the cat' })).toBeInTheDocument()
    expect(screen.getByText('Question 2 of 2')).toBeInTheDocument()
    expect(screen.getByText('No time limit: take your time.')).toBeInTheDocument()
    expect(screen.queryByTestId('answer-feedback')).toBeNull()

    await user.click(screen.getByRole('button', { name: /Answer 1: le chat/ }))
    expect(await screen.findByText('Correct! +1,000 points')).toBeInTheDocument()
    stream.send('leaderboard', standings(1000, 1), 4)

    await user.click(screen.getByRole('button', { name: /See my results/ }))
    const end = await screen.findByTestId('final-rank')
    expect(within(end).getByText('You finished!')).toBeInTheDocument()
    await waitFor(() => expect(within(end).getByText('1st place of 2')).toBeInTheDocument())
    expect(within(end).getByText('1,000')).toBeInTheDocument()
  })

  it('says others are still playing only while someone has questions left', async () => {
    const stream = openStream()
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(session),
      'GET /api/sessions/K7P2QX/events': () => stream.response,
      'GET /api/sessions/K7P2QX/question': () => json(turns()[2]),
    })
    renderPlay()
    const end = await screen.findByTestId('final-rank')
    stream.send('leaderboard', standings(1000, 1), 3) // Ana has answered 1 of 2
    await waitFor(() => expect(within(end).getByText(/Others are still playing/)).toBeInTheDocument())

    const done = standings(1000, 1)
    done.entries = done.entries.map((entry) => ({ ...entry, answered_count: 2 }))
    stream.send('leaderboard', done, 4)
    await waitFor(() => expect(within(end).queryByText(/Others are still playing/)).toBeNull())
    expect(within(end).getByText('1st place of 2')).toBeInTheDocument()
  })

  it('joins first when someone opens the play link without having joined', async () => {
    const { api } = fakeSession({ firstTurnStatus: 403 })
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    const paths = api.requests
      .filter((r) => !r.path.endsWith('/events') && r.path !== '/api/sessions/K7P2QX')
      .map((r) => `${r.method} ${r.path}`)
    expect(paths).toEqual([
      'GET /api/sessions/K7P2QX/question',
      'POST /api/sessions/K7P2QX/join',
      'GET /api/sessions/K7P2QX/question',
    ])
  })

  it('says the time is up and still lets the player move on', async () => {
    const late = turns()[0]
    const now = Date.now()
    late.served_at = new Date(now - 30_000).toISOString()
    late.deadline = new Date(now - 10_000).toISOString()
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(session),
      'GET /api/sessions/K7P2QX/events': () => openStream().response,
      'GET /api/sessions/K7P2QX/question': () => json(late),
    })
    renderPlay()
    expect(
      await screen.findByText("Time's up! Press Next to go on, or still pick an answer. It won't score points."),
    ).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Answer 1: le chien/ })).toBeEnabled()
  })

  it('goes on without an answer once the time is up, and says the time ran out', async () => {
    const served = turns()
    const now = Date.now()
    served[0].served_at = new Date(now - 30_000).toISOString()
    served[0].deadline = new Date(now - 10_000).toISOString()
    let position = 0
    const api = installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(session),
      'GET /api/sessions/K7P2QX/events': () => openStream().response,
      'GET /api/sessions/K7P2QX/question': () => json(served[position]),
      'POST /api/sessions/K7P2QX/answers': () => {
        position += 1
        return json({ ...results.q1, choice_id: null, late: true, points_awarded: 0, score: 0 })
      },
    })
    const user = userEvent.setup({ delay: null })
    renderPlay()
    await user.click(await screen.findByRole('button', { name: 'Next' }))

    const feedback = await screen.findByTestId('answer-feedback')
    expect(api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/answers'))?.body).toEqual({
      question_id: 'q1',
      choice_id: null,
    })
    expect(within(feedback).getByText("Time's up")).toBeInTheDocument()
    expect(within(feedback).getByText('The time ran out before you answered.')).toBeInTheDocument()
    expect(within(feedback).getByText('le chien')).toBeInTheDocument()
    expect(within(feedback).queryByText(/Correct/)).toBeNull()
    expect(screen.getByRole('button', { name: /Answer 1: le chien \(the right answer\)/ })).toBeDisabled()
    expect(screen.getByTestId('answer-announcer')).toHaveTextContent(
      "Time's up. The time ran out before you answered. The answer was le chien.",
    )
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull()

    await user.click(screen.getByRole('button', { name: /Next question/ }))
    expect(await screen.findByRole('heading', { name: 'the cat' })).toBeInTheDocument()
  })

  it('shows a removed player why the quiz is gone, with a way home, and stops listening', async () => {
    const { api, stream } = fakeSession()
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    stream.send('removed', { session_code: 'K7P2QX', message: 'The teacher removed you from this session' })

    const heading = await screen.findByRole('heading', { name: 'The teacher removed you from this session' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(screen.queryByRole('heading', { name: 'the dog' })).toBeNull()
    expect(screen.getByRole('link', { name: 'Back home' })).toHaveAttribute('href', '/')
    await new Promise((r) => setTimeout(r, 50))
    expect(api.requests.filter((r) => r.path.endsWith('/events'))).toHaveLength(1)
  })

  it('shows the removal to a removed player who opens the play link again', async () => {
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(session),
      'GET /api/sessions/K7P2QX/events': () => json({ detail: 'You have not joined this session' }, 403),
      'GET /api/sessions/K7P2QX/question': () => json({ detail: 'You have not joined this session' }, 403),
      'POST /api/sessions/K7P2QX/join': () =>
        json({ detail: 'The teacher removed you from this session; ask them to let you back in' }, 403),
    })
    renderPlay()
    expect(
      await screen.findByRole('heading', { name: 'The teacher removed you from this session' }),
    ).toBeInTheDocument()
  })

  it('explains an unknown code in plain words', async () => {
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json({ detail: 'Session not found' }, 404),
      'GET /api/sessions/K7P2QX/events': () => json({ detail: 'Session not found' }, 404),
      'GET /api/sessions/K7P2QX/question': () => json({ detail: 'Session not found' }, 404),
    })
    renderPlay()
    expect(await screen.findByText('No quiz with the code K7P2QX')).toBeInTheDocument()
  })

  it("keeps the player's place and the players either side in sight while answering", async () => {
    const { stream } = fakeSession()
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    stream.send('leaderboard', crowd(12, 3), 3)

    const strip = await screen.findByTestId('rank-strip')
    expect(within(strip).getByTestId('rank-strip-rank')).toHaveTextContent('#3 of 12')
    expect(within(strip).getByTestId('rank-strip-above')).toHaveTextContent(/Ana 2,300 ↑/)
    expect(within(strip).getByTestId('rank-strip-me')).toHaveTextContent('You 2,100')
    expect(within(strip).getByTestId('rank-strip-below')).toHaveTextContent(/Cleo 1,900 ↓/)

    // Below the top ten the player ahead is known only at 11th place; nobody below is listed.
    stream.send('leaderboard', crowd(12, 11), 4)
    await waitFor(() => expect(within(strip).getByTestId('rank-strip-rank')).toHaveTextContent('#11 of 12'))
    expect(within(strip).getByTestId('rank-strip-above')).toHaveTextContent(/Ivo 700 ↑/)
    expect(within(strip).queryByTestId('rank-strip-below')).toBeNull()
    stream.send('leaderboard', crowd(12, 12), 5)
    await waitFor(() => expect(within(strip).getByTestId('rank-strip-rank')).toHaveTextContent('#12 of 12'))
    expect(within(strip).queryByTestId('rank-strip-above')).toBeNull()
    expect(within(strip).getByTestId('rank-strip-me')).toHaveTextContent('You 300')
  })

  it('says the right answer when the answer was wrong', async () => {
    fakeSession()
    const user = userEvent.setup({ delay: null })
    renderPlay()
    await user.click(await screen.findByRole('button', { name: /Answer 2: le chat/ }))
    await screen.findByTestId('answer-feedback')
    expect(screen.getByTestId('answer-announcer')).toHaveTextContent('Not quite. The answer was le chien.')
  })

  it('brings the pick back into sight after an answer', async () => {
    fakeSession()
    const user = userEvent.setup({ delay: null })
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView')
    renderPlay()
    const pick = await screen.findByRole('button', { name: /Answer 2: le chat/ })
    await user.click(pick)
    await screen.findByTestId('answer-feedback')
    const call = scrolled.mock.instances.findIndex((element) => element === pick)
    expect(call).toBeGreaterThanOrEqual(0)
    expect(scrolled.mock.calls[call]).toEqual([{ block: 'nearest' }])
    scrolled.mockRestore()
  })

  it('moves the focus to the next question and announces it', async () => {
    fakeSession()
    const user = userEvent.setup({ delay: null })
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).not.toHaveFocus()
    await user.click(screen.getByRole('button', { name: /Answer 1: le chien/ }))
    await user.click(await screen.findByRole('button', { name: /Next question/ }))

    const heading = await screen.findByRole('heading', { name: 'the cat' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(screen.getByTestId('answer-announcer')).toHaveTextContent('Question 2 of 2: the cat')
  })
})

import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import {
  crowd,
  fakeSelfPaced,
  joinRefused,
  notJoined,
  renderPlay,
  selfPacedSession,
  turns,
  twoPlayers,
} from '../test/play'

describe('Play', () => {
  it('plays a quiz: answers by key and by click, shows feedback, progress and the final rank', async () => {
    const { api, stream } = fakeSelfPaced()
    const user = userEvent.setup({ delay: null })
    renderPlay()

    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    expect(screen.getByText('Question 1 of 2')).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Time left' })).toBeInTheDocument()
    stream.send('leaderboard', twoPlayers(0, 2), 3)

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
    stream.send('leaderboard', twoPlayers(1000, 1), 4)

    await user.click(screen.getByRole('button', { name: /See my results/ }))
    const end = await screen.findByTestId('final-rank')
    expect(within(end).getByText('You finished!')).toBeInTheDocument()
    await waitFor(() => expect(within(end).getByText('1st place of 2')).toBeInTheDocument())
    expect(within(end).getByText('1,000')).toBeInTheDocument()
  })

  it('says others are still playing only while someone has questions left', async () => {
    const stream = openStream()
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(selfPacedSession),
      'GET /api/sessions/K7P2QX/events': () => stream.response,
      'GET /api/sessions/K7P2QX/question': () => json(turns()[2]),
    })
    renderPlay()
    const end = await screen.findByTestId('final-rank')
    stream.send('leaderboard', twoPlayers(1000, 1), 3) // Ana has answered 1 of 2
    await waitFor(() => expect(within(end).getByText(/Others are still playing/)).toBeInTheDocument())

    const done = twoPlayers(1000, 1)
    done.entries = done.entries.map((entry) => ({ ...entry, answered_count: 2 }))
    stream.send('leaderboard', done, 4)
    await waitFor(() => expect(within(end).queryByText(/Others are still playing/)).toBeNull())
    expect(within(end).getByText('1st place of 2')).toBeInTheDocument()
  })

  it('joins first when someone opens the play link without having joined', async () => {
    const { api } = fakeSelfPaced({ firstTurnStatus: 403 })
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    // The stream is asked for once joined: asked for before, it would be refused for good.
    await waitFor(() => expect(api.requests.some((r) => r.path.endsWith('/events'))).toBe(true))
    const paths = api.requests.filter((r) => r.path !== '/api/sessions/K7P2QX').map((r) => `${r.method} ${r.path}`)
    expect(paths.slice(0, 4)).toEqual([
      'GET /api/sessions/K7P2QX/question',
      'POST /api/sessions/K7P2QX/join',
      'GET /api/sessions/K7P2QX/question',
      'GET /api/sessions/K7P2QX/events',
    ])
  })

  it('shows a removed player why the quiz is gone, with a way home, and stops listening', async () => {
    const { api, stream } = fakeSelfPaced()
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
      'GET /api/sessions/K7P2QX': () => json(selfPacedSession),
      'GET /api/sessions/K7P2QX/events': notJoined,
      'GET /api/sessions/K7P2QX/question': notJoined,
      'POST /api/sessions/K7P2QX/join': joinRefused,
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
    const { stream } = fakeSelfPaced()
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
})

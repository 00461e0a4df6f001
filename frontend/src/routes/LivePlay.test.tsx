import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { LiveState } from '../api/types'
import { samJoined } from '../test/animals'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import {
  dogQuestionForPlayer,
  frameOf,
  liveSession,
  lobbyState,
  podiumState,
  questionState,
  revealState,
  rightAndSecond,
} from '../test/live'
import { joinRefused, notJoined, renderPlay } from '../test/play'

/** A player's view of a live session: GET /live answers whatever `state.current` is. */
function fakeLive(first: LiveState, routes: Parameters<typeof installFakeApi>[0] = {}) {
  const state = { current: first }
  const stream = openStream()
  const api = installFakeApi({
    'GET /api/sessions/K7P2QX': () => json(liveSession),
    'GET /api/sessions/K7P2QX/events': () => stream.response,
    'GET /api/sessions/K7P2QX/live': () => json({ ...state.current, server_time: new Date().toISOString() }),
    ...routes,
  })
  const liveReads = () => api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/live')).length
  return { api, stream, state, liveReads }
}

describe('Play, live', () => {
  it('waits in the lobby, locks an answer in, then shows the result with the reveal', async () => {
    const { api, stream, state } = fakeLive(lobbyState(), {
      'POST /api/sessions/K7P2QX/live/answers': (request) => {
        const body = request.body as { question_id: string; choice_id: string }
        state.current = { ...state.current, my_choice_id: body.choice_id, answered_count: 1 }
        return json({ ...body, locked_in: true })
      },
    })
    const user = userEvent.setup({ delay: null })
    renderPlay()

    expect(await screen.findByRole('heading', { name: "You're in!" })).toBeInTheDocument()
    expect(screen.getByTestId('my-name')).toHaveTextContent('Sam')
    expect(screen.getByTestId('player-count')).toHaveTextContent('3 players here')
    expect(screen.getByText('Waiting for the teacher to start…')).toBeInTheDocument()

    // The teacher starts: the stream says the phase changed, and the screen reads the new state.
    state.current = questionState({ question: dogQuestionForPlayer })
    stream.send('live', frameOf(state.current))
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    expect(screen.getByText('Question 1 of 2')).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Time left' })).toBeInTheDocument()
    expect(screen.getByTestId('phase-announcer')).toHaveTextContent('Question 1 of 2: the dog.')

    await user.click(screen.getByRole('button', { name: 'Answer 2: le chien' }))
    const locked = await screen.findByTestId('locked-in')
    expect(within(locked).getByText('Answer locked in')).toBeInTheDocument()
    expect(within(locked).getByText('le chien')).toBeInTheDocument()
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ question_id: 'q1', choice_id: 'a' })
    for (const button of screen.getAllByTestId('answer-button')) expect(button).toBeDisabled()

    // Someone else answers: the counter moves without asking the server.
    stream.send('live', frameOf(state.current, { answered_count: 2 }))
    await waitFor(() => expect(screen.getByTestId('answered-count')).toHaveTextContent('2 of 3 players answered'))

    state.current = revealState(rightAndSecond, { question: dogQuestionForPlayer })
    stream.send('live', frameOf(state.current))
    const result = await screen.findByTestId('reveal-result')
    expect(within(result).getByText('Correct! +900 points')).toBeInTheDocument()
    expect(within(result).getByTestId('standing-line')).toHaveTextContent('2nd place · 100 points behind #1')
    expect(within(result).getByText('Your score: 1,900')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Answer 2: le chien (the right answer)' })).toBeDisabled()
    expect(screen.getByText('Waiting for the teacher to go on…')).toBeInTheDocument()
    expect(screen.getByTestId('phase-announcer')).toHaveTextContent('Correct! Plus 900 points.')

    // Everything the player saw came from the player's own API: no standings, results or turns.
    const asked = new Set(api.requests.map((r) => `${r.method} ${r.path}`))
    expect([...asked].sort()).toEqual([
      'GET /api/sessions/K7P2QX',
      'GET /api/sessions/K7P2QX/events',
      'GET /api/sessions/K7P2QX/live',
      'POST /api/sessions/K7P2QX/live/answers',
    ])
  })

  it('shows a wrong answer, the right one and how far behind the player is', async () => {
    const wrong = {
      ...rightAndSecond,
      choice_id: 'b',
      correct: false,
      points_awarded: 0,
      score: 0,
      rank: 3,
      behind: 1900,
    }
    fakeLive(revealState(wrong, { question: dogQuestionForPlayer }))
    renderPlay()
    const result = await screen.findByTestId('reveal-result')
    expect(within(result).getByText('Not quite')).toBeInTheDocument()
    expect(within(result).getByText('le chien')).toBeInTheDocument()
    expect(within(result).getByTestId('standing-line')).toHaveTextContent('3rd place · 1,900 points behind #2')
    expect(screen.getByRole('button', { name: 'Answer 1: le chat (your answer, not right)' })).toBeDisabled()
  })

  it("says time's up when the clock runs out before an answer, and reads the reveal", async () => {
    const deadline = Date.now() + 1200
    const unanswered = {
      ...rightAndSecond,
      answered: false,
      choice_id: null,
      correct: false,
      points_awarded: 0,
      score: 0,
      rank: 3,
      behind: 1900,
    }
    const running = questionState({ question: dogQuestionForPlayer, secondsLeft: 1.2 })
    const ended = revealState(unanswered, { question: dogQuestionForPlayer })
    // The server ends the question when it is read after its deadline; the countdown reads it.
    const { liveReads } = fakeLive(running, {
      'GET /api/sessions/K7P2QX/live': () => json(Date.now() >= deadline ? ended : running),
    })
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    const result = await screen.findByTestId('reveal-result', {}, { timeout: 5000 })
    expect(liveReads()).toBeGreaterThan(1)
    expect(within(result).getByText("Time's up")).toBeInTheDocument()
    expect(within(result).getByText("You didn't answer this one.")).toBeInTheDocument()
    expect(within(result).getByText('le chien')).toBeInTheDocument()
  })

  it("says time's up when the answer comes after the question ended", async () => {
    const { state, liveReads } = fakeLive(questionState({ question: dogQuestionForPlayer }), {
      'POST /api/sessions/K7P2QX/live/answers': () => json({ detail: 'This question has ended' }, 409),
    })
    const user = userEvent.setup({ delay: null })
    renderPlay()
    expect(await screen.findByRole('heading', { name: 'the dog' })).toBeInTheDocument()
    const readsBefore = liveReads()
    await user.keyboard('3')
    expect(await screen.findByTestId('time-up')).toHaveTextContent("Time's up! This question has ended.")
    await waitFor(() => expect(liveReads()).toBeGreaterThan(readsBefore))
    for (const button of screen.getAllByTestId('answer-button')) expect(button).toBeDisabled()
    expect(state.current.phase).toBe('question')
  })

  it('comes back to a locked-in answer after a refresh', async () => {
    const { api } = fakeLive(questionState({ question: dogQuestionForPlayer, my_choice_id: 'b', answered_count: 1 }))
    renderPlay()
    const locked = await screen.findByTestId('locked-in')
    expect(within(locked).getByText('le chat')).toBeInTheDocument()
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false)
  })

  it('shows the podium and the final place', async () => {
    fakeLive(podiumState())
    renderPlay()
    const podium = await screen.findByTestId('podium')
    const places = within(podium).getAllByRole('listitem')
    expect(places.map((p) => p.textContent)).toEqual([
      expect.stringContaining('Ana'),
      expect.stringContaining('Leo'),
      expect.stringContaining('Mia'),
    ])
    const end = screen.getByTestId('final-rank')
    expect(within(end).getByText('5th place of 6')).toBeInTheDocument()
    expect(within(end).getByText('1,900')).toBeInTheDocument()
    expect(screen.getByTestId('phase-announcer')).toHaveTextContent('You finished 5th of 6.')
  })

  it('joins first when someone opens the play link without having joined', async () => {
    let refused = false
    const { api } = fakeLive(lobbyState(), {
      'GET /api/sessions/K7P2QX/live': () => {
        if (!refused) {
          refused = true
          return json({ detail: 'Join the session to follow it' }, 403)
        }
        return json(lobbyState())
      },
      'POST /api/sessions/K7P2QX/join': () => json(samJoined),
    })
    renderPlay()
    expect(await screen.findByRole('heading', { name: "You're in!" })).toBeInTheDocument()
    // The stream is asked for once joined: asked for before, it would be refused for good.
    await waitFor(() => expect(api.requests.some((r) => r.path.endsWith('/events'))).toBe(true))
    const paths = api.requests.filter((r) => r.path !== '/api/sessions/K7P2QX').map((r) => `${r.method} ${r.path}`)
    expect(paths.slice(0, 4)).toEqual([
      'GET /api/sessions/K7P2QX/live',
      'POST /api/sessions/K7P2QX/join',
      'GET /api/sessions/K7P2QX/live',
      'GET /api/sessions/K7P2QX/events',
    ])
  })

  it('shows a removed player the removal instead of the game', async () => {
    const { stream } = fakeLive(lobbyState())
    renderPlay()
    expect(await screen.findByRole('heading', { name: "You're in!" })).toBeInTheDocument()
    stream.send('removed', { session_code: 'K7P2QX', message: 'The teacher removed you from this session' })
    expect(
      await screen.findByRole('heading', { name: 'The teacher removed you from this session' }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: "You're in!" })).toBeNull()
    expect(screen.getByRole('link', { name: 'Back home' })).toBeInTheDocument()
  })

  it('shows the removal when the join that reading the game needs is refused', async () => {
    fakeLive(lobbyState(), {
      'GET /api/sessions/K7P2QX/live': notJoined,
      'POST /api/sessions/K7P2QX/join': joinRefused,
    })
    renderPlay()
    expect(
      await screen.findByRole('heading', { name: 'The teacher removed you from this session' }),
    ).toBeInTheDocument()
  })
})

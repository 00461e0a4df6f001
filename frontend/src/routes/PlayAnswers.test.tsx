import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { installFakeApi, json, openStream } from '../test/fakeApi'
import { fakeSelfPaced, renderPlay, results, selfPacedSession, turns } from '../test/play'

describe("Play, answering at one's own pace", () => {
  it('says the time is up and still lets the player move on', async () => {
    const late = turns()[0]
    const now = Date.now()
    late.served_at = new Date(now - 30_000).toISOString()
    late.deadline = new Date(now - 10_000).toISOString()
    installFakeApi({
      'GET /api/sessions/K7P2QX': () => json(selfPacedSession),
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
      'GET /api/sessions/K7P2QX': () => json(selfPacedSession),
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

  it('says the right answer when the answer was wrong', async () => {
    fakeSelfPaced()
    const user = userEvent.setup({ delay: null })
    renderPlay()
    await user.click(await screen.findByRole('button', { name: /Answer 2: le chat/ }))
    await screen.findByTestId('answer-feedback')
    expect(screen.getByTestId('answer-announcer')).toHaveTextContent('Not quite. The answer was le chien.')
  })

  it('brings the pick back into sight after an answer', async () => {
    fakeSelfPaced()
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
    fakeSelfPaced()
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

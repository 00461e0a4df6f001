import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Quiz, Session, User } from '../api/types'
import { toaster } from '../components/Toaster'
import { installFakeApi, json } from '../test/fakeApi'
import { admin, renderScreen, teacher } from '../test/render'
import AdminQuizEditor from './AdminQuizEditor'

const quiz: Quiz = {
  id: 'z1',
  title: 'Animals in French',
  description: '',
  created_at: '2030-01-01T09:00:00Z',
  updated_at: '2030-01-01T09:00:00Z',
  scoring: 'speed',
  streak_bonus: false,
  owner_id: teacher.id,
  owner_name: teacher.display_name,
  shared: false,
  questions: [
    {
      id: 'q1',
      position: 0,
      prompt: 'the dog',
      choices: [
        { id: 'a', text: 'le chien', correct: true },
        { id: 'b', text: 'le chat', correct: false },
      ],
      time_limit_s: 20,
      points: 1000,
    },
  ],
}

const opened: Session = {
  id: 's1',
  code: 'K7P2QX',
  quiz_id: 'z1',
  quiz_title: 'Animals in French',
  status: 'open',
  question_count: 1,
  participant_count: 0,
  created_at: '2030-01-01T10:00:00Z',
  closed_at: null,
  scoring: 'speed',
  streak_bonus: false,
}

// The whole editor renders in jsdom; on a busy machine that takes longer than findBy's default second.
const slow = { timeout: 5000 }

function renderEditor(sessions: Session[] = []) {
  const api = installFakeApi({
    'GET /api/quizzes/z1': () => json(quiz),
    'GET /api/quizzes/z1/sessions': () => json(sessions),
    'POST /api/quizzes/z1/sessions': (request) =>
      json({ ...opened, mode: (request.body as { mode: Session['mode'] }).mode }, 201),
  })
  renderScreen(<AdminQuizEditor />, {
    path: '/admin/quizzes/:quizId',
    url: '/admin/quizzes/z1',
    user: teacher,
    extraRoutes: [
      { path: '/admin/sessions/:code', element: <p>Session screen</p> },
      { path: '/admin/sessions/:code/live', element: <p>Host screen</p> },
    ],
  })
  return api
}

describe('AdminQuizEditor, opening a session', () => {
  it('opens a live session and goes to its host screen', async () => {
    const api = renderEditor()
    const user = userEvent.setup({ delay: null })
    await user.click(await screen.findByRole('radio', { name: /Live \(you lead it\)/ }, slow))
    await user.click(screen.getByRole('button', { name: /Open a live session/ }))
    expect(await screen.findByText('Host screen', {}, slow)).toBeInTheDocument()
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ mode: 'live' })
  })

  it('opens a self-paced session by default', async () => {
    const api = renderEditor()
    const user = userEvent.setup({ delay: null })
    expect(await screen.findByRole('radio', { name: /Self-paced/ }, slow)).toBeChecked()
    await user.click(screen.getByRole('button', { name: /Open a session/ }))
    expect(await screen.findByText('Session screen', {}, slow)).toBeInTheDocument()
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ mode: 'self_paced' })
  })

  it('hosts an open live session from its host screen', async () => {
    renderEditor([{ ...opened, mode: 'live' }])
    expect(await screen.findByRole('link', { name: 'Host' }, slow)).toHaveAttribute(
      'href',
      '/admin/sessions/K7P2QX/live',
    )
  })
})

describe('AdminQuizEditor, a quiz someone else owns', () => {
  const lans: Quiz = { ...quiz, owner_id: 'u-7', owner_name: 'Ms Lan', shared: true }

  function renderShared(user: User, routes: Parameters<typeof installFakeApi>[0] = {}) {
    const api = installFakeApi({
      'GET /api/quizzes/z1': () => json(lans),
      'GET /api/quizzes/z1/sessions': () => json([]),
      ...routes,
    })
    const utils = renderScreen(<AdminQuizEditor />, {
      path: '/admin/quizzes/:quizId',
      url: '/admin/quizzes/z1',
      user,
      extraRoutes: [{ path: '/admin/quizzes/z9', element: <p>The copy's editor</p> }],
    })
    return { api, ...utils }
  }

  it('is read-only for another teacher, who may duplicate it', async () => {
    const toast = vi.spyOn(toaster, 'create')
    const { api, router } = renderShared(teacher, {
      'POST /api/quizzes/z1/duplicate': () =>
        json({ ...lans, id: 'z9', title: 'Animals in French (copy)', owner_id: teacher.id, shared: false }, 201),
    })
    expect(
      await screen.findByText(
        'This quiz is shared by Ms Lan. Duplicate it to change it or to run it with your class.',
        {},
        slow,
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: /the dog/ })).toBeInTheDocument()
    expect(screen.getByText('le chien')).toBeInTheDocument()
    for (const name of [/Edit details/, /Delete/, /Edit question/, /Add a question/, /Open a/, /Import word list/])
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: /Import word list/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Sessions' })).not.toBeInTheDocument()
    // Its sessions are the owner's business: not even asked for.
    expect(api.requests.some((r) => r.path === '/api/quizzes/z1/sessions')).toBe(false)

    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Duplicate' }))
    expect(await screen.findByText("The copy's editor", {}, slow)).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/admin/quizzes/z9')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Copied to your library' }))
  })

  it('can be changed and run by an admin', async () => {
    renderShared(admin)
    expect(await screen.findByRole('button', { name: /Edit details/ }, slow)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Open a session/ })).toBeInTheDocument()
    expect(screen.queryByText(/This quiz is shared by/)).not.toBeInTheDocument()
  })

  it('is not there at all when the server says so (a private quiz of another teacher)', async () => {
    installFakeApi({ 'GET /api/quizzes/z1': () => json({ detail: 'Quiz not found' }, 404) })
    renderScreen(<AdminQuizEditor />, { path: '/admin/quizzes/:quizId', url: '/admin/quizzes/z1', user: teacher })
    expect(await screen.findByText("This quiz doesn't exist", {}, slow)).toBeInTheDocument()
  })
})

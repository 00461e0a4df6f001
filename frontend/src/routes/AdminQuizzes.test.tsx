import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Quiz, QuizSummary, Teacher, User } from '../api/types'
import { toaster } from '../components/Toaster'
import i18n from '../i18n'
import { installFakeApi, json, type FakeRequest } from '../test/fakeApi'
import { admin, renderScreen, teacher } from '../test/render'
import AdminQuizzes from './AdminQuizzes'

// The whole screen renders in jsdom; on a busy machine that takes longer than findBy's default second.
const slow = { timeout: 5000 }

function summary(id: string, title: string, owner: { id: string; name: string } | null, shared = false): QuizSummary {
  return {
    id,
    title,
    description: '',
    question_count: 3,
    session_count: 0,
    scoring: 'speed',
    streak_bonus: false,
    owner_id: owner?.id ?? null,
    owner_name: owner?.name ?? null,
    shared,
    created_at: '2030-01-01T09:00:00Z',
  }
}

/** The quiz a change answers with: the summary's fields, no questions. */
function quizOf({ question_count: _q, session_count: _s, ...fields }: QuizSummary): Quiz {
  return { ...fields, updated_at: fields.created_at, questions: [] }
}

const lan = { id: 'u-7', name: 'Ms Lan' }
const mine = summary('z1', 'Feelings', { id: teacher.id, name: teacher.display_name })
const lansShared = summary('z2', "Lan's shared words", lan, true)
const lansPrivate = summary('z3', "Lan's private words", lan)
const orphan = summary('z4', 'Old quiz', null)

const teachers: Teacher[] = [
  {
    id: 'u-7',
    username: 'lan',
    display_name: 'Ms Lan',
    disabled: false,
    created_at: '2030-01-01T09:00:00Z',
    quiz_count: 2,
  },
  {
    id: 'u-8',
    username: 'diego',
    display_name: 'Mr Diego',
    disabled: false,
    created_at: '2030-01-01T09:00:00Z',
    quiz_count: 0,
  },
  {
    id: 'u-6',
    username: 'gone',
    display_name: 'Mr Gone',
    disabled: true,
    created_at: '2030-01-01T09:00:00Z',
    quiz_count: 0,
  },
]

type Lists = Partial<Record<'mine' | 'school' | 'visible', QuizSummary[]>>

function renderQuizzes({
  user,
  url = '/admin',
  lists,
  routes = {},
}: {
  user: User
  url?: string
  lists: Lists
  routes?: Parameters<typeof installFakeApi>[0]
}) {
  const api = installFakeApi({
    'GET /api/quizzes': (request) => {
      const scope = request.url.searchParams.get('scope') as keyof Lists
      const offset = Number(request.url.searchParams.get('offset'))
      const limit = Number(request.url.searchParams.get('limit'))
      return json((lists[scope] ?? []).slice(offset, offset + limit))
    },
    ...routes,
  })
  const utils = renderScreen(<AdminQuizzes />, {
    path: '/admin',
    url,
    user,
    extraRoutes: [{ path: '/admin/quizzes/:quizId', element: <p>The quiz editor</p> }],
  })
  return { api, user: userEvent.setup({ delay: null }), ...utils }
}

const listRequests = (requests: FakeRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.path === '/api/quizzes').map((r) => r.url.searchParams.toString())

async function row(title: string) {
  return within((await screen.findByRole('heading', { name: title }, slow)).closest('li')!)
}

describe('AdminQuizzes, for a teacher', () => {
  it('lists their own quizzes first, with everything they may do to them', async () => {
    const { api } = renderQuizzes({ user: teacher, lists: { mine: [mine] } })
    const feelings = await row('Feelings')
    expect(feelings.getByRole('link', { name: 'Edit' })).toHaveAttribute('href', '/admin/quizzes/z1')
    expect(feelings.getByRole('button', { name: 'Share with the school' })).toBeInTheDocument()
    expect(feelings.getByRole('button', { name: 'Duplicate' })).toBeInTheDocument()
    expect(feelings.getByText('by Ms Rivera')).toBeInTheDocument()
    expect(feelings.queryByText('Shared')).not.toBeInTheDocument()
    expect(feelings.queryByRole('button', { name: /Hand over/ })).not.toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'My quizzes' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByRole('tab', { name: 'All quizzes' })).not.toBeInTheDocument()
    expect(listRequests(api.requests)).toEqual(['scope=mine&limit=51&offset=0'])
  })

  it('says what to do when they have no quiz of their own', async () => {
    renderQuizzes({ user: teacher, lists: { mine: [] } })
    expect(await screen.findByText('No quizzes of your own yet', {}, slow)).toBeInTheDocument()
    expect(screen.getByText('Create one, or duplicate one from the School library.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /Open the School library/ })).toHaveAttribute('href', '/admin?tab=school')
  })

  it('shares their quiz with the school, and stops sharing it', async () => {
    const shared = { ...mine, shared: true }
    const { api, user } = renderQuizzes({
      user: teacher,
      lists: { mine: [mine] },
      routes: { 'PATCH /api/quizzes/z1': () => json(quizOf(shared)) },
    })
    await user.click((await row('Feelings')).getByRole('button', { name: 'Share with the school' }))
    await waitFor(() => expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ shared: true }))
  })

  it('shows the School library in the address, with View and "Duplicate to my library" on a colleague’s quiz', async () => {
    const toast = vi.spyOn(toaster, 'create')
    const copy = { ...lansShared, id: 'z9', title: "Lan's shared words (copy)", owner_id: teacher.id, shared: false }
    const { api, user, router } = renderQuizzes({
      user: teacher,
      lists: { mine: [mine], school: [lansShared] },
      routes: { 'POST /api/quizzes/z2/duplicate': () => json(quizOf(copy), 201) },
    })
    await user.click(await screen.findByRole('tab', { name: 'School library' }, slow))
    expect(router.state.location.search).toBe('?tab=school')
    const shared = await row("Lan's shared words")
    expect(shared.getByText('by Ms Lan')).toBeInTheDocument()
    expect(shared.getByText('Shared')).toBeInTheDocument()
    expect(shared.getByRole('link', { name: 'View' })).toHaveAttribute('href', '/admin/quizzes/z2')
    expect(shared.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument()
    expect(shared.queryByRole('button', { name: /Share with the school|Stop sharing/ })).not.toBeInTheDocument()
    expect(listRequests(api.requests)).toContain('scope=school&limit=51&offset=0')

    await user.click(shared.getByRole('button', { name: 'Duplicate to my library' }))
    expect(await screen.findByText('The quiz editor', {}, slow)).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/admin/quizzes/z9')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Copied to your library' }))
  })

  it('opens on the tab of the address, as after a reload', async () => {
    renderQuizzes({ user: teacher, url: '/admin?tab=school', lists: { school: [] } })
    expect(await screen.findByText('Nothing in the School library yet', {}, slow)).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'School library' })).toHaveAttribute('aria-selected', 'true')
  })

  it('pages through a long library with Show more', async () => {
    const many = Array.from({ length: 60 }, (_, i) => summary(`s${i}`, `Shared quiz ${i}`, lan, true))
    const { api, user } = renderQuizzes({ user: teacher, url: '/admin?tab=school', lists: { school: many } })
    expect(await screen.findByRole('heading', { name: 'Shared quiz 49' }, slow)).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Shared quiz 50' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Show more' }))
    expect(await screen.findByRole('heading', { name: 'Shared quiz 59' }, slow)).toBeInTheDocument()
    expect(listRequests(api.requests)).toEqual(['scope=school&limit=51&offset=0', 'scope=school&limit=51&offset=50'])
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument()
  })

  it('offers no Show more when the library is exactly one page long', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => summary(`s${i}`, `Shared quiz ${i}`, lan, true))
    const { api } = renderQuizzes({ user: teacher, url: '/admin?tab=school', lists: { school: fifty } })
    expect(await screen.findByRole('heading', { name: 'Shared quiz 49' }, slow)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument()
    expect(listRequests(api.requests)).toEqual(['scope=school&limit=51&offset=0'])
  })
})

describe('AdminQuizzes, for an admin', () => {
  it("sees every quiz under All quizzes and may change anyone's, or a quiz with no owner", async () => {
    const { api } = renderQuizzes({
      user: admin,
      url: '/admin?tab=all',
      lists: { visible: [lansShared, lansPrivate, orphan] },
    })
    const lansOwn = await row("Lan's private words")
    expect(lansOwn.getByText('by Ms Lan')).toBeInTheDocument()
    expect(lansOwn.getByRole('link', { name: 'Edit' })).toBeInTheDocument()
    expect(lansOwn.getByRole('button', { name: 'Share with the school' })).toBeInTheDocument()
    expect(lansOwn.getByRole('button', { name: /Hand over/ })).toBeInTheDocument()
    expect((await row("Lan's shared words")).getByRole('button', { name: 'Stop sharing' })).toBeInTheDocument()
    expect((await row('Old quiz')).getByText('No owner')).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'All quizzes' })).toHaveAttribute('aria-selected', 'true')
    expect(listRequests(api.requests)).toEqual(['scope=visible&limit=51&offset=0'])
  })

  it('hands a quiz over to an active teacher other than its owner', async () => {
    const toast = vi.spyOn(toaster, 'create')
    const { api, user } = renderQuizzes({
      user: admin,
      url: '/admin?tab=all',
      lists: { visible: [lansPrivate] },
      routes: {
        'GET /api/teachers': () => json(teachers),
        'POST /api/quizzes/z3/owner': () => json(quizOf({ ...lansPrivate, owner_id: 'u-8', owner_name: 'Mr Diego' })),
      },
    })
    await user.click((await row("Lan's private words")).getByRole('button', { name: /Hand over/ }))
    const dialog = await screen.findByRole('dialog', { name: /Hand over/ }, slow)
    const select = await within(dialog).findByLabelText(/New owner/, {}, slow)
    const names = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(names).toEqual(['Choose a teacher', 'Mr Diego (@diego)'])
    await user.selectOptions(select, 'u-8')
    await user.click(within(dialog).getByRole('button', { name: 'Hand over' }))
    await waitFor(() =>
      expect(api.requests.find((r) => r.path === '/api/quizzes/z3/owner')?.body).toEqual({ user_id: 'u-8' }),
    )
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: "“Lan's private words” is now Mr Diego's" })),
    )
  })
})

describe('AdminQuizzes, in Vietnamese', () => {
  it('names the tabs, counts and dates in Vietnamese', async () => {
    await i18n.changeLanguage('vi')
    const quiz = {
      ...summary('z1', 'Feelings', { id: teacher.id, name: teacher.display_name }),
      question_count: 2,
      session_count: 1200,
      created_at: '2030-03-15T12:00:00Z',
    }
    renderQuizzes({ user: teacher, lists: { mine: [quiz] } })
    const feelings = await row('Feelings')
    expect(screen.getByRole('heading', { level: 1, name: 'Bài quiz' })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Bài quiz của tôi' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('tab', { name: 'Thư viện trường' })).toBeInTheDocument()
    expect(feelings.getByText('2 câu hỏi')).toBeInTheDocument()
    expect(feelings.getByText('1.200 phiên')).toBeInTheDocument()
    expect(feelings.getByText('của Ms Rivera')).toBeInTheDocument()
    // "15 thg 3, 2030" (and the time in the reader's time zone): the day before the month, as Vietnamese writes it.
    expect(feelings.getByText(/15 thg 3, 2030/)).toBeInTheDocument()
    expect(feelings.getByRole('link', { name: 'Sửa' })).toHaveAttribute('href', '/admin/quizzes/z1')
    expect(feelings.getByRole('button', { name: 'Chia sẻ với trường' })).toBeInTheDocument()
  })
})

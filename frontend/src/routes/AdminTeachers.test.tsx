import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Teacher, TeacherWithPassword } from '../api/types'
import { installFakeApi, json } from '../test/fakeApi'
import { admin, renderScreen } from '../test/render'
import AdminTeachers from './AdminTeachers'

// The whole screen renders in jsdom; on a busy machine that takes longer than findBy's default second.
const slow = { timeout: 5000 }

const lan: Teacher = {
  id: 'u-7',
  username: 'lan',
  display_name: 'Ms Lan',
  disabled: false,
  created_at: '2030-01-01T09:00:00Z',
  quiz_count: 2,
}
const diego: Teacher = { ...lan, id: 'u-8', username: 'diego', display_name: 'Mr Diego', disabled: true, quiz_count: 1 }

function renderTeachers(routes: Parameters<typeof installFakeApi>[0] = {}, teachers: Teacher[] = [lan, diego]) {
  const api = installFakeApi({ 'GET /api/teachers': () => json(teachers), ...routes })
  renderScreen(<AdminTeachers />, { path: '/admin/teachers', url: '/admin/teachers', user: admin })
  return { api, user: userEvent.setup({ delay: null }) }
}

async function row(name: string) {
  const rows = await screen.findAllByTestId('teacher-row', {}, slow)
  return within(rows.find((r) => within(r).queryByText(name))!)
}

describe('AdminTeachers', () => {
  it('lists each teacher with their username, quizzes and whether they can sign in', async () => {
    renderTeachers()
    const lanRow = await row('Ms Lan')
    expect(lanRow.getByText('@lan')).toBeInTheDocument()
    expect(lanRow.getByText('2 quizzes')).toBeInTheDocument()
    expect(lanRow.getByText('Active')).toBeInTheDocument()
    expect(lanRow.getByRole('button', { name: /Disable/ })).toBeInTheDocument()
    const diegoRow = await row('Mr Diego')
    expect(diegoRow.getByText('1 quiz')).toBeInTheDocument()
    expect(diegoRow.getByText('Disabled')).toBeInTheDocument()
    expect(diegoRow.getByRole('button', { name: /Enable/ })).toBeInTheDocument()
  })

  it('adds a teacher with a made-up password, shown once', async () => {
    const added: TeacherWithPassword = { ...lan, quiz_count: 0, new_password: 'abcd-efgh-jkmn-pqrs' }
    const { api, user } = renderTeachers({ 'POST /api/teachers': () => json(added, 201) }, [])
    await user.click((await screen.findAllByRole('button', { name: 'Add teacher' }, slow))[0])
    const form = await screen.findByRole('dialog', { name: 'Add a teacher' })
    await user.type(within(form).getByLabelText(/Username/), 'lan')
    await user.type(within(form).getByLabelText(/Name/), 'Ms Lan')
    await user.click(within(form).getByRole('button', { name: 'Add teacher' }))

    const shown = await screen.findByRole('alertdialog', { name: 'Password for Ms Lan' }, slow)
    expect(within(shown).getByText('Give this password to Ms Lan; it is shown only now.')).toBeInTheDocument()
    expect(within(shown).getByTestId('new-password')).toHaveTextContent('abcd-efgh-jkmn-pqrs')
    expect(within(shown).getByRole('button', { name: /Copy/ })).toBeInTheDocument()
    // No password typed: the server makes one up.
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ username: 'lan', display_name: 'Ms Lan' })

    await user.click(within(shown).getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(screen.queryByText('abcd-efgh-jkmn-pqrs')).not.toBeInTheDocument())
  })

  it('says inline when the username is taken, and keeps the form', async () => {
    const { user } = renderTeachers({
      'POST /api/teachers': () => json({ detail: 'That username is already taken' }, 409),
    })
    await user.click(await screen.findByRole('button', { name: 'Add teacher' }, slow))
    const form = await screen.findByRole('dialog', { name: 'Add a teacher' })
    await user.type(within(form).getByLabelText(/Username/), 'lan')
    await user.click(within(form).getByRole('button', { name: 'Add teacher' }))
    expect(await within(form).findByText('That username is already taken')).toBeInTheDocument()
    expect(within(form).getByLabelText(/Username/)).toHaveAttribute('aria-invalid', 'true')
    expect(within(form).getByLabelText(/Username/)).toHaveValue('lan')
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  })

  it('resets a password after asking, and shows the new one', async () => {
    const { api, user } = renderTeachers({
      'POST /api/teachers/u-7/password': () => json({ ...lan, new_password: 'wxyz-2345-6789-abcd' }),
    })
    await user.click((await row('Ms Lan')).getByRole('button', { name: /Reset password/ }))
    const confirm = await screen.findByRole('alertdialog', { name: "Reset Ms Lan's password?" })
    expect(confirm).toHaveTextContent('Their current password and sign-ins stop working')
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false)
    await user.click(within(confirm).getByRole('button', { name: 'Reset password' }))

    const shown = await screen.findByRole('alertdialog', { name: 'Password for Ms Lan' }, slow)
    expect(within(shown).getByTestId('new-password')).toHaveTextContent('wxyz-2345-6789-abcd')
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({})
  })

  it('disables a teacher after asking, and enables one again', async () => {
    const { api, user } = renderTeachers({
      'PATCH /api/teachers/u-7': () => json({ ...lan, disabled: true }),
      'PATCH /api/teachers/u-8': () => json({ ...diego, disabled: false }),
    })
    await user.click((await row('Ms Lan')).getByRole('button', { name: /Disable/ }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Disable Ms Lan?' })
    expect(confirm).toHaveTextContent(
      'They are signed out at once and cannot sign in; their quizzes and sessions stay.',
    )
    await user.click(within(confirm).getByRole('button', { name: 'Disable' }))
    await waitFor(() =>
      expect(api.requests.find((r) => r.path === '/api/teachers/u-7')?.body).toEqual({ disabled: true }),
    )

    await user.click((await row('Mr Diego')).getByRole('button', { name: /Enable/ }))
    await waitFor(() =>
      expect(api.requests.find((r) => r.path === '/api/teachers/u-8')?.body).toEqual({ disabled: false }),
    )
  })
})

import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { getToken } from '../auth/tokenStore'
import { RequireStaff } from '../components/RequireUser'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen, teacher } from '../test/render'
import AdminQuizzes from './AdminQuizzes'
import SignIn from './SignIn'

// The whole screen renders in jsdom; on a busy machine that takes longer than findBy's default second.
const slow = { timeout: 5000 }
const DISABLED = 'This account is disabled; ask an admin of your school'

describe('SignIn', () => {
  it('takes over when the server stops taking the token, and says why', async () => {
    installFakeApi({ 'GET /api/quizzes': () => json({ detail: DISABLED }, 401) })
    const { router } = renderScreen(
      <RequireStaff>
        <AdminQuizzes />
      </RequireStaff>,
      {
        path: '/admin',
        url: '/admin?tab=school',
        user: teacher,
        extraRoutes: [{ path: '/signin', element: <SignIn /> }],
      },
    )
    expect(await screen.findByRole('heading', { name: 'Welcome back' }, slow)).toBeInTheDocument()
    expect(screen.getByText('You were signed out')).toBeInTheDocument()
    expect(screen.getByText(DISABLED)).toBeInTheDocument()
    expect(getToken()).toBeNull()
    expect(router.state.location.pathname).toBe('/signin')
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/admin?tab=school')}`)
  })

  it("shows the server's reason when a disabled account signs in", async () => {
    installFakeApi({ 'POST /api/auth/login': () => json({ detail: DISABLED }, 403) })
    renderScreen(<SignIn />, { path: '/signin', url: '/signin', user: null })
    const user = userEvent.setup({ delay: null })
    await user.type(await screen.findByLabelText(/Username/, {}, slow), 'lan')
    await user.type(screen.getByLabelText(/^Password/), 'abcd-efgh-jkmn-pqrs')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(DISABLED)
  })
})

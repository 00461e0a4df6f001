import { createBrowserRouter, type RouteObject } from 'react-router'
import { AppShell } from './components/AppShell'
import { RequireAdmin, RequireUser } from './components/RequireUser'
import AdminProjector from './routes/AdminProjector'
import AdminQuizEditor from './routes/AdminQuizEditor'
import AdminQuizzes from './routes/AdminQuizzes'
import AdminResults from './routes/AdminResults'
import AdminSession from './routes/AdminSession'
import History from './routes/History'
import Home from './routes/Home'
import Join from './routes/Join'
import NotFound from './routes/NotFound'
import Play from './routes/Play'
import Register from './routes/Register'
import RouteError from './routes/RouteError'
import SignIn from './routes/SignIn'
import Welcome from './routes/Welcome'

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/',
        element: (
          <RequireUser>
            <Home />
          </RequireUser>
        ),
      },
      { path: '/welcome', element: <Welcome /> },
      { path: '/signin', element: <SignIn /> },
      { path: '/register', element: <Register /> },
      {
        path: '/join',
        element: (
          <RequireUser>
            <Join />
          </RequireUser>
        ),
      },
      {
        path: '/join/:code',
        element: (
          <RequireUser>
            <Join />
          </RequireUser>
        ),
      },
      {
        path: '/play/:code',
        element: (
          <RequireUser>
            <Play />
          </RequireUser>
        ),
      },
      {
        path: '/history',
        element: (
          <RequireUser>
            <History />
          </RequireUser>
        ),
      },
      {
        path: '/admin',
        element: (
          <RequireAdmin>
            <AdminQuizzes />
          </RequireAdmin>
        ),
      },
      {
        path: '/admin/quizzes/:quizId',
        element: (
          <RequireAdmin>
            <AdminQuizEditor />
          </RequireAdmin>
        ),
      },
      {
        path: '/admin/sessions/:code',
        element: (
          <RequireAdmin>
            <AdminSession />
          </RequireAdmin>
        ),
      },
      {
        path: '/admin/sessions/:code/results',
        element: (
          <RequireAdmin>
            <AdminResults />
          </RequireAdmin>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
  {
    // The projector view fills the screen: no app header.
    path: '/admin/sessions/:code/board',
    element: (
      <RequireAdmin>
        <AdminProjector />
      </RequireAdmin>
    ),
    errorElement: <RouteError />,
  },
]

export function createAppRouter() {
  return createBrowserRouter(routes)
}

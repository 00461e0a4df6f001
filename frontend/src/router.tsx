import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'
import { createBrowserRouter, type RouteObject } from 'react-router'
import { LoadingState } from './components/StateViews'
import { AppShell } from './components/AppShell'
import { RequireAdmin, RequireStaff, RequireUser } from './components/RequireUser'
import History from './routes/History'
import Home from './routes/Home'
import Join from './routes/Join'
import NotFound from './routes/NotFound'
import Play from './routes/Play'
import Practice from './routes/Practice'
import Register from './routes/Register'
import RouteError from './routes/RouteError'
import SignIn from './routes/SignIn'
import Welcome from './routes/Welcome'

// Teacher screens load on demand, so a player's phone downloads only what playing needs.
const AdminAnalytics = lazy(() => import('./routes/AdminAnalytics'))
const AdminLiveHost = lazy(() => import('./routes/AdminLiveHost'))
const AdminProjector = lazy(() => import('./routes/AdminProjector'))
const AdminQuizEditor = lazy(() => import('./routes/AdminQuizEditor'))
const AdminQuizzes = lazy(() => import('./routes/AdminQuizzes'))
const AdminResults = lazy(() => import('./routes/AdminResults'))
const AdminSession = lazy(() => import('./routes/AdminSession'))
const AdminTeachers = lazy(() => import('./routes/AdminTeachers'))
const AdminWordListImport = lazy(() => import('./routes/AdminWordListImport'))

/** A screen for teachers and admins. */
function staff(Screen: LazyExoticComponent<ComponentType>) {
  return (
    <RequireStaff>
      <Suspense fallback={<LoadingState />}>
        <Screen />
      </Suspense>
    </RequireStaff>
  )
}

/** A screen for admins only. */
function admin(Screen: LazyExoticComponent<ComponentType>) {
  return (
    <RequireAdmin>
      <Suspense fallback={<LoadingState />}>
        <Screen />
      </Suspense>
    </RequireAdmin>
  )
}

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
        path: '/practice/:code',
        element: (
          <RequireUser>
            <Practice />
          </RequireUser>
        ),
      },
      { path: '/admin', element: staff(AdminQuizzes) },
      { path: '/admin/quizzes/:quizId', element: staff(AdminQuizEditor) },
      { path: '/admin/quizzes/:quizId/import', element: staff(AdminWordListImport) },
      { path: '/admin/quizzes/:quizId/analytics', element: staff(AdminAnalytics) },
      { path: '/admin/sessions/:code', element: staff(AdminSession) },
      { path: '/admin/sessions/:code/results', element: staff(AdminResults) },
      { path: '/admin/sessions/:code/analytics', element: staff(AdminAnalytics) },
      { path: '/admin/teachers', element: admin(AdminTeachers) },
      { path: '*', element: <NotFound /> },
    ],
  },
  {
    // The projector view fills the screen: no app header.
    path: '/admin/sessions/:code/board',
    element: staff(AdminProjector),
    errorElement: <RouteError />,
  },
  {
    // The host screen of a live session also goes on the projector: no app header either.
    path: '/admin/sessions/:code/live',
    element: staff(AdminLiveHost),
    errorElement: <RouteError />,
  },
]

export function createAppRouter() {
  return createBrowserRouter(routes)
}

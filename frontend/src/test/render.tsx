import { render, renderHook } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router'
import type { ReactElement, ReactNode } from 'react'
import '../api/client'
import type { User } from '../api/types'
import { setToken } from '../auth/tokenStore'
import { authKeys } from '../hooks/queries/auth'
import { Providers } from '../Providers'

export const player: User = { id: 'u-1', username: null, display_name: 'Sam', role: 'player', is_guest: true }
export const teacher: User = {
  id: 'u-9',
  username: 'rivera',
  display_name: 'Ms Rivera',
  role: 'teacher',
  is_guest: false,
}
/** Runs the school's installation: manages the teachers, and may change every quiz. */
export const admin: User = {
  id: 'u-0',
  username: 'office',
  display_name: 'Mr Okafor',
  role: 'admin',
  is_guest: false,
}

function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
}

/** Runs a data hook with a data cache of its own, to see what it asks of the server and keeps. */
export function renderDataHook<T>(hook: () => T) {
  const queryClient = testQueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  )
  return { ...renderHook(hook, { wrapper }), queryClient }
}

/** Renders a screen at a URL, signed in as `user` (its /me answer comes from the cache, not fetch). */
export function renderScreen(
  element: ReactElement,
  {
    path,
    url,
    user = player,
    extraRoutes = [],
  }: { path: string; url: string; user?: User | null; extraRoutes?: RouteObject[] },
) {
  const queryClient = testQueryClient()
  if (user) {
    setToken('test-token')
    queryClient.setQueryData(authKeys.me('test-token'), user)
  }
  const router = createMemoryRouter([{ path, element }, ...extraRoutes], { initialEntries: [url] })
  const utils = render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  )
  return { ...utils, router, queryClient }
}

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { unwrap } from '../api/client'
import { ApiError } from '../api/errors'
import type { Token, User } from '../api/types'
import { me } from '../client'
import { getToken, setToken, subscribeToken } from './tokenStore'

type AuthState =
  | { status: 'signed-out'; user: null }
  | { status: 'loading'; user: null }
  | { status: 'error'; user: null; error: unknown; retry: () => void }
  | { status: 'signed-in'; user: User }

type AuthValue = AuthState & {
  signIn: (token: Token) => void
  signOut: () => void
}

const AuthContext = createContext<AuthValue | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [token, setTokenState] = useState<string | null>(() => getToken())

  useEffect(() => subscribeToken(setTokenState), [])

  const meQuery = useQuery({
    queryKey: ['me', token],
    queryFn: () => unwrap(me()),
    enabled: token !== null,
    staleTime: 5 * 60_000,
    // A rejected token signs out (see the client); only network trouble is worth retrying.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  })

  const signIn = useCallback(
    (answer: Token) => {
      queryClient.setQueryData(['me', answer.access_token], answer.user)
      setToken(answer.access_token)
    },
    [queryClient],
  )

  const signOut = useCallback(() => {
    setToken(null)
    queryClient.clear()
  }, [queryClient])

  const value = useMemo<AuthValue>(() => {
    let state: AuthState
    if (token === null) state = { status: 'signed-out', user: null }
    else if (meQuery.data) state = { status: 'signed-in', user: meQuery.data }
    else if (meQuery.isError)
      state = { status: 'error', user: null, error: meQuery.error, retry: () => void meQuery.refetch() }
    else state = { status: 'loading', user: null }
    return { ...state, signIn, signOut }
  }, [token, meQuery, signIn, signOut])

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth needs an AuthProvider')
  return value
}

/** The signed-in user, for screens behind RequireUser. */
export function useUser(): User {
  const auth = useAuth()
  if (auth.status !== 'signed-in') throw new Error('useUser needs a signed-in user')
  return auth.user
}

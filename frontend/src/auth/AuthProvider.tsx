import { useQueryClient } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Token, User } from '../api/types'
import { rememberUser, useMe } from '../hooks/queries/auth'
import { getToken, setToken, subscribeToken, tokenRefusal } from './tokenStore'

type AuthState =
  /** `refusal`: the server's reason when it stopped taking the token, null after a sign-out of one's own. */
  | { status: 'signed-out'; user: null; refusal: string | null }
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
  const [refusal, setRefusal] = useState<string | null>(null)

  useEffect(
    () =>
      subscribeToken((next) => {
        setTokenState(next)
        setRefusal(tokenRefusal())
        // Whoever signs in next must not see what the last account had loaded.
        if (next === null) queryClient.clear()
      }),
    [queryClient],
  )

  const meQuery = useMe(token)

  const signIn = useCallback(
    (answer: Token) => {
      rememberUser(queryClient, answer)
      setToken(answer.access_token)
    },
    [queryClient],
  )

  const signOut = useCallback(() => setToken(null), [])

  const value = useMemo<AuthValue>(() => {
    let state: AuthState
    if (token === null) state = { status: 'signed-out', user: null, refusal }
    else if (meQuery.data) state = { status: 'signed-in', user: meQuery.data }
    else if (meQuery.isError)
      state = { status: 'error', user: null, error: meQuery.error, retry: () => void meQuery.refetch() }
    else state = { status: 'loading', user: null }
    return { ...state, signIn, signOut }
  }, [token, refusal, meQuery, signIn, signOut])

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

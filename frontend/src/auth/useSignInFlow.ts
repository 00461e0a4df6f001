import { useNavigate, useSearchParams } from 'react-router'
import type { Token } from '../api/types'
import { safeNextPath } from '../lib/nextPath'
import { useAuth } from './AuthProvider'

/**
 * For the welcome, sign-in and register screens: whether someone is signed in already, and where to
 * go once they are (the link's `next`, when it stays inside the app).
 */
export function useSignInFlow() {
  const auth = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const nextParam = params.get('next')
  return {
    signedIn: auth.status === 'signed-in',
    next: (fallback?: string) => safeNextPath(nextParam, fallback),
    /** Keeps the link's `next` on the links to the other two screens ('' when there is none). */
    nextQuery: nextParam ? `?next=${encodeURIComponent(nextParam)}` : '',
    /** Signs in with the token the screen was given, and goes on. */
    enter: (token: Token, fallback: string) => {
      auth.signIn(token)
      navigate(safeNextPath(nextParam, fallback), { replace: true })
    },
  }
}

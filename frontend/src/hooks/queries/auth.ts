import { useMutation, useQuery, type QueryClient } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { ApiError } from '../../api/errors'
import type { Token } from '../../api/types'
import { guest, login, me, register, type LoginData, type RegisterData } from '../../client'

export const authKeys = {
  /** The user a token belongs to: another token, another user. */
  me: (token: string | null) => ['me', token] as const,
}

/** Who `token` belongs to (GET /me); nothing is asked without a token. */
export function useMe(token: string | null) {
  return useQuery({
    queryKey: authKeys.me(token),
    queryFn: () => unwrap(me()),
    enabled: token !== null,
    staleTime: 5 * 60_000,
    // A rejected token signs out (see the client); only network trouble is worth retrying.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  })
}

/** Keeps the user a sign-in answered with, so that no GET /me is needed after it. */
export function rememberUser(queryClient: QueryClient, token: Token) {
  queryClient.setQueryData(authKeys.me(token.access_token), token.user)
}

type SignedIn = (token: Token) => void

export function useLogin(onSignedIn: SignedIn) {
  return useMutation({
    mutationFn: (body: LoginData['body']) => unwrap(login({ body })),
    onSuccess: onSignedIn,
  })
}

export function useRegister(onSignedIn: SignedIn) {
  return useMutation({
    mutationFn: (body: RegisterData['body']) => unwrap(register({ body })),
    onSuccess: onSignedIn,
  })
}

/** Plays as a guest with just a name. */
export function useGuest(onSignedIn: SignedIn) {
  return useMutation({
    mutationFn: (displayName: string) => unwrap(guest({ body: { display_name: displayName } })),
    onSuccess: onSignedIn,
  })
}

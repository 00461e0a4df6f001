import { client } from '../client/client.gen'
import { getToken, refuseToken } from '../auth/tokenStore'
import { ApiError, apiErrorOf } from './errors'

// Same origin in production and through Vite's proxy in development.
client.setConfig({ baseUrl: globalThis.location?.origin ?? '' })

client.interceptors.request.use((request) => {
  const token = getToken()
  if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`)
  return request
})

/**
 * A token the server no longer accepts (revoked, or the account disabled) is useless: drop it, with
 * the server's reason, so the app asks to sign in again. A 401 for a token already replaced by a
 * newer sign-in leaves that one alone.
 */
async function dropRefusedToken(response: Response, sentToken: string | null) {
  if (response.status !== 401 || sentToken === null || sentToken !== getToken()) return
  refuseToken(apiErrorOf(401, await jsonOrNull(response.clone())).message)
}

async function jsonOrNull(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return null
  }
}

client.interceptors.response.use(async (response, request) => {
  const sent = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? null
  await dropRefusedToken(response, sent)
  return response
})

type Outcome<T> = { data?: T; error?: unknown; response?: Response }

/** Resolves to the response body, or throws an ApiError with a plain-language message. */
export async function unwrap<T>(pending: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await pending
  if (!response) throw new ApiError(0, null)
  if (!response.ok || error !== undefined) throw apiErrorOf(response.status, error)
  return data as T
}

/** Like unwrap, and also how far the server's clock is ahead of ours, from its Date header. */
export async function unwrapWithClock<T>(pending: Promise<Outcome<T>>): Promise<{ data: T; serverOffsetMs: number }> {
  const outcome = await pending
  const receivedAt = Date.now()
  const data = await unwrap(Promise.resolve(outcome))
  const header = outcome.response?.headers.get('Date')
  const serverTime = header ? Date.parse(header) : NaN
  // Date has one-second resolution, so only a difference larger than that is worth correcting.
  const offset = Number.isNaN(serverTime) ? 0 : serverTime + 500 - receivedAt
  return { data, serverOffsetMs: Math.abs(offset) > 1500 ? offset : 0 }
}

/** Fetches a file with the auth header (a plain link cannot send it) and saves it. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const token = getToken()
  let response: Response
  try {
    response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch {
    throw new ApiError(0, null)
  }
  await dropRefusedToken(response, token)
  if (!response.ok) throw apiErrorOf(response.status, await jsonOrNull(response))
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName
  const href = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export { client }

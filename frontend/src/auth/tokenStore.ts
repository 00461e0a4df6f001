// The access token lives in localStorage so a refresh (or a guest coming back) stays signed in.
const KEY = 'vocabquiz.token'

type Listener = (token: string | null) => void
const listeners = new Set<Listener>()
// Why the server stopped taking the token (e.g. "This account is disabled…"), until the next sign-in or sign-out.
let refusal: string | null = null

export function getToken(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

function store(token: string | null): void {
  try {
    if (token) localStorage.setItem(KEY, token)
    else localStorage.removeItem(KEY)
  } catch {
    // Private browsing can refuse storage; the session still works until the tab closes.
  }
  listeners.forEach((listener) => listener(token))
}

/** A sign-in (a token) or a sign-out of one's own (null). */
export function setToken(token: string | null): void {
  refusal = null
  store(token)
}

/** The server refused the token: it is dropped, and `reason` kept for the sign-in screen. */
export function refuseToken(reason: string): void {
  refusal = reason
  store(null)
}

/** What the server said when it last refused the token; null when the user signed out themselves. */
export function tokenRefusal(): string | null {
  return refusal
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

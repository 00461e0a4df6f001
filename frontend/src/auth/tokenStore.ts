// The access token lives in localStorage so a refresh (or a guest coming back) stays signed in.
const KEY = 'vocabquiz.token'

type Listener = (token: string | null) => void
const listeners = new Set<Listener>()

export function getToken(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(KEY, token)
    else localStorage.removeItem(KEY)
  } catch {
    // Private browsing can refuse storage; the session still works until the tab closes.
  }
  listeners.forEach((listener) => listener(token))
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Where to go after signing in: only paths inside the app, never another site. */
export function safeNextPath(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback
  return next
}

/** The join code a "next" path leads to, to greet the player with it. */
export function joinCodeInPath(path: string): string | null {
  return /^\/(?:join|play)\/([^/?#]+)/.exec(path)?.[1]?.toUpperCase() ?? null
}

import { useQuery } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { joinLink } from '../../client'
import { currentOrigin } from '../../lib/joinLink'

export const joinLinkKeys = {
  base: ['join-link'] as const,
}

export type JoinAddress = {
  /** The base URL for join links and QR codes, e.g. "http://192.168.1.20:8000". */
  base: string
  /** False when only this computer can open it (the server listens on 127.0.0.1 alone). */
  reachable: boolean
}

/**
 * Where learners' phones can reach the app, from the server (GET /api/join-link). While that loads,
 * or if it fails, the browser's own origin, with no warning: the server is the one who knows.
 */
export function useJoinLinkBase(): JoinAddress {
  const query = useQuery({
    queryKey: joinLinkKeys.base,
    queryFn: () => unwrap(joinLink()),
    // The server's address does not change during a lesson.
    staleTime: 5 * 60_000,
  })
  const served = query.data
  if (!served?.url) return { base: currentOrigin(), reachable: true }
  return { base: served.url.replace(/\/+$/, ''), reachable: served.reachable }
}

import { useQuery } from '@tanstack/react-query'
import { client, unwrap } from '../api/client'
import type { JoinLinkBase } from '../api/types'
import { currentOrigin } from '../lib/joinLink'

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
    queryKey: ['join-link'],
    // Not in the generated client yet, so called by URL.
    queryFn: () => unwrap(client.get<{ 200: JoinLinkBase }>({ url: '/api/join-link' })),
    // The server's address does not change during a lesson.
    staleTime: 5 * 60_000,
  })
  const served = query.data
  if (!served?.url) return { base: currentOrigin(), reachable: true }
  return { base: served.url.replace(/\/+$/, ''), reachable: served.reachable }
}
